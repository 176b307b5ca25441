// Tables of rpcs with their request and response types (`| RPC | Request | Response |`): each row
// is a signature claim, checked like an inline `Rpc(Req) returns (Resp)`.
import type { BlockRef } from '../../markdown/docModel';
import type { ProtoRpc, Range } from '../../engine/types';
import { trimmedSpan } from '../../markdown/claims';
import { code, headline, source, where, type RpcCheckContext } from './findings';
import { parseRpcMention, rpcsForMention } from './inlineText';

const RPC_HEADER = /^(rpcs?|methods?|calls?|procedures?|operations?)$/;
const REQUEST_HEADER = /^(request|request type|input|takes|argument)$/;
const RESPONSE_HEADER = /^(response|response type|returns|output|result)$/;

/** `stream JournalEntry`, `google.protobuf.Empty`: a written message type, optionally streamed. */
function readType(text: string): { stream: boolean; type: string } | undefined {
  const m = /^(stream\s+)?([A-Za-z_][\w.]*)$/.exec(text.replace(/`/g, '').trim());
  return m ? { stream: Boolean(m[1]), type: m[2] } : undefined;
}

/** A doc may shorten `google.protobuf.Empty` to `Empty` or qualify a local type with its package. */
function sameType(written: string, real: string): boolean {
  const short = (t: string) => t.slice(t.lastIndexOf('.') + 1);
  return written === real || short(written) === short(real) && (!written.includes('.') || !real.includes('.') || written.endsWith(real) || real.endsWith(written));
}

export function checkSignatureTables(ctx: RpcCheckContext): void {
  const { doc, sym, out } = ctx;
  for (const table of doc.tables) {
    const rpcCol = table.header.findIndex((h) => RPC_HEADER.test(h));
    const reqCol = table.header.findIndex((h) => REQUEST_HEADER.test(h));
    const resCol = table.header.findIndex((h) => RESPONSE_HEADER.test(h));
    if (rpcCol < 0 || (reqCol < 0 && resCol < 0)) continue;
    for (const row of table.rows) {
      const rpcCell = row[rpcCol];
      // The rpc column names methods, in backticks or bare (`Ping` alone is no identifier elsewhere).
      const written = rpcCell?.inlineCodes[0]?.value ?? rpcCell?.text.trim();
      const mention = written ? parseRpcMention(written) : undefined;
      if (!rpcCell || !mention) continue;
      const cands = rpcsForMention(sym, mention, doc, rpcCell);
      // The type cells name messages, never methods: no other check may read them as rpc names.
      for (const col of [reqCol, resCol]) for (const c of row[col]?.inlineCodes ?? []) out.judgedInline.add(c.start);
      if (!cands.length) continue;
      for (const [col, side] of [[reqCol, 'request'], [resCol, 'response']] as const) {
        const cell = row[col];
        if (col < 0 || !cell) continue;
        const claimed = readType(cell.text);
        if (!claimed) continue;
        const range = cellRange(ctx, cell);
        out.claim('rpc-signature', range);
        const matches = (r: ProtoRpc) => (side === 'request' ? sameType(claimed.type, r.requestType) && claimed.stream === r.requestStream : sameType(claimed.type, r.responseType) && claimed.stream === r.responseStream);
        if (cands.some((c) => matches(c.rpc))) continue;
        const real = cands[0].rpc;
        const realText = side === 'request' ? `${real.requestStream ? 'stream ' : ''}${real.requestType}` : `${real.responseStream ? 'stream ' : ''}${real.responseType}`;
        reportCell(ctx, range, `Doc says ${code(real.name)} ${side === 'request' ? 'takes' : 'returns'} ${code(claimed.stream ? `stream ${claimed.type}` : claimed.type)}; ${where(real.loc)} declares ${code(headline(real.text))}`, realText, cands.length === 1, real);
      }
    }
  }
}

/** The whole cell is the claim: its one code span when it is nothing else, else its visible text. */
function cellRange(ctx: RpcCheckContext, cell: BlockRef): Range {
  const only = cell.inlineCodes.length === 1 && cell.text.trim() === cell.inlineCodes[0].value ? cell.inlineCodes[0] : undefined;
  const span = only ?? trimmedSpan(ctx.doc, cell);
  return ctx.doc.range(span.start, span.end);
}

function reportCell(ctx: RpcCheckContext, range: Range, message: string, realText: string, preferred: boolean, real: ProtoRpc): void {
  ctx.out.report('rpc-signature', {
    range,
    message,
    sources: [source(real.loc, `rpc ${real.name}`)],
    fixes: [{ title: `Change to ${realText}`, edits: [{ range, newText: realText }], isPreferred: preferred }],
  });
}
