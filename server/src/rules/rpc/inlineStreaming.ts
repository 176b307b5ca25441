// Prose that says what kind of call an rpc is: "`Upload` is client-streaming", "`Chat` is a
// bidirectional stream", "`Get`, a unary call", "the server-streaming `Watch` rpc". Only a kind
// word tied to the name by a few linking words counts; anything looser is not a claim.
import { code, headline, source, where, type RpcCheckContext } from './findings';
import { inlineRefs, parseRpcMention, rpcsForMention, textAfter, textBefore, type InlineRef } from './inlineText';
import type { RpcRef } from './symbols';

export type StreamKind = 'unary' | 'client' | 'server' | 'bidi';

const KIND =
  String.raw`(client[- ]?(?:side[- ])?stream(?:ing|ed)?|server[- ]?(?:side[- ])?stream(?:ing|ed)?|` +
  String.raw`bi-?directional(?:(?:ly)?[- ]stream(?:ing|ed)?)?|bidi(?:[- ]stream(?:ing)?)?|(?:full[- ])?duplex(?:[- ]stream(?:ing)?)?|unary|non-?streaming)`;

const AFTER = new RegExp(
  String.raw`^\s*(?:[,:(]|—|–|-)?\s*(?:(?:is|are|was|remains|stays|becomes)\s+)?(?:(?:a|an|the|also|still|always|now|only|simply|just|plain|one|single|fully)\s+)*${KIND}(?![\w-])`,
  'i',
);
const BEFORE = new RegExp(String.raw`(?:^|[\s(])${KIND}\s+(?:(?:gRPC\s+)?(?:rpc|call|method|endpoint)s?\s+)?$`, 'i');
const JOINER = /^\s*(?:,|,?\s*and|,?\s*or|&)\s*$/i;

export function kindOf(r: { requestStream: boolean; responseStream: boolean }): StreamKind {
  if (r.requestStream && r.responseStream) return 'bidi';
  if (r.requestStream) return 'client';
  if (r.responseStream) return 'server';
  return 'unary';
}

export const KIND_WORD: Record<StreamKind, string> = {
  unary: 'unary',
  client: 'client-streaming',
  server: 'server-streaming',
  bidi: 'bidirectional-streaming',
};

function classify(phrase: string): StreamKind {
  const p = phrase.toLowerCase();
  if (p.startsWith('client')) return 'client';
  if (p.startsWith('server')) return 'server';
  if (p.startsWith('bi') || p.includes('duplex')) return 'bidi';
  return 'unary';
}

/** The words to put in place of a kind phrase, keeping its grammar (adjective or noun). */
function replacement(phrase: string, kind: StreamKind): string {
  const noun = /stream$/i.test(phrase);
  const word = noun ? { unary: 'unary call', client: 'client-streaming call', server: 'server-streaming call', bidi: 'bidirectional stream' }[kind] : KIND_WORD[kind];
  return /^[A-Z]/.test(phrase) ? word[0].toUpperCase() + word.slice(1) : word;
}

interface KindClaim {
  kind: StreamKind;
  phrase: string;
  start: number;
  end: number;
}

function claimAfter(ctx: RpcCheckContext, ref: InlineRef): KindClaim | undefined {
  const after = textAfter(ctx.doc, ref);
  const m = AFTER.exec(after.text);
  if (!m) return undefined;
  const at = m.index + m[0].length - m[1].length;
  return { kind: classify(m[1]), phrase: m[1], start: after.offsets[at], end: after.offsets[at + m[1].length - 1] + 1 };
}

function claimBefore(ctx: RpcCheckContext, ref: InlineRef): KindClaim | undefined {
  const before = textBefore(ctx.doc, ref);
  const m = BEFORE.exec(before.text);
  if (!m) return undefined;
  const at = m.index + m[0].indexOf(m[1]);
  return { kind: classify(m[1]), phrase: m[1], start: before.offsets[at], end: before.offsets[at + m[1].length - 1] + 1 };
}

