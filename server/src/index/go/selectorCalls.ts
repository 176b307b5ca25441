// Argument lists of `.Name(...)` calls, for settings applied through builder methods (the value is
// the argument at each call site). Scanning forty megabytes of Go for one name costs more than a
// keystroke may, and after a warm start it would read every file: the calls are kept per file
// content and name, and the fact cache keeps them between runs.
import type { FileText } from '../fileText';

/** Where a file's calls of one name are kept: path and content hash. */
export interface CallSource {
  readonly key: string;
  readonly text: string;
}

/** Calls of each name in each file content, from an earlier run. */
export type StoredCalls = (name: string, key: string) => string[][] | undefined;

export class SelectorCallIndex {
  /** Per name, the calls in each content the last scan for it covered. */
  private readonly byName = new Map<string, Map<string, string[][]>>();
  /** Per name, the files last asked about and the answer. */
  private readonly last = new Map<string, { files: readonly FileText[]; calls: string[][] }>();

  constructor(private readonly stored?: StoredCalls) {}

  /**
   * Every call of `.name(` in `files`, in their order; only contents not seen with this name are
   * read. When the files are the last ones asked about but for contents whose calls are the same,
   * the answer is the last one, the same list: a source change that calls nothing new changes
   * nothing that was worked out from it.
   */
  callsIn(files: readonly FileText[], name: string): string[][] {
    const last = this.last.get(name);
    const known = this.byName.get(name);
    if (last && known && last.files.length === files.length && this.sameCalls(last.files, files, name, known)) {
      this.last.set(name, { files, calls: last.calls });
      return last.calls;
    }
    const now = new Map<string, string[][]>();
    const out: string[][] = [];
    for (const f of files) {
      const key = f.key;
      const calls = known?.get(key) ?? this.stored?.(name, key) ?? scanSelectorCalls(f.text, name);
      now.set(key, calls);
      for (const c of calls) out.push(c);
    }
    // Only the contents of the latest scan stay: memory follows the workspace, not its history.
    this.byName.set(name, now);
    this.last.set(name, { files, calls: out });
    return out;
  }

  /** Whether `now` is `before` with only contents of the same calls replaced (kept in `known` in their place). */
  private sameCalls(before: readonly FileText[], now: readonly FileText[], name: string, known: Map<string, string[][]>): boolean {
    const swaps: [FileText, FileText, string[][]][] = [];
    for (let i = 0; i < now.length; i++) {
      const [a, b] = [before[i], now[i]];
      if (a === b) continue;
      if (a.path !== b.path) return false;
      const was = known.get(a.key) ?? [];
      const calls = known.get(b.key) ?? this.stored?.(name, b.key) ?? scanSelectorCalls(b.text, name);
      if (JSON.stringify(was) !== JSON.stringify(calls)) return false;
      swaps.push([a, b, calls]);
    }
    for (const [a, b, calls] of swaps) {
      known.delete(a.key);
      known.set(b.key, calls);
    }
    return true;
  }

  /** What the scans found, per name and content, for the fact cache. */
  known(): ReadonlyMap<string, ReadonlyMap<string, string[][]>> {
    return this.byName;
  }
}

export function scanSelectorCalls(text: string, name: string): string[][] {
  const calls: string[][] = [];
  const re = new RegExp(String.raw`\.\s*${name}\(`, 'g');
  for (let m; (m = re.exec(text)); ) {
    const args = splitArgs(text, m.index + m[0].length);
    if (args) calls.push(args);
  }
  return calls;
}

function splitArgs(text: string, from: number): string[] | undefined {
  const args: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = from; i < text.length && i < from + 2000; i++) {
    const ch = text[i];
    if (ch === '"' || ch === '`') {
      const end = text.indexOf(ch, i + 1);
      if (end < 0) return undefined;
      cur += text.slice(i, end + 1);
      i = end;
      continue;
    }
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    if (ch === ')' || ch === ']' || ch === '}') {
      if (depth === 0) {
        if (cur.trim()) args.push(cur.trim());
        return args;
      }
      depth--;
    }
    if (ch === ',' && depth === 0) {
      args.push(cur.trim());
      cur = '';
      continue;
    }
    cur += ch;
  }
  return undefined;
}
