// Inline code that spells out an rpc signature, `Watch(WatchRequest) returns (stream Event)`,
// compared with the rpc of that name.
import { code, source, where, type RpcCheckContext } from './findings';
import { signatureDiff, signatureText } from './blockCheck';
import { inlineRefs, rpcsForMention, servicesInContext } from './inlineText';
import { isConfidentSuggestion, nearestName } from './symbols';

const SIGNATURE = /^(rpc\s+)?(?:([A-Za-z_][\w.]*)\.)?([A-Z]\w*)\s*\(\s*(stream\s+)?(\.?[A-Za-z_][\w.]*)\s*\)\s*returns\s*\(\s*(stream\s+)?(\.?[A-Za-z_][\w.]*)\s*\)\s*(;?)$/;

export function checkInlineSignatures(ctx: RpcCheckContext): void {
  const { doc, sym, out } = ctx;
  for (const ref of inlineRefs(doc)) {
    const m = SIGNATURE.exec(ref.code.value.trim());
    if (!m) continue;
    const [, rpcKw, qualifier, name, reqStream, reqType, respStream, respType, semi] = m;
    out.judgedInline.add(ref.code.start);
    const claimed = { name, requestType: reqType, requestStream: !!reqStream, responseType: respType, responseStream: !!respStream };
    const { inBlock, inHeadings } = servicesInContext(doc, sym, ref.block);
    const cands = rpcsForMention(sym, { service: qualifier, name }, [...inBlock, ...inHeadings]);
    const format = (r: typeof claimed): string => `${rpcKw ?? ''}${qualifier ? `${qualifier}.` : ''}${signatureText(r)}${semi}`;
    out.claim('rpc-unknown-method');
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
    out.claim('rpc-signature');
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
