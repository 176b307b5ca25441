// Questions asked of every Go file's text ("which calls of `.Memory(` does it make?", "does it
// contain `HostConfig`?"), answered per file content and kept: a source change asks the changed
// file again, not the workspace. While every answer stays the same, so does the list of answers
// (the very same array), so what was worked out from it stands.
import type { FileText } from '../fileText';

/** An earlier run's answer for a file content (path and hash), when it asked. */
export type StoredAnswer<T> = (query: string, key: string) => T | undefined;

/**
 * Questions whose answers are kept: typing in a snippet asks about a new word with each keystroke,
 * and each answer holds an entry per file.
 */
const KEPT_QUERIES = 32;

export class ContentQueryIndex<T> {
  /** Per query, the answer for each content the last pass covered. */
  private readonly byQuery = new Map<string, Map<string, T>>();
  /** Per query, the files last asked about and their answers. */
  private readonly last = new Map<string, { files: readonly FileText[]; answers: readonly T[] }>();

  constructor(
    private readonly ask: (text: string, query: string) => T,
    private readonly stored?: StoredAnswer<T>,
  ) {}

  /** Each file's answer to `query`, in the files' order; only contents not asked before are read. */
  answersIn(files: readonly FileText[], query: string): readonly T[] {
    const last = this.last.get(query);
    const known = this.byQuery.get(query);
    if (last && known && last.files.length === files.length && this.onlySameAnswersSwapped(last.files, files, query, known)) {
      this.last.set(query, { files, answers: last.answers });
      this.byQuery.delete(query);
      this.byQuery.set(query, known);
      return last.answers;
    }
    const now = new Map<string, T>();
    const answers = files.map((f) => {
      const answer = known?.get(f.key) ?? this.answer(f, query);
      now.set(f.key, answer);
      return answer;
    });
    // Only the contents of the latest pass stay: memory follows the workspace, not its history.
    this.byQuery.delete(query);
    this.byQuery.set(query, now);
    this.last.set(query, { files, answers });
    // The least recently asked go first (a map keeps the order entries were set in).
    while (this.byQuery.size > KEPT_QUERIES) {
      const oldest = this.byQuery.keys().next().value!;
      this.byQuery.delete(oldest);
      this.last.delete(oldest);
    }
    return answers;
  }

  /** What was learnt, per query and content key, for the fact cache. */
  known(): ReadonlyMap<string, ReadonlyMap<string, T>> {
    return this.byQuery;
  }

  private answer(f: FileText, query: string): T {
    return this.stored?.(query, f.key) ?? this.ask(f.text, query);
  }

  /** Whether `now` is `before` with only contents of the same answers put in (kept in `known` in their place). */
  private onlySameAnswersSwapped(before: readonly FileText[], now: readonly FileText[], query: string, known: Map<string, T>): boolean {
    const swaps: [FileText, FileText, T][] = [];
    for (let i = 0; i < now.length; i++) {
      const [a, b] = [before[i], now[i]];
      if (a === b) continue;
      if (a.path !== b.path || !known.has(a.key)) return false;
      const answer = known.get(b.key) ?? this.answer(b, query);
      if (JSON.stringify(known.get(a.key)) !== JSON.stringify(answer)) return false;
      swaps.push([a, b, answer]);
    }
    for (const [a, b, answer] of swaps) {
      known.delete(a.key);
      known.set(b.key, answer);
    }
    return true;
  }
}
