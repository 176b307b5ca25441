// Facts from Go sources. Each file is parsed once per content (tree-sitter, Go grammar) into plain
// data; facts() then resolves constants, helpers and call sites across the whole workspace and
// returns per-file facts. A file that cannot be read contributes nothing and never stops the rest.
//
// Most files of a workspace hold no facts: for those only an outline is read (package, imports,
// declarations), and the resolver has one parsed when it needs its constants, helpers or calls.
// Parsing is what costs; this keeps a cold index close to the time it takes to read the files.
import type { GoDecl, GoFileFacts, GoModule } from '../../engine/types';
import { LineIndex } from '../../engine/lineIndex';
import { commandFacts } from './commands';
import { containerFacts } from './container';
import { dataFacts } from './data';
import { envFacts } from './env';
import { extractBase, extractFile, type FileExtract } from './extract';
import { natsFacts } from './nats';
import { goParser, initParser, type GoParser } from './parser';
import { Workspace } from './resolve';
import { Sink } from './shared';
import { scanGoSkeleton, type GoSkeleton } from './skeleton';
import type { CacheExport, FileStat, GoFactCache } from '../cache/factCache';
import { contentHash } from '../contentHash';
import { FileText } from '../fileText';
import { mentionsFactApi, readUpfront } from './upfront';
import { resolutionGroups, type GroupMember } from './groups';

/** Generated or vendored giants are not documentation sources, and parsing them costs seconds. */
const MAX_FILE_BYTES = 2 * 1024 * 1024;

export async function initGoParser(): Promise<void> {
  await initParser();
}

interface Entry {
  source: FileText;
  /** Path, NUL, content hash: the key of everything kept per content. */
  hash: string;
  /** The file's stat when it was read, for the cache to vouch for it next time. */
  stat?: FileStat;
}

export interface GoFactIndexOptions {
  /** Parse every file up front instead of reading outlines first (the reference behaviour). */
  parseAll?: boolean;
  /** Outlines, parses and resolved facts kept from an earlier run. */
  cache?: GoFactCache;
}

export class GoFactIndex {
  private readonly files = new Map<string, Entry>();
  /** Extracted files by path and content hash: reverting an edit costs no parse. */
  private readonly extracts = new Map<string, FileExtract | null>();
  /** Outlines by path and content hash; null when the outline reader gave up on the file. */
  private readonly outlines = new Map<string, GoSkeleton | null>();
  /** Whether a content names a fact API (the text half of the up-front test), by path and content hash. */
  private readonly mentions = new Map<string, boolean>();
  /** Outline-only files in the shape the resolver reads, by path and content hash. */
  private readonly outlineExtracts = new Map<string, FileExtract>();
  /** Resolved facts of groups of linked modules, by the group's modules and file contents. */
  private groupsByKey = new Map<string, GoFileFacts[]>();
  /** The last resolution: its groups and each group's facts, in the same order. */
  private lastRun?: { modulesKey: string; groups: number[][]; groupFacts: GoFileFacts[][] };
  /** After a warm start: sorts the facts served whole into groups, as they were then. */
  private pendingGroups?: () => void;
  /** Paths whose content changed (or that went) since the last resolution. */
  private readonly touched = new Set<string>();
  /** Content keys of replaced or deleted files, whose cached reads can go at the next resolution. */
  private dead: string[] = [];
  /** Known paths in order; recomputed when a file comes or goes. */
  private sortedPaths?: string[];
  /** Files in path order as the last resolution took them, where each path sits, and the paths changed since. */
  private entryList?: { entries: [string, Entry][]; at: Map<string, number> };
  private readonly entriesChanged = new Set<string>();
  /** What `readAll` gave for the last entries, and the paths parsed in full since. */
  private lastRead?: { entries: [string, Entry][]; files: (FileExtract | null)[] };
  private readonly parsedSince = new Set<string>();
  private readonly sourcesOf = new WeakMap<readonly [string, Entry][], FileText[]>();
  private resolved = 0;
  private lastGroups?: {
    modulesKey: string;
    sortedPaths?: string[];
    files: { path: string; imports: GroupMember['imports'] }[];
    position: Map<string, number>;
    groups: number[][];
  };
  private version = 0;
  private cached?: { version: number; modules: string; facts: GoFileFacts[] };
  private readonly parseAll: boolean;
  private readonly cache?: GoFactCache;
  /** Keys already looked up in the cache (hit or miss): each is asked once. */
  private readonly cacheAsked = new Set<string>();
  private cacheHits = 0;
  /** Files served whole from the cache by the first resolution. */
  private servedWhole = 0;
  private lastResultKey?: string;

