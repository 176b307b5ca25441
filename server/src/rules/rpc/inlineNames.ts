// Names in prose that claim to be services or rpcs: fully qualified services (`billing.v1.Ledger`),
// `Service.Method`, gRPC paths, and bare method-like names in a passage about a known service.
// A bare name is only judged when nothing else in the workspace or the doc explains it.
import type { DocModel } from '../../markdown/docModel';
import { code, source, where, type RpcCheckContext } from './findings';
import { PROTO_LANGS } from './docBlocks';
import { inlineRefs, servicesInContext, sentenceAt, textAfter, type InlineRef } from './inlineText';
import { isConfidentSuggestion, nearestName, protoSymbols, type ServiceRef } from './symbols';
import { memoize } from '../../engine/memo';
import type { IndexSnapshot } from '../../index/snapshot';

const QUALIFIED = /^\.?((?:[a-z_]\w*\.)+)([A-Z]\w*)(?:\.([A-Z]\w*))?$/;
const GRPC_PATH = /^\/((?:[a-z_]\w*\.)+)([A-Z]\w*)\/([A-Z]\w*)$/;
const SERVICE_METHOD = /^([A-Z]\w*)\.([A-Z]\w*)(?:\(\))?$/;
const METHOD_LIKE = /^[A-Z][a-z0-9]+(?:[A-Z]+[a-z0-9]*)+$/;
const NOT_A_METHOD = /(Request|Response|Reply|Service|API|Api|Server|Client|Error|Err|Config|Options|Opts|Spec|Status|State|Event|Summary|Message|Envelope|Type|Kind|Info|Policy|Storage|Mode|Handler|Store|Repo|Manager|Builder|Factory|Interface|Impl)$/;
const VERB =
  /^(Get|List|Create|Update|Delete|Remove|Add|Set|Put|Patch|Watch|Stream|Start|Stop|Pause|Resume|Cancel|Retire|Register|Unregister|Deregister|Subscribe|Unsubscribe|Publish|Send|Ack|Acknowledge|Fetch|Search|Query|Upload|Download|Sync|Report|Check|Ping|Enroll|Revoke|Rotate|Approve|Reject|Apply|Close|Open|Trigger|Run|Execute|Lookup|Describe|Batch|Claim|Release|Lock|Unlock|Renew|Refresh|Issue|Assign|Schedule|Reschedule|Submit|Complete|Finish|Abort|Retry|Replay|Import|Export|Archive|Restore|Drain|Decommission|Provision|Activate|Deactivate|Enable|Disable|Mark|Move|Promote|Rollback|Roll|Write|Read|Mint|Verify|Validate|Resolve|Notify|Dispatch|Ship|Track|Ingest|Forward|Relay|Route|Reserve|Allocate|Confirm|Reconcile|Split|Merge)[A-Z]/;
const RPC_WORDS = /\b(rpcs?|gRPC)\b/i;
const CALL_WORDS = /\b(methods?|call|calls|called|calling|endpoints?|invoke[sd]?)\b/i;
const NON_RPC_NOUN = /^\s*(message|type|enum|field|struct|func|function|interface|package|variable|const(?:ant)?|class|object|table|collection|bucket|subject|stream|header|flag|option|setting|command)s?\b/i;

export function checkInlineNames(ctx: RpcCheckContext): void {
  const { doc, out } = ctx;
  const explained = explainedNames(ctx);
  for (const ref of inlineRefs(doc)) {
    if (out.judgedInline.has(ref.code.start)) continue;
    const v = ref.code.value.trim();
    let m = GRPC_PATH.exec(v);
    if (m) {
      checkQualified(ctx, ref, m[1].slice(0, -1), m[2], m[3]);
      continue;
    }
    m = QUALIFIED.exec(v);
    if (m) {
      checkQualified(ctx, ref, m[1].slice(0, -1), m[2], m[3]);
      continue;
    }
    m = SERVICE_METHOD.exec(v);
    if (m) {
      checkServiceMethod(ctx, ref, m[1], m[2]);
      continue;
    }
    if (METHOD_LIKE.test(v) && !explained.has(v)) checkBareName(ctx, ref, v);
  }
}

