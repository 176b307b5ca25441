// Compares a default as a doc writes it with the value the code gives: `2s` = 2 * time.Second,
// `65536` = 64 << 10, "empty" = "", quotes and case of booleans do not matter.
import type { ConfigValue } from '../../engine/types';

/** Words docs use for "no default". */
const EMPTY_WORDS = /^(|empty|none|\(none\)|unset|not set|n\/a|-|—|–|""|''|empty string|\(empty\))$/i;

export function docSaysEmpty(text: string): boolean {
  const t = text.trim();
  return EMPTY_WORDS.test(t) || /^(empty|none|unset)\b/i.test(t) || /^\(?no default\)?$/i.test(t);
}

export function docSaysRequired(text: string): boolean {
  const t = text.trim();
  return t.length <= 40 && /\b(required|mandatory|must be set)\b/i.test(t);
}

const UNIT_NS: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Go's time.ParseDuration for the forms docs use: `2s`, `1m30s`, `1.5h`, `500ms`. */
export function parseGoDuration(text: string): number | undefined {
  const t = text.trim();
  if (!/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(t)) return t === '0' ? 0 : undefined;
  let total = 0;
  for (const m of t.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(m[1]) * UNIT_NS[m[2]];
  return total;
}

/** True when the doc's default text means the same value as the code's. */
export function sameDefault(docText: string, code: ConfigValue): boolean {
  const doc = docText.trim().replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
  if (code.kind === 'string' && code.display === '') return docSaysEmpty(doc);
  // "none" for a numeric or duration setting reads as zero; for a bool it says nothing.
  if (docSaysEmpty(doc)) return code.display === '' || (code.kind !== 'bool' && code.numeric === 0);
  if (doc === code.display) return true;
  switch (code.kind) {
    case 'duration': {
      const ns = parseGoDuration(doc);
      return ns !== undefined && code.numeric !== undefined && Math.abs(ns - code.numeric) < 1;
    }
    case 'int':
    case 'float': {
      const n = Number(doc.replace(/_/g, ''));
      return Number.isFinite(n) && code.numeric !== undefined && n === code.numeric;
    }
    case 'bool':
      return doc.toLowerCase() === code.display.toLowerCase();
    default:
      return false;
  }
}
