// Line-level comparison of a snippet with the code it copies. Lines are compared by their tokens, so
// indentation and alignment never count; a run of lines that differs only in where it breaks is
// accepted as the same code. What is left is reported line by line, with the code's counterpart.
import { distance } from 'fastest-levenshtein';
import type { GoToken } from './goTokens';

export interface CodeLine {
  /** 0-based line number (in the snippet for doc lines; in the source file for code lines). */
  line: number;
  /** Tokens joined by spaces: the comparison key. */
  key: string;
  /** The line's text, trimmed, for messages. */
  text: string;
  tokens: string[];
}

export interface LineDifference {
  /** The snippet line (0-based within the snippet) the difference is reported on. */
  docLine: number;
  /** changed: the line differs from its counterpart; extra: the code has no such line; omits: the
   *  code has lines here that the snippet leaves out. */
  kind: 'changed' | 'extra' | 'omits';
  code: CodeLine[];
  /** Further code lines in the same stretch that the snippet has no counterpart for. */
  alsoInCode?: CodeLine[];
}

/** Groups tokens by line, keeping only lines with real tokens. */
export function codeLines(tokens: readonly GoToken[], text: string, lineOffset = 0): CodeLine[] {
  const byLine = new Map<number, GoToken[]>();
  for (const t of tokens) {
    if (t.virtual) continue;
    const list = byLine.get(t.line) ?? [];
    list.push(t);
    byLine.set(t.line, list);
  }
  const rawLines = text.split('\n');
  return [...byLine.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([line, ts]) => ({ line: line + lineOffset, key: ts.map((t) => t.text).join(' '), text: (rawLines[line] ?? '').trim(), tokens: ts.map((t) => t.text) }));
}

/** Longest common subsequence of two key lists, as index pairs in order. */
export function lcs(a: readonly string[], b: readonly string[]): [number, number][] {
  let lo = 0;
  while (lo < a.length && lo < b.length && a[lo] === b[lo]) lo++;
  let hiA = a.length;
  let hiB = b.length;
  while (hiA > lo && hiB > lo && a[hiA - 1] === b[hiB - 1]) {
    hiA--;
    hiB--;
  }
  const pairs: [number, number][] = [];
  for (let i = 0; i < lo; i++) pairs.push([i, i]);
  const n = hiA - lo;
  const m = hiB - lo;
  if (n > 0 && m > 0) {
    if (n * m > 4_000_000) {
      // Too large for a table: match equal keys greedily in order (still a valid common subsequence).
      let j = lo;
      for (let i = lo; i < hiA && j < hiB; i++) {
        const at = b.indexOf(a[i], j);
        if (at >= 0 && at < hiB) {
          pairs.push([i, at]);
          j = at + 1;
        }
      }
    } else {
      const w = m + 1;
      const table = new Uint32Array((n + 1) * w);
      for (let i = n - 1; i >= 0; i--) {
        for (let j = m - 1; j >= 0; j--) {
          table[i * w + j] = a[lo + i] === b[lo + j] ? table[(i + 1) * w + j + 1] + 1 : Math.max(table[(i + 1) * w + j], table[i * w + j + 1]);
        }
      }
      let i = 0;
      let j = 0;
      while (i < n && j < m) {
        if (a[lo + i] === b[lo + j]) {
          pairs.push([lo + i, lo + j]);
          i++;
          j++;
        } else if (table[(i + 1) * w + j] >= table[i * w + j + 1]) i++;
        else j++;
      }
    }
  }
  for (let k = 0; k < a.length - hiA; k++) pairs.push([hiA + k, hiB + k]);
  return pairs;
}

export interface DiffOptions {
  /** The snippet elides code (`// ...`): lines the code has and the snippet lacks are not differences. */
  elided?: boolean;
  /** Code lines before the first and after the last match are outside the copied region (fragments). */
  trimEnds?: boolean;
}

export interface LineDiff {
  differences: LineDifference[];
  matched: number;
  /** Matched (doc index, code index) pairs, in order. */
  pairs: [number, number][];
}

export function diffLines(doc: readonly CodeLine[], code: readonly CodeLine[], options: DiffOptions = {}): LineDiff {
  const pairs = lcs(
    doc.map((l) => l.key),
    code.map((l) => l.key),
  );
  const out: LineDifference[] = [];
  const anchors: [number, number][] = [[-1, -1], ...pairs, [doc.length, code.length]];
  for (let k = 0; k + 1 < anchors.length; k++) {
    const [a0, b0] = anchors[k];
    const [a1, b1] = anchors[k + 1];
    const docRun = doc.slice(a0 + 1, a1);
    let codeRun = code.slice(b0 + 1, b1);
    const atStart = k === 0;
    const atEnd = k + 2 === anchors.length;
    if (options.trimEnds && (atStart || atEnd) && pairs.length) {
      // Only as many code lines as the snippet has lines there belong to the copied region.
      codeRun = atStart ? codeRun.slice(Math.max(0, codeRun.length - docRun.length)) : codeRun.slice(0, docRun.length);
    }
    if (docRun.length === 0 && codeRun.length === 0) continue;
    if (docRun.flatMap((l) => l.tokens).join('\u0001') === codeRun.flatMap((l) => l.tokens).join('\u0001')) continue;
    if (docRun.length === 0) {
      if (options.elided) continue;
      const docLine = a1 < doc.length ? doc[a1].line : doc[a0]?.line;
      if (docLine !== undefined) out.push({ docLine, kind: 'omits', code: codeRun });
      continue;
    }
    if (codeRun.length === 0) {
      for (const l of docRun) out.push({ docLine: l.line, kind: 'extra', code: [] });
      continue;
    }
    const used = new Set<CodeLine>();
    const changed: LineDifference[] = docRun.map((l) => {
      const best = nearestLine(l, codeRun);
      used.add(best);
      return { docLine: l.line, kind: 'changed' as const, code: [best] };
    });
    const leftover = codeRun.filter((c) => !used.has(c));
    if (leftover.length && !options.elided) changed[changed.length - 1].alsoInCode = leftover;
    out.push(...changed);
  }
  return { differences: out, matched: pairs.length, pairs };
}

/** The candidate sharing most tokens with the line (then the fewest character edits). */
function nearestLine(l: CodeLine, candidates: readonly CodeLine[]): CodeLine {
  let best = candidates[0];
  let bestShared = -1;
  let bestD = Infinity;
  for (const c of candidates) {
    const shared = lcs(l.tokens, c.tokens).length;
    const d = distance(l.key, c.key);
    if (shared > bestShared || (shared === bestShared && d < bestD)) {
      best = c;
      bestShared = shared;
      bestD = d;
    }
  }
  return best;
}