/** `pkg.Service`, `pkg.Service.Method`, `/pkg.Service/Method`. */
function checkQualified(ctx: RpcCheckContext, ref: InlineRef, pkg: string, name: string, method: string | undefined): void {
  const { sym, out } = ctx;
  const full = `${pkg}.${name}`;
  const svc = sym.services.find((s) => s.svc.fullName === full);
  if (!svc) {
    // A message or enum named in full is someone else's claim; so is anything of no known package
    // unless it is a near miss of a real service.
    if (sym.messages.some((x) => x.msg.fullName === full) || sym.enums.some((x) => x.en.fullName === full)) return;
    if (sym.messages.some((x) => x.msg.fullName === `${pkg}.${name}.${method}`)) return;
    // `fleetv1.FleetAPIClient` is Go: a one-word qualifier that is no proto package is not a proto name.
    if (!sym.packages.has(pkg) && (!pkg.includes('.') || sym.goPackageNames.has(pkg))) return;
    const near = nearestName(full, sym.services.map((s) => s.svc.fullName));
    const sameName = sym.services.filter((s) => s.svc.name === name);
    if (!sym.packages.has(pkg) && !sameName.length && !(near && isConfidentSuggestion(full, near))) return;
    if (sym.packages.has(pkg) && !sameName.length && !near && !/(Service|API|Api|Svc)$/.test(name) && !method) return;
    const suggestion = near ?? (sameName.length === 1 ? sameName[0].svc.fullName : undefined);
    const ref2 = suggestion ? sym.services.find((s) => s.svc.fullName === suggestion) : undefined;
    out.judgedInline.add(ref.code.start);
    out.claim('rpc-unknown-service', ref.code.range);
    const fixedText = suggestion ? ref.code.value.trim().replace(full, suggestion) : undefined;
    out.report('rpc-unknown-service', {
      range: ref.code.range,
      message: `Doc names service ${code(full)}; no .proto file declares it${ref2 ? ` (nearest: ${code(ref2.svc.fullName)} in ${where(ref2.svc.loc)})` : ''}`,
      sources: ref2 ? [source(ref2.svc.loc, `service ${ref2.svc.fullName}`)] : undefined,
      fixes: fixedText ? [{ title: `Replace with ${fixedText}`, edits: [{ range: ref.code.range, newText: fixedText }], isPreferred: isConfidentSuggestion(full, suggestion!) }] : undefined,
    });
    return;
  }
  out.judgedInline.add(ref.code.start);
  out.claim('rpc-unknown-service', ref.code.range);
  if (method) checkMethodOf(ctx, ref, svc, method);
}

function checkServiceMethod(ctx: RpcCheckContext, ref: InlineRef, service: string, method: string): void {
  const { sym } = ctx;
  const svcs = sym.services.filter((s) => s.svc.name === service);
  // `Outer.Inner` of messages and enums is a nested type, not a method.
  if (svcs.length !== 1 || sym.messages.some((m) => m.msg.name === service) || sym.enums.some((e) => e.en.name === service)) return;
  ctx.out.judgedInline.add(ref.code.start);
  checkMethodOf(ctx, ref, svcs[0], method);
}

function checkMethodOf(ctx: RpcCheckContext, ref: InlineRef, svc: ServiceRef, method: string): void {
  const { out } = ctx;
  out.claim('rpc-unknown-method', ref.code.range);
  if (svc.svc.rpcs.some((r) => r.name === method)) return;
  const near = nearestName(method, svc.svc.rpcs.map((r) => r.name));
  const value = ref.code.value;
  const fixed = near ? value.replace(new RegExp(`${method}(?=\\W*$)`), near) : undefined;
  out.report('rpc-unknown-method', {
    range: ref.code.range,
    message: `Doc names ${code(`${svc.svc.name}.${method}`)}; ${where(svc.svc.loc)} declares no rpc ${code(method)} in ${code(svc.svc.fullName)}${near ? ` (nearest: ${code(near)})` : ''}`,
    sources: [source(svc.svc.loc, `service ${svc.svc.fullName}`)],
    fixes: fixed ? [{ title: `Replace with ${fixed}`, edits: [{ range: ref.code.range, newText: fixed }], isPreferred: isConfidentSuggestion(method, near!) }] : undefined,
  });
}

/**
 * A method-like name (`RetireDevice`) in a passage about a known service, said to be a call or
 * shaped like one, that no rpc, type, Go declaration or doc snippet declares.
 */
