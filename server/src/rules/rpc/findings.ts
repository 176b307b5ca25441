// What the rpc checks produce: findings tagged with the rule they belong to, the claims judged per
// rule, and the small message helpers they share.
import type { DocModel } from '../../markdown/docModel';
import type { IndexSnapshot } from '../../index/snapshot';
import type { Finding, Fix, Range, SourceLocation } from '../../engine/types';
import type { ProtoSymbols } from './symbols';

export type RpcRuleId =
  | 'rpc-unknown-service'
  | 'rpc-missing-method'
  | 'rpc-unknown-method'
  | 'rpc-signature'
  | 'rpc-message-field'
  | 'rpc-enum-value'
  | 'rpc-streaming-kind';

export class RpcFindings {
  readonly findings: { id: RpcRuleId; finding: Finding }[] = [];
  /** Per rule, where each judged claim sits, true or not: a counted claim belongs to the section it lies in. */
  readonly claims = new Map<RpcRuleId, Range[]>();
  /** Document offsets of inline code already judged, so two inline checks never judge one claim. */
  readonly judgedInline = new Set<number>();

  report(id: RpcRuleId, finding: Finding): void {
    this.findings.push({ id, finding });
  }

  claim(id: RpcRuleId, range: Range): void {
    const ranges = this.claims.get(id);
    if (ranges) ranges.push(range);
    else this.claims.set(id, [range]);
  }
}

export interface RpcCheckContext {
  doc: DocModel;
  index: IndexSnapshot;
  sym: ProtoSymbols;
  out: RpcFindings;
}

export function where(loc: SourceLocation): string {
  return `${loc.path}:${loc.range.start.line + 1}`;
}

export function source(loc: SourceLocation, message: string): { loc: SourceLocation; message: string } {
  return { loc, message };
}

export function replaceFix(title: string, range: Range, newText: string, isPreferred: boolean): Fix {
  return { title, edits: [{ range, newText }], isPreferred };
}

export function code(s: string): string {
  return `\`${s}\``;
}

export function list(names: readonly string[], max = 6): string {
  const shown = names.slice(0, max).map(code).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

/** The first line of a definition, without an opening brace its body continues from. */
export function headline(text: string): string {
  const first = text.split('\n')[0];
  return first === text ? first : first.replace(/\s*\{\s*$/, '');
}
