// Facts from Go sources. Each file is parsed once per content (tree-sitter, Go grammar) into plain
// data; facts() then resolves constants, helpers and call sites across the whole workspace and
// returns per-file facts. A file that cannot be read contributes nothing and never stops the rest.
import { createHash } from 'node:crypto';
import type { GoFileFacts, GoModule } from '../../engine/types';
import { commandFacts } from './commands';
import { containerFacts } from './container';
import { dataFacts } from './data';
import { envFacts } from './env';
import { extractFile, type FileExtract } from './extract';
import { natsFacts } from './nats';
import { goParser, initParser } from './parser';
import { Workspace } from './resolve';
import { Sink } from './shared';

/** Generated or vendored giants are not documentation sources, and parsing them costs seconds. */
const MAX_FILE_BYTES = 2 * 1024 * 1024;

export async function initGoParser(): Promise<void> {
  await initParser();
}

interface Entry {
  text: string;
  hash: string;
}

export class GoFactIndex {
  private readonly files = new Map<string, Entry>();
  /** Extracted files by path and content hash: reverting an edit costs no parse. */
  private readonly extracts = new Map<string, FileExtract | null>();
  private version = 0;
  private cached?: { version: number; modules: string; facts: GoFileFacts[] };

  set(path: string, text: string): void {
    const hash = createHash('sha1').update(path).update('\0').update(text).digest('hex');
    if (this.files.get(path)?.hash === hash) return;
    this.files.set(path, { text, hash });
    this.version++;
  }

  delete(path: string): void {
    if (this.files.delete(path)) this.version++;
  }

  /** Per-file facts with constants resolved across files of the workspace. */
  facts(modules: readonly GoModule[]): GoFileFacts[] {
    const modulesKey = modules.map((m) => `${m.dir}=${m.modulePath}`).join('\n');
    if (this.cached && this.cached.version === this.version && this.cached.modules === modulesKey) return this.cached.facts;
    const gp = goParser();
    if (!gp) return [];
    const extracts: FileExtract[] = [];
    const live = new Set<string>();
    for (const [path, entry] of this.files) {
      live.add(entry.hash);
      if (entry.text.length > MAX_FILE_BYTES) continue;
      let ex = this.extracts.get(entry.hash);
      if (ex === undefined) {
        try {
          ex = extractFile(gp, path, entry.text);
        } catch {
          // Whatever went wrong in this file, the others still count.
          ex = null;
        }
        this.extracts.set(entry.hash, ex);
      }
      if (ex) extracts.push(ex);
    }
    for (const hash of this.extracts.keys()) if (!live.has(hash)) this.extracts.delete(hash);
    extracts.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const facts = resolveAll(extracts, modules);
    this.cached = { version: this.version, modules: modulesKey, facts };
    return facts;
  }
}

function resolveAll(extracts: FileExtract[], modules: readonly GoModule[]): GoFileFacts[] {
  const sink = new Sink(extracts);
  let ws: Workspace;
  try {
    ws = new Workspace(extracts, modules);
  } catch {
    // Declarations need no resolution; keep them even when the workspace model cannot be built.
    return [...sink.byPath.values()];
  }
  for (const family of [envFacts, natsFacts, containerFacts, dataFacts, commandFacts]) {
    try {
      family(ws, sink);
    } catch {
      // A resolution bug in one family must not hide the facts of the others.
    }
  }
  const out = [...sink.byPath.values()];
  for (const f of out) {
    const byPos = (a: { loc: { range: { start: { line: number; character: number } } } }, b: typeof a) =>
      a.loc.range.start.line - b.loc.range.start.line || a.loc.range.start.character - b.loc.range.start.character;
    f.env.sort(byPos);
    f.nats.sort(byPos);
    f.streams.sort(byPos);
    f.container.sort(byPos);
    f.data.sort(byPos);
    f.commands.sort(byPos);
  }
  return out;
}