function checkBareName(ctx: RpcCheckContext, ref: InlineRef, name: string): void {
  const { doc, sym, out } = ctx;
  if (NOT_A_METHOD.test(name)) return;
  const { inBlock, inHeadings, inSection } = servicesInContext(doc, sym, ref.block);
  const strong = [...new Set([...inBlock, ...inHeadings])];
  const weak = inSection.filter((s) => !strong.includes(s));
  if (!strong.length && !weak.length) return;
  const sentence = sentenceAt(doc, ref.block, ref.code.start).text;
  const rpcNamed = RPC_WORDS.test(sentence);
  const callNamed = CALL_WORDS.test(sentence);
  const verb = VERB.test(name);
  // The weaker the tie to a service, the more the name and the sentence must look like an rpc.
  const context = strong.length && (rpcNamed || callNamed || verb || sharesRpcShape(name, strong)) ? strong : weak.length && (rpcNamed || [callNamed, verb, sharesRpcShape(name, weak)].filter(Boolean).length >= 2) ? weak : [];
  if (!context.length) return;
  if (NON_RPC_NOUN.test(textAfter(doc, ref).text)) return;
  out.judgedInline.add(ref.code.start);
  out.claim('rpc-unknown-method', ref.code.range);
  const svc = context.length === 1 ? context[0] : undefined;
  const pool = svc ? svc.svc.rpcs : context.flatMap((s) => s.svc.rpcs);
  const near = nearestName(name, pool.map((r) => r.name));
  const nearRpc = near ? pool.find((r) => r.name === near) : undefined;
  out.report('rpc-unknown-method', {
    range: ref.code.range,
    message: svc
      ? `Doc names ${code(name)} as a method of ${code(svc.svc.name)}; ${where(svc.svc.loc)} declares no such rpc${near ? ` (nearest: ${code(near)})` : ''}`
      : `Doc names ${code(name)} as a method; no service in the .proto files declares it${near ? ` (nearest: ${code(near)})` : ''}`,
    sources: nearRpc ? [source(nearRpc.loc, `rpc ${nearRpc.name}`)] : svc ? [source(svc.svc.loc, `service ${svc.svc.fullName}`)] : undefined,
    // A different rpc is a different claim: suggest, never apply.
    fixes: near ? [{ title: `Replace with ${near}`, edits: [{ range: ref.code.range, newText: near }], isPreferred: false }] : undefined,
  });
}

/** Named like the service's rpcs: the same leading verb or the same trailing noun (`GetDevice` ~ `RetireDevice`). */
function sharesRpcShape(name: string, services: ServiceRef[]): boolean {
  const humps = (s: string): string[] => s.match(/[A-Z]+[a-z0-9]*/g) ?? [];
  const h = humps(name);
  return services.some((s) =>
    s.svc.rpcs.some((r) => {
      const rh = humps(r.name);
      return rh.length > 1 && (rh[0] === h[0] || rh[rh.length - 1] === h[h.length - 1]);
    }),
  );
}

/** Names something other than an rpc accounts for: proto types and members, Go declarations, env names, names in the doc's other code blocks. */
function explainedNames(ctx: RpcCheckContext): { has(name: string): boolean } {
  const byIndex = explainedByIndex(ctx.index);
  const { names: declared, receivers } = ctx.index.declaredNames;
  const byDoc = explainedByDoc(ctx.doc);
  return { has: (name) => byIndex.has(name) || declared.has(name) || receivers.has(name) || byDoc.has(name) };
}

/** The workspace's proto names and variables, once per snapshot (Go declarations are shared between snapshots). */
const explainedByIndex = memoize((index: IndexSnapshot): Set<string> => {
  const names = new Set(protoSymbols(index).names);
  for (const n of index.envNames.names) names.add(n);
  return names;
});

const explainedByDoc = memoize((doc: DocModel): Set<string> => {
  const names = new Set<string>();
  for (const b of doc.codeBlocks) {
    if (PROTO_LANGS.has(b.lang)) continue;
    for (const w of b.value.match(/[A-Za-z_]\w*/g) ?? []) names.add(w);
  }
  // Names a doc proto block defines are judged by the block checks, not as prose.
  for (const b of doc.codeBlocks) {
    if (!PROTO_LANGS.has(b.lang)) continue;
    for (const w of b.value.match(/\b(?:message|enum|service|rpc)\s+(\w+)/g) ?? []) names.add(w.split(/\s+/)[1]);
  }
  return names;
});
