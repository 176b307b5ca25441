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

export function goSources(index: IndexSnapshot): GoSource[] {
  let sources = cache.get(index);
  if (sources) return sources;
  sources = [];
  for (const path of [...index.filePaths].sort()) {
    if (!path.endsWith('.go')) continue;
    const text = index.sourceText(path);
    if (text === undefined) continue;
    const lines = codeLines(lexGo(text), text);
    sources.push({ path, lines, flat: lines.flatMap((l) => l.tokens).join('\u0001'), text, lineOffset: 0 });
  }
  cache.set(index, sources);
  return sources;
}