  constructor(options: GoFactIndexOptions = {}) {
    this.parseAll = options.parseAll ?? false;
    this.cache = options.cache;
  }

  /**
   * A file's text, or its holder: one the fact cache vouched for by its stat keeps the cached
   * content hash and is read only if something needs the text.
   */
  set(path: string, text: string | FileText, stat?: FileStat): void {
    const source = typeof text === 'string' ? FileText.of(path, text) : text;
    this.put(path, { source, hash: source.key, stat });
  }

  private put(path: string, entry: Entry): void {
    const before = this.files.get(path);
    if (before?.hash === entry.hash) {
      before.stat = entry.stat ?? before.stat;
      return;
    }
    if (before) this.dead.push(before.hash);
    else this.sortedPaths = undefined;
    this.entriesChanged.add(path);
    this.files.set(path, entry);
    this.touched.add(path);
    this.version++;
  }

  delete(path: string): void {
    const before = this.files.get(path);
    if (!before) return;
    this.files.delete(path);
    this.dead.push(before.hash);
    this.sortedPaths = undefined;
    this.touched.add(path);
    this.version++;
  }

  /** Per-file facts with constants resolved across files of the workspace. */
  facts(modules: readonly GoModule[]): GoFileFacts[] {
    const modulesKey = modules.map((m) => `${m.dir}=${m.modulePath}`).join('\n');
    if (this.cached && this.cached.version === this.version && this.cached.modules === modulesKey) return this.cached.facts;
    const gp = goParser();
    if (!gp) return [];
    if (this.pendingGroups) {
      const remember = this.pendingGroups;
      this.pendingGroups = undefined;
      remember();
    }
    const { entries, changed } = this.currentEntries();
    // Only the first resolution can be served whole from a cache written by an earlier run.
    const resultKey = this.cache && !this.lastRun ? contentHash(`${modulesKey}\n${entries.map(([, e]) => e.hash).join('\n')}`) : undefined;
    if (resultKey && !this.parseAll) {
      // A workspace exactly as it was when the cache was written: its resolved facts as they were.
      // Nothing is read or built per file: declarations come out of the cache when first asked for.
      const warm = this.cache!.facts(
        resultKey,
        (path) => this.files.has(path),
        (path) => this.cachedDecls(path, this.files.get(path)!),
        (path) => this.files.get(path)!.hash,
      );
      if (warm) {
        // Sorting the files into groups waits for the first change, which needs them.
        const sortedPaths = this.sortedPaths;
        this.pendingGroups = () => {
          const members = entries.map(([path, e]) => ({ path, dir: path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '', imports: this.cache!.imports(e.hash) ?? {} }));
          this.rememberGroups(members, modules, modulesKey, warm, sortedPaths);
        };
        this.touched.clear();
        this.servedWhole = entries.length;
        this.resolved = 0;
        this.lastResultKey = resultKey;
        this.cached = { version: this.version, modules: modulesKey, facts: warm };
        return warm;
      }
    }
    const files = this.readAllAgain(gp, entries, changed);
    // What was kept for contents no file has any more goes (a content may have come back since).
    for (const hash of this.dead) {
      if (this.files.get(hash.slice(0, hash.indexOf('\0')))?.hash === hash) continue;
      this.extracts.delete(hash);
      this.outlines.delete(hash);
      this.outlineExtracts.delete(hash);
      this.cacheAsked.delete(hash);
      this.mentions.delete(hash);
    }
    this.dead = [];
    const mentions = (i: number): boolean => {
      const { hash, source } = entries[i][1];
      let m = this.mentions.get(hash);
      if (m === undefined) this.mentions.set(hash, (m = this.cache?.mentions(hash) ?? mentionsFactApi(source.text)));
      return m;
    };
    // Asked for only when a resolution needs a file it has no parse of.
    let byPath: Map<string, Entry> | undefined;
    const readFull = (outline: FileExtract): FileExtract => {
      const entry = (byPath ??= new Map(entries)).get(outline.path);
      return (entry && this.extract(gp, outline.path, entry)) ?? { ...outline, outline: undefined };
    };
    // Each group of linked modules is resolved on its own; a group whose files are all as they
    // were keeps the facts it had.
    const present = files.flatMap((f, i) => (f ? [i] : []));
    // A file whose facts come out of a new resolution as they were keeps its facts object, so
    // snapshots (and what rules derived from them) can tell nothing changed by identity.
    let previous: Map<string, GoFileFacts> | undefined;
    const previousFacts = (path: string) => (previous ??= new Map((this.cached?.facts ?? []).map((f) => [f.path, f]))).get(path);
    const structure = this.groupsOf(present.map((i) => files[i]!), modules, modulesKey);
    // The same groups as last time: a group none of whose files changed keeps its facts as they
    // are, without even a key to look them up by.
    const last = this.lastRun && this.lastRun.groups === structure && this.lastRun.modulesKey === modulesKey ? this.lastRun : undefined;
    const byKey = new Map<string, GoFileFacts[]>();
    let resolved = 0;
    const groupFacts: GoFileFacts[][] = [];
    const facts: GoFileFacts[] = [];
    structure.forEach((group, g) => {
      const members = group.map((k) => present[k]);
      let found = last && !members.some((i) => this.touched.has(entries[i][0])) ? last.groupFacts[g] : undefined;
      if (!found) {
        const key = `${modulesKey}\n${members.map((i) => entries[i][1].hash).join('\n')}`;
        found = this.groupsByKey.get(key);
        if (!found) {
          resolved += members.length;
          const groupFiles = members.map((i) => files[i]);
          if (!this.parseAll) for (const j of readUpfront(groupFiles, (j) => mentions(members[j]))) groupFiles[j] = this.extract(gp, entries[members[j]][0], entries[members[j]][1]);
          // With the groups as they were, a file's previous facts are among its group's.
          const before = last ? new Map(last.groupFacts[g].map((f) => [f.path, f])) : undefined;
          found = resolveAll(
            groupFiles.filter((f): f is FileExtract => f !== null),
            modules,
            readFull,
          ).map((f) => sameFacts(before?.get(f.path) ?? previousFacts(f.path), f));
        }
        byKey.set(key, found);
      }
      groupFacts.push(found);
      facts.push(...found);
    });
    // Groups looked up by key this time stay findable by key; the others by position.
    this.groupsByKey = byKey;
    this.lastRun = { modulesKey, groups: structure, groupFacts };
    this.touched.clear();
    this.resolved = resolved;
    this.cached = { version: this.version, modules: modulesKey, facts: inPathOrder(facts, this.entryList!.at) };
    this.lastResultKey = resultKey;
    return this.cached.facts;
  }

