// Inline code that spells out an rpc signature, `Watch(WatchRequest) returns (stream Event)`, and
// prose that names what an rpc returns or takes, compared with the rpc of that name.
import { code, source, where, type RpcCheckContext } from './findings';
import { signatureDiff, signatureText } from './blockCheck';
import { inlineRefs, parseRpcMention, rpcsForMention, textAfter } from './inlineText';
import { isConfidentSuggestion, nearestName, sameType, type RpcRef } from './symbols';

const SIGNATURE = /^(rpc\s+)?(?:([A-Za-z_][\w.]*)\.)?([A-Z]\w*)\s*\(\s*(stream\s+)?(\.?[A-Za-z_][\w.]*)\s*\)\s*returns\s*\(\s*(stream\s+)?(\.?[A-Za-z_][\w.]*)\s*\)\s*(;?)$/;

export function checkInlineSignatures(ctx: RpcCheckContext): void {
  const { doc, sym, out } = ctx;
  for (const ref of inlineRefs(doc)) {
    const m = SIGNATURE.exec(ref.code.value.trim());
    if (!m) continue;
    const [, rpcKw, qualifier, name, reqStream, reqType, respStream, respType, semi] = m;
    out.judgedInline.add(ref.code.start);
    const claimed = { name, requestType: reqType, requestStream: !!reqStream, responseType: respType, responseStream: !!respStream };
    const cands = rpcsForMention(sym, { service: qualifier, name }, doc, ref.block);
    const format = (r: typeof claimed): string => `${rpcKw ?? ''}${qualifier ? `${qualifier}.` : ''}${signatureText(r)}${semi}`;
    out.claim('rpc-unknown-method', ref.code.range);
    if (!cands.length) {
      const pool = qualifier ? sym.rpcs.filter((r) => r.svc.name === qualifier || r.svc.fullName === qualifier) : sym.rpcs;
      const near = nearestName(name, pool.map((r) => r.rpc.name));
      const nearRef = near ? pool.find((r) => r.rpc.name === near) : undefined;
      out.report('rpc-unknown-method', {
        range: ref.code.range,
        message: `Doc shows the signature of ${code(name)}; no service${qualifier ? ` ${code(qualifier)}` : ''} in the .proto files declares an rpc of that name${nearRef ? ` (nearest: ${code(`${nearRef.svc.name}.${nearRef.rpc.name}`)})` : ''}`,
        sources: nearRef ? [source(nearRef.rpc.loc, `rpc ${nearRef.rpc.name}`)] : undefined,
        fixes: nearRef
          ? [{ title: `Replace with \`${format(nearRef.rpc)}\``, edits: [{ range: ref.code.range, newText: format(nearRef.rpc) }], isPreferred: isConfidentSuggestion(name, near!) && !signatureDiff(claimed, nearRef.rpc) }]
          : undefined,
      });
      continue;
    }
    out.claim('rpc-signature', ref.code.range);
    if (cands.some((c) => !signatureDiff(claimed, c.rpc))) continue;
    const real = cands[0];
    const diff = signatureDiff(claimed, real.rpc)!;
    const fixed = format(real.rpc);
    out.report('rpc-signature', {
      range: ref.code.range,
      message: `Doc says ${code(name)} ${diff.doc}; ${where(real.rpc.loc)} ${diff.real}`,
      sources: [source(real.rpc.loc, `rpc ${name} in ${real.svc.fullName}`)],
      // Several services with this rpc and no hint which one the doc means: ask, do not apply.
      fixes: [{ title: `Replace with \`${fixed}\``, edits: [{ range: ref.code.range, newText: fixed }], isPreferred: cands.length === 1 }],
    });
  }
}

const RETURNS = /^\s*(?:,\s*which\s+|\s+which\s+)?(returns|responds with|answers with|takes|accepts|receives)\s+(?:(?:a|an|the|one|a single)\s+)?(stream of\s+|streams? of\s+|a stream of\s+)?$/i;
const TYPE_NAME = /^\.?[A-Za-z_][\w.]*$/;

/**
 * "`PauseRollout` returns `Rollout`", "`Upload` takes a stream of `Chunk`": one side of an rpc
 * named in prose, when the type is a declared one and nothing but those words stand between.
 */
export function checkReturnClaims(ctx: RpcCheckContext): void {
  const { doc, sym, out } = ctx;
  for (const ref of inlineRefs(doc)) {
    if (out.judgedInline.has(ref.code.start)) continue;
    const next = ref.block.inlineCodes[ref.i + 1];
    if (!next || out.judgedInline.has(next.start)) continue;
    const mention = parseRpcMention(ref.code.value);
    if (!mention) continue;
    const m = RETURNS.exec(textAfter(doc, ref).text);
    const type = next.value.trim();
    if (!m || !TYPE_NAME.test(type) || !(sym.isType(type) || type.startsWith('google.protobuf.'))) continue;
    const cands = rpcsForMention(sym, mention, doc, ref.block);
    if (!cands.length) continue;
    const response = /^(returns|responds|answers)/i.test(m[1]);
    const streamSaid = !!m[2];
    out.judgedInline.add(next.start);
    // The claim is the rpc and the type together: "`PauseRollout` returns `Rollout`".
    out.claim('rpc-signature', doc.range(ref.code.start, next.end));
    const sideOf = (c: RpcRef): { type: string; stream: boolean } =>
      response ? { type: c.rpc.responseType, stream: c.rpc.responseStream } : { type: c.rpc.requestType, stream: c.rpc.requestStream };
    // Without "stream of" the sentence says nothing about streaming; only the type is judged.
    if (cands.some((c) => sameType(type, sideOf(c).type) && (!streamSaid || sideOf(c).stream))) continue;
    const real = cands[0];
    const side = sideOf(real);
    const verb = response ? 'returns' : 'takes';
    const said = `${streamSaid ? 'a stream of ' : ''}${code(type)}`;
    const truth = `${side.stream ? 'a stream of ' : ''}${code(side.type)}`;
    const typeWrong = !sameType(type, side.type);
    out.report('rpc-signature', {
      range: typeWrong ? next.range : doc.range(ref.code.start, next.end),
      message: `Doc says ${code(real.rpc.name)} ${verb} ${said}; ${where(real.rpc.loc)} ${verb} ${truth}`,
      sources: [source(real.rpc.loc, `rpc ${real.rpc.name} in ${real.svc.fullName}`)],
      fixes: typeWrong ? [{ title: `Replace with ${side.type}`, edits: [{ range: next.range, newText: side.type }], isPreferred: cands.length === 1 }] : undefined,
    });
  }
}