export function checkStreamingClaims(ctx: RpcCheckContext): void {
  const { doc, sym, out } = ctx;
  const refs = inlineRefs(doc);
  for (let k = 0; k < refs.length; k++) {
    const ref = refs[k];
    if (out.judgedInline.has(ref.code.start)) continue;
    const group = mentionGroup(ctx, refs, k);
    if (!group.length) continue;
    k += group.length - 1;
    const claim = claimAfter(ctx, group[group.length - 1].ref) ?? claimBefore(ctx, group[0].ref);
    if (!claim) continue;
    for (const { ref: r, cands } of group) {
      out.judgedInline.add(r.code.start);
      out.claim('rpc-streaming-kind', r.code.range);
      if (cands.some((c) => kindOf(c.rpc) === claim.kind)) continue;
      const real = cands[0];
      const realKind = kindOf(real.rpc);
      const unanimous = cands.every((c) => kindOf(c.rpc) === realKind);
      // One phrase for several rpcs of different kinds cannot be rewritten for each of them.
      const shared = group.length > 1;
      out.report('rpc-streaming-kind', {
        range: r.code.range,
        message: `Doc says ${code(real.rpc.name)} is ${KIND_WORD[claim.kind]}; ${where(real.rpc.loc)} declares it ${KIND_WORD[realKind]}: ${code(headline(real.rpc.text))}`,
        sources: [source(real.rpc.loc, `rpc ${real.rpc.name} in ${real.svc.fullName}`)],
        fixes: shared
          ? undefined
          : [
              {
                title: `Say ${replacement(claim.phrase, realKind)}`,
                edits: [{ range: doc.range(claim.start, claim.end), newText: replacement(claim.phrase, realKind) }],
                isPreferred: unanimous,
              },
            ],
      });
    }
  }
}

/** The rpc named at `k` and any joined to it by "and", "or" or commas: `A`, `B` and `C` are unary. */
function mentionGroup(ctx: RpcCheckContext, refs: InlineRef[], k: number): { ref: InlineRef; cands: RpcRef[] }[] {
  const group: { ref: InlineRef; cands: RpcRef[] }[] = [];
  for (let j = k; j < refs.length; j++) {
    const ref = refs[j];
    if (j > k && (ref.block !== refs[j - 1].block || !JOINER.test(textAfter(ctx.doc, refs[j - 1]).text))) break;
    const mention = parseRpcMention(ref.code.value);
    if (!mention) break;
    const cands = rpcsForMention(ctx.sym, mention, ctx.doc, ref.block);
    if (!cands.length) break;
    group.push({ ref, cands });
  }
  return group;
}

const KIND_CELL = new RegExp(String.raw`^\s*${KIND}\s*$`, 'i');
const STREAM_WORD: Record<string, StreamKind> = { no: 'unary', none: 'unary', server: 'server', client: 'client', both: 'bidi', bidi: 'bidi', bidirectional: 'bidi', 'server-side': 'server', 'client-side': 'client' };
const STREAM_WORD_OF: Record<StreamKind, string> = { unary: 'none', server: 'server', client: 'client', bidi: 'both' };

/** Tables with an rpc column and a kind column: | `Watch` | server-streaming |. */
export function checkKindTables(ctx: RpcCheckContext): void {
  const { doc, sym, out } = ctx;
  for (const table of doc.tables) {
    const kindCol = table.header.findIndex((h) => /\b(stream(?:ing|s)?|kind|call type|rpc type|mode|shape)\b/.test(h));
    if (kindCol < 0) continue;
    const wordsAllowed = /stream/.test(table.header[kindCol]);
    for (const row of table.rows) {
      const kindCell = row[kindCol];
      if (!kindCell) continue;
      const text = kindCell.text.trim();
      const phrase = KIND_CELL.exec(text)?.[1];
      const word = wordsAllowed ? STREAM_WORD[text.toLowerCase()] : undefined;
      const claimed = phrase ? classify(phrase) : word;
      if (!claimed) continue;
      const rpcCell = row.find((c, i) => i !== kindCol && c.inlineCodes.length === 1 && parseRpcMention(c.inlineCodes[0].value));
      if (!rpcCell) continue;
      const ic = rpcCell.inlineCodes[0];
      if (out.judgedInline.has(ic.start)) continue;
      const cands = rpcsForMention(sym, parseRpcMention(ic.value)!, doc, rpcCell);
      if (!cands.length) continue;
      out.judgedInline.add(ic.start);
      const at = doc.text.indexOf(text, kindCell.start);
      const range = doc.range(at, at + text.length);
      out.claim('rpc-streaming-kind', range);
      if (cands.some((c) => kindOf(c.rpc) === claimed)) continue;
      const real = cands[0];
      const realKind = kindOf(real.rpc);
      const newText = phrase ? replacement(phrase, realKind) : STREAM_WORD_OF[realKind];
      out.report('rpc-streaming-kind', {
        range,
        message: `Doc says ${code(real.rpc.name)} is ${KIND_WORD[claimed]}; ${where(real.rpc.loc)} declares it ${KIND_WORD[realKind]}: ${code(headline(real.rpc.text))}`,
        sources: [source(real.rpc.loc, `rpc ${real.rpc.name} in ${real.svc.fullName}`)],
        fixes: at >= 0 ? [{ title: `Say ${newText}`, edits: [{ range, newText }], isPreferred: cands.every((c) => kindOf(c.rpc) === realKind) }] : undefined,
      });
    }
  }
}
