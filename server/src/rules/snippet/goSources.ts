// The workspace's Go files as comparable lines: fragments without a declaration are located by
// searching these. Lexing every file of a large workspace costs seconds and hundreds of megabytes,
// and a copied fragment can only come from a file that holds its words: only the files whose text
// contains one of the fragment's anchors (a word each line that could match must contain) are
// lexed.
import type { IndexSnapshot } from '../../index/snapshot';
import { memoize } from '../../engine/memo';
import { lexGo } from './goTokens';
import { codeLines, type CodeLine } from './lineDiff';

export interface GoSource {
  path: string;
  lines: CodeLine[];
  /** All token texts joined by U+0001, for whole-token containment tests. */
  flat: string;
  text: string;
  /** Line of `text`'s first line in the file (0 for whole files). */
  lineOffset: number;
}

/** Lexed files by path, reused across snapshots while their text is unchanged (an edit re-lexes one file). */
const byPath = new Map<string, GoSource>();

/**
 * The Go files whose text contains at least one of `anchors` (all of them for no anchor), lexed,
 * in path order; only `path` when given. The index answers which files contain a word, so a
 * source change that moves no anchor in or out of a file leaves this answer, and the rules
 * reading it, standing.
 */
export function goSourcesContaining(index: IndexSnapshot, anchors: readonly string[], path?: string): GoSource[] {
  let paths: readonly string[];
  if (anchors.length === 0) paths = goPaths(index);
  else {
    const found = new Set(anchors.flatMap((a) => index.filesContaining(a)));
    paths = [...found].sort();
  }
  const out: GoSource[] = [];
  for (const p of path !== undefined ? paths.filter((x) => x === path) : paths) {
    const text = index.sourceText(p);
    if (text !== undefined) out.push(lexed(p, text));
  }
  forgetGone(index);
  return out;
}

/** The Go files in path order, once per snapshot. */
const goPaths = memoize((index: IndexSnapshot): string[] => [...index.filePaths].filter((p) => p.endsWith('.go')).sort());

function lexed(path: string, text: string): GoSource {
  let source = byPath.get(path);
  if (!source || source.text !== text) {
    const lines = codeLines(lexGo(text), text);
    source = { path, lines, flat: lines.flatMap((l) => l.tokens).join('\u0001'), text, lineOffset: 0 };
    byPath.set(path, source);
  }
  return source;
}

/** Forgets files that are gone, so one long-lived process does not keep every text it ever saw. */
function forgetGone(index: IndexSnapshot): void {
  if (byPath.size <= 64) return;
  const live = index.filePaths;
  for (const p of [...byPath.keys()]) if (!live.has(p)) byPath.delete(p);
}