  /**
   * Every file resolution reads, in path order: the last list with the changed files put in their
   * places (a new list each time, since earlier resolutions keep theirs), or a new one when files
   * came or went.
   */
  private currentEntries(): { entries: [string, Entry][]; changed?: { from: [string, Entry][]; at: number[] } } {
    const fits = (e: Entry) => !e.source.loaded || e.source.text.length <= MAX_FILE_BYTES;
    const last = this.sortedPaths ? this.entryList : undefined;
    let out: ReturnType<GoFactIndex['currentEntries']> | undefined = last && { entries: last.entries };
    if (last && this.entriesChanged.size) {
      const entries = last.entries.slice();
      const at: number[] = [];
      for (const path of this.entriesChanged) {
        const i = last.at.get(path);
        const e = this.files.get(path);
        if (i === undefined || !e || !fits(e)) {
          out = undefined;
          break;
        }
        entries[i] = [path, e];
        at.push(i);
      }
      if (out) {
        this.entryList = { entries, at: last.at };
        out = { entries, changed: { from: last.entries, at } };
      }
    }
    if (!out) {
      this.sortedPaths ??= [...this.files.keys()].sort();
      const entries = this.sortedPaths.map((p) => [p, this.files.get(p)!] as [string, Entry]).filter(([, e]) => fits(e));
      this.entryList = { entries, at: new Map(entries.map(([p], i) => [p, i])) };
      out = { entries };
    }
    this.entriesChanged.clear();
    return out;
  }

