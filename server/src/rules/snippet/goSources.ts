// The workspace's Go files as comparable lines, built once per snapshot: fragments without a
// declaration are located by searching these.
import type { IndexSnapshot } from '../../index/snapshot';
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

const cache = new WeakMap<IndexSnapshot, GoSource[]>();
/** Lexed files by path, reused across snapshots while their text is unchanged (an edit re-lexes one file). */
const byPath = new Map<string, GoSource>();

export function goSources(index: IndexSnapshot): GoSource[] {
  let sources = cache.get(index);
  if (sources) return sources;
  sources = [];
  const live = new Set<string>();
  for (const path of [...index.filePaths].sort()) {
    if (!path.endsWith('.go')) continue;
    const text = index.sourceText(path);
    if (text === undefined) continue;
    live.add(path);
    let source = byPath.get(path);
    if (!source || source.text !== text) {
      const lines = codeLines(lexGo(text), text);
      source = { path, lines, flat: lines.flatMap((l) => l.tokens).join('\u0001'), text, lineOffset: 0 };
      byPath.set(path, source);
    }
    sources.push(source);
  }
  // Forget files that are gone, so one long-lived process does not keep every text it ever saw.
  if (byPath.size > live.size * 2 + 64) for (const p of [...byPath.keys()]) if (!live.has(p)) byPath.delete(p);
  cache.set(index, sources);
  return sources;
}
