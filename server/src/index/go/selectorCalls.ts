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

  constructor(private readonly stored?: StoredCalls) {}

  /** Every call of `.name(` in `files`, in their order; only contents not seen with this name are read. */
  callsIn(files: readonly FileText[], name: string): string[][] {
    const before = this.byName.get(name);
    const now = new Map<string, string[][]>();
    const out: string[][] = [];
    for (const f of files) {
      const key = f.key;
      const calls = before?.get(key) ?? this.stored?.(name, key) ?? scanSelectorCalls(f.text, name);
      now.set(key, calls);
      for (const c of calls) out.push(c);
    }
    // Only the contents of the latest scan stay: memory follows the workspace, not its history.
    this.byName.set(name, now);
    return out;
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