  /** The texts of the files the last resolution read, in path order (the same list while they are the same). */
  sources(): readonly FileText[] {
    const entries = this.entryList?.entries ?? [];
    let sources = this.sourcesOf.get(entries);
    if (!sources) this.sourcesOf.set(entries, (sources = entries.map(([, e]) => e.source)));
    return sources;
  }

  /**
   * `readAll` of the entries, done again only for the files changed since the last (and those
   * parsed in full since, which are read as parses now).
   */
  private readAllAgain(gp: GoParser, entries: [string, Entry][], changed: { from: [string, Entry][]; at: number[] } | undefined): (FileExtract | null)[] {
    const last = this.lastRead;
    let files: (FileExtract | null)[];
    if (last && (last.entries === entries || last.entries === changed?.from)) {
      files = last.files.slice();
      const again = new Set(last.entries === entries ? [] : changed!.at);
      for (const path of this.parsedSince) {
        const i = this.entryList?.at.get(path);
        if (i !== undefined) again.add(i);
      }
      for (const i of again) files[i] = this.readAll(gp, [entries[i]])[0];
    } else files = this.readAll(gp, entries);
    this.parsedSince.clear();
    this.lastRead = { entries, files };
    return files;
  }

  /**
   * How many Go files there are, how many had to be parsed (the rest: outlines), how many came
   * from the cache, how many the last resolution resolved (the files of the groups it redid), and
   * how many were never read (the cache vouched for them and nothing has needed their text).
   */
  stats(): { files: number; parsed: number; fromCache: number; resolved: number; unread: number } {
    let parsed = 0;
    let unread = 0;
    for (const e of this.files.values()) {
      if (this.extracts.get(e.hash)) parsed++;
      if (!e.source.loaded) unread++;
    }
    return { files: this.files.size, parsed, fromCache: Math.max(this.cacheHits, this.servedWhole), resolved: this.resolved, unread };
  }

  /** Everything worth keeping for the next run, as of the last `facts()`. */
  exportCache(): CacheExport {
    const files: CacheExport['files'] = [];
    for (const [path, e] of this.files) files.push({ key: e.hash, path, source: e.source, stat: e.stat, mentions: this.mentions.get(e.hash), outline: this.outlines.get(e.hash), extract: this.extracts.get(e.hash) });
    const result = this.cached && this.cached.version === this.version && this.lastResultKey ? { key: this.lastResultKey, facts: this.cached.facts } : undefined;
    return { files, result };
  }

  /**
   * The declarations of a file served whole from the cache, for the content it had then (the file
   * may have changed since; what is kept per content is only filled for current contents).
   */
  private cachedDecls(path: string, entry: Entry): GoDecl[] {
    let kept: { decls: GoDecl[] } | null | undefined;
    if (this.files.get(path) === entry) {
      this.fromCache(path, entry);
      kept = this.outlines.get(entry.hash) ?? this.extracts.get(entry.hash);
    } else {
      const hit = this.cache?.file(entry.hash, entry.source);
      kept = hit?.outline ?? hit?.extract;
    }
    return kept?.decls ?? [];
  }

  /** Takes what the cache knows about this content of this file, once. */
  private fromCache(path: string, entry: Entry): void {
    if (!this.cache || this.cacheAsked.has(entry.hash)) return;
    this.cacheAsked.add(entry.hash);
    const hit = this.cache.file(entry.hash, entry.source);
    if (!hit) return;
    if (!this.servedWhole) this.cacheHits++;
    if (!this.outlines.has(entry.hash)) this.outlines.set(entry.hash, hit.outline);
    if (hit.extract !== undefined && !this.extracts.has(entry.hash)) this.extracts.set(entry.hash, hit.extract);
  }

  private extract(gp: GoParser, path: string, entry: Entry): FileExtract | null {
    this.fromCache(path, entry);
    let ex = this.extracts.get(entry.hash);
    if (ex === undefined) {
      this.parsedSince.add(path);
      try {
        ex = extractFile(gp, path, entry.source.text, entry.source);
      } catch {
        // Whatever went wrong in this file, the others still count.
        ex = null;
      }
      this.extracts.set(entry.hash, ex);
    }
    return ex;
  }

  /**
   * Every file as an extract (already parsed, or parsed because its outline could not be read)
   * or as an outline; which outlines need a parse before resolution starts is decided per group.
   */
  private readAll(gp: GoParser, entries: readonly [string, Entry][]): (FileExtract | null)[] {
    return entries.map(([path, entry]) => {
      this.fromCache(path, entry);
      const parsed = this.extracts.get(entry.hash);
      if (parsed !== undefined) return parsed;
      if (this.parseAll) return this.extract(gp, path, entry);
      const outline = this.outline(path, entry);
      return outline ? this.outlineExtract(path, entry, outline) : this.extract(gp, path, entry);
    });
  }

  /**
   * Facts served whole from the cache, sorted into this workspace's groups: the first change after
   * a warm start re-resolves its own group, not the workspace.
   */
  private rememberGroups(present: readonly GroupMember[], modules: readonly GoModule[], modulesKey: string, facts: readonly GoFileFacts[], sortedPaths: string[] | undefined): void {
    const structure = this.newGroups(present, modules, modulesKey, sortedPaths);
    const byPath = new Map(facts.map((f) => [f.path, f]));
    const groupFacts = structure.map((group) => group.flatMap((k) => byPath.get(present[k].path) ?? []));
    this.lastRun = { modulesKey, groups: structure, groupFacts };
  }

  /** Resolution groups; the last ones while no file, import or module has changed since. */
  private groupsOf(files: readonly GroupMember[], modules: readonly GoModule[], modulesKey: string): number[][] {
    const last = this.lastGroups;
    // With the same files in the same places, only a changed file can have changed its imports
    // (and an edit seldom does).
    const same =
      last &&
      last.modulesKey === modulesKey &&
      last.sortedPaths === this.sortedPaths &&
      last.files.length === files.length &&
      [...this.touched].every((p) => {
        const i = last.position.get(p);
        return i === undefined ? !files.some((f) => f.path === p) : files[i]?.path === p && sameImports(files[i].imports, last.files[i].imports);
      });
    if (same) return last.groups;
    return this.newGroups(files, modules, modulesKey, this.sortedPaths);
  }

  /** Groups worked out afresh, and kept with what they were worked out from. */
  private newGroups(files: readonly GroupMember[], modules: readonly GoModule[], modulesKey: string, sortedPaths: string[] | undefined): number[][] {
    const groups = resolutionGroups(files, modules);
    this.lastGroups = {
      modulesKey,
      sortedPaths,
      files: files.map((f) => ({ path: f.path, imports: f.imports })),
      position: new Map(files.map((f, i) => [f.path, i])),
      groups,
    };
    return groups;
  }

  private outlineExtract(path: string, entry: Entry, outline: GoSkeleton): FileExtract {
    let ex = this.outlineExtracts.get(entry.hash);
    if (!ex) this.outlineExtracts.set(entry.hash, (ex = outlineExtract(path, entry.source, outline)));
    return ex;
  }

  private outline(path: string, entry: Entry): GoSkeleton | null {
    this.fromCache(path, entry);
    let o = this.outlines.get(entry.hash);
    if (o === undefined) {
      try {
        o = scanGoSkeleton(path, entry.source.text, entry.source) ?? null;
      } catch {
        o = null;
      }
      this.outlines.set(entry.hash, o);
    }
    return o;
  }
}

/** Facts in the order of the files' paths (groups come out in group order), which keeps sorting them cheap. */
function inPathOrder(facts: GoFileFacts[], at: ReadonlyMap<string, number>): GoFileFacts[] {
  const slots: (GoFileFacts | undefined)[] = [];
  for (const f of facts) {
    const i = at.get(f.path);
    if (i === undefined || slots[i]) return facts;
    slots[i] = f;
  }
  return slots.filter((f): f is GoFileFacts => f !== undefined);
}

function sameFacts(before: GoFileFacts | undefined, after: GoFileFacts): GoFileFacts {
  if (!before) return after;
  const same = (k: keyof GoFileFacts) => before[k] === after[k] || JSON.stringify(before[k]) === JSON.stringify(after[k]);
  const changed = FACT_FIELDS.filter((k) => !same(k));
  if (changed.length === 0) return before;
  // The families that did not change keep their lists, so a snapshot can tell which did.
  const out = { ...after };
  for (const k of FACT_FIELDS) if (!changed.includes(k)) (out as Record<string, unknown>)[k] = before[k];
  return out;
}

const FACT_FIELDS = ['packageName', 'isMain', 'env', 'nats', 'streams', 'container', 'data', 'decls', 'commands', 'syntaxErrors'] as const;

function sameImports(a: GroupMember['imports'], b: GroupMember['imports']): boolean {
  if (a === b) return true;
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/** An outline in the shape of an extract: declarations, package and imports, nothing else. */
/** What an outline does not read (calls, literals, assignments...): one frozen empty list shared by all. */
const NONE = Object.freeze([]) as never[];

function outlineExtract(path: string, source: FileText, o: GoSkeleton): FileExtract {
  let lines: LineIndex | undefined;
  return {
    ...extractBase(path),
    source,
    // Read (from disk, after a warm start) only when resolution looks into the file.
    get text() {
      return source.text;
    },
    // Thousands of outlines are kept; eleven empty lists each were tens of thousands of objects.
    consts: NONE,
    vars: NONE,
    funcs: NONE,
    structs: NONE,
    calls: NONE,
    lits: NONE,
    assigns: NONE,
    ifEmpty: NONE,
    containerNames: NONE,
    viperNames: NONE,
    syntaxErrors: NONE,
    pkg: o.pkg,
    outline: true,
    get declared() {
      return o.names;
    },
    imports: o.imports,
    decls: o.decls,
    // Only a file read in full needs positions of anything but its declarations.
    get lines() {
      return (lines ??= new LineIndex(source.text));
    },
  };
}

function resolveAll(extracts: FileExtract[], modules: readonly GoModule[], readFull: (outline: FileExtract) => FileExtract): GoFileFacts[] {
  const sink = new Sink(extracts);
  let ws: Workspace;
  try {
    ws = new Workspace(extracts, modules, readFull, (full) => sink.replace(full));
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
