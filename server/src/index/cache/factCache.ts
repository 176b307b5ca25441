// What the Go index learnt about each file, kept between runs: a reopened workspace reuses the
// outlines, parses and resolved facts of every file whose content is unchanged, keyed by path and
// content hash. A file whose size and times are as they were when it was read is taken to be
// unchanged without reading it. Pure data: the host decides where the bytes live (never the
// user's workspace unless asked) and hands them in and out.
//
// The layout is columns, not a record per file: a few long strings and typed arrays decode at the
// speed of a copy, where four thousand small objects (and a hundred thousand declarations) cost
// as much to decode as reading the sources again.
import { deserialize, serialize } from 'node:v8';
import type { GoDecl, GoFileFacts, ProtoFile } from '../../engine/types';
import { LineIndex } from '../../engine/lineIndex';
import type { FileExtract } from '../go/extract';
import { Declaration, DECLARED_NAMES, type DeclaredNames } from '../declaration';
import type { FileText } from '../fileText';
import type { GoSkeleton } from '../go/skeleton';

/** Bumped whenever what is stored changes shape. */
const FORMAT = 5;

const KINDS: readonly GoDecl['kind'][] = ['func', 'method', 'type', 'const', 'var'];
/** Numbers stored per declaration: kind, start and end offsets, start line and column, end line and column. */
const PER_DECL = 7;
/** Numbers stored per file stat: size, modification time, change time, inode. */
const PER_STAT = 4;
/** Length of a content hash (hex SHA-1). */
const HASH = 40;

/** Per-file flags. */
const OUTLINE = 1;
const MENTIONS_KNOWN = 2;
const MENTIONS = 4;

/**
 * A file whose modification time is this close to when the cache was written may have changed
 * again within the file system's time resolution without its stat showing it: it is read.
 */
const RACY_MS = 2000;

/** What a host learnt from `stat` when it read a file: equal again, the file is taken as unchanged. */
export interface FileStat {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

type StoredExtract = Omit<FileExtract, 'text' | 'source' | 'lines' | 'decls' | 'outline'>;
type StoredFacts = Omit<GoFileFacts, 'decls'>;

interface Stored {
  format: number;
  stamp: string;
  writtenAt: number;
  /** File paths joined by '\n'; every other column follows this order. */
  paths: string;
  /** Content hashes, HASH characters each. */
  hashes: string;
  /** PER_STAT numbers per file, NaN where the stat is not known. */
  stats: Float64Array;
  flags: Uint8Array;
  /**
   * The files' outlines and parses, serialized apart: a warm start that changes nothing needs none
   * of them, and a copy of the bytes is all it pays.
   */
  outlines: Uint8Array;
  /**
   * Answers to questions asked of file contents (builder-method calls, words contained), serialized
   * apart (see StoredAnswers); read by the first check that needs them.
   */
  answers: Uint8Array;
  result?: StoredResult;
  /** Parsed .proto files by path and content hash, as JSON (which decodes faster than structured clones). */
  protos: string;
}

/** Per file (in the order of the paths): package, imports, declarations, parse. */
interface Outlines {
  /** Package names joined by '\n'. */
  pkgs: string;
  /** Per file `alias\tpath\t…`, joined by '\n'. */
  imports: string;
  /** Where each file's declarations start in the declaration columns (one more entry than files). */
  declFrom: Int32Array;
  /** Every declaration's name, and receiver ('' for none), joined by '\n'. */
  declNames: string;
  declReceivers: string;
  declNums: Int32Array;
  /**
   * Parses by file number, each serialized on its own and decoded only when resolution needs that
   * file; null where parsing threw, absent where the file was never parsed.
   */
  extracts: Map<number, Uint8Array | null>;
}

/**
 * For each question (`call:Name`, `word:Word`): which files were asked (1 per file), and the
 * answers that are not the empty one (no calls, not contained).
 */
interface StoredAnswers {
  queries: string[];
  asked: Uint8Array[];
  found: Map<number, unknown>[];
}

/** The answer a file gives when it holds nothing for a question. */
function emptyAnswer(query: string): unknown {
  return query.startsWith('word:') ? false : [];
}

function isEmptyAnswer(answer: unknown): boolean {
  return answer === false || (Array.isArray(answer) && answer.length === 0);
}

/**
 * The resolved facts of every file. Nearly all files have none but their package: those are
 * stored as a path, a package name and whether it is `main`; the few with facts in full.
 */
interface StoredResult {
  key: string;
  paths: string;
  packages: string;
  mains: Uint8Array;
  full: StoredFacts[];
}

export interface CachedFile {
  /** The outline, or null when the outline reader gave up on this content. */
  outline: GoSkeleton | null;
  /** The parse (null: it threw), or undefined when the file was never parsed. */
  extract?: FileExtract | null;
}

/** What the index hands over to be stored: every live file and the resolved facts. */
export interface CacheExport {
  files: {
    key: string;
    path: string;
    source: FileText;
    stat?: FileStat;
    /** Whether the text names an API resolution searches for, when that was asked. */
    mentions?: boolean;
    outline: GoSkeleton | null | undefined;
    extract: FileExtract | null | undefined;
  }[];
  result?: { key: string; facts: readonly GoFileFacts[] };
  /** Every live .proto file: its key (path and content hash) and what parsing it gave. */
  protos?: { key: string; file: ProtoFile }[];
  /** Answers to questions asked of file contents, per question (`call:Name`, `word:Word`) and content key. */
  answers?: ReadonlyMap<string, ReadonlyMap<string, unknown>>;
}

/** The columns split once into what lookups need. */
class Table {
  readonly paths: string[];
  /** File number by key (path, NUL, content hash) and by path. */
  readonly byKey = new Map<string, number>();
  readonly byPath = new Map<string, number>();
  #pkgs?: string[];
  #imports?: string[];
  #names?: string[];
  #receivers?: string[];
  #protos?: Map<string, ProtoFile>;
  #answers?: Map<string, { asked: Uint8Array; found: Map<number, unknown> }>;

  #o?: Outlines;
  #outlinesValid = true;

  constructor(readonly s: Stored) {
    this.paths = s.paths ? s.paths.split('\n') : [];
    this.paths.forEach((p, i) => {
      this.byKey.set(this.key(i), i);
      this.byPath.set(p, i);
    });
  }

  /** File `i`'s key: path, NUL, content hash. */
  key(i: number): string {
    return `${this.paths[i]}\0${this.hash(i)}`;
  }

  /** Whether file `i` names an API resolution searches for, when that was asked. */
  mentions(i: number): boolean | undefined {
    const f = this.s.flags[i];
    return f & MENTIONS_KNOWN ? Boolean(f & MENTIONS) : undefined;
  }

  /** Whether the outline columns decoded as what they should be. */
  get outlinesValid(): boolean {
    return this.o !== undefined && this.#outlinesValid;
  }

  /** The outline columns; empty ones when the bytes do not hold what they should. */
  get o(): Outlines {
    if (this.#o) return this.#o;
    const n = this.paths.length;
    try {
      const o = deserialize(this.s.outlines) as Outlines;
      if (typeof o.pkgs === 'string' && typeof o.imports === 'string' && o.declFrom instanceof Int32Array && o.declFrom.length === n + 1 && o.declNums instanceof Int32Array && o.declNums.length === o.declFrom[n] * PER_DECL && o.extracts instanceof Map) return (this.#o = o);
    } catch {
      // Damaged: as if nothing was known of the outlines.
    }
    this.#outlinesValid = false;
    return (this.#o = { pkgs: '\n'.repeat(Math.max(0, n - 1)), imports: '\n'.repeat(Math.max(0, n - 1)), declFrom: new Int32Array(n + 1), declNames: '', declReceivers: '', declNums: new Int32Array(0), extracts: new Map() });
  }

  hash(i: number): string {
    return this.s.hashes.slice(i * HASH, (i + 1) * HASH);
  }

  pkg(i: number): string {
    return (this.#pkgs ??= this.o.pkgs.split('\n'))[i];
  }

  importLine(i: number): string {
    return (this.#imports ??= this.o.imports.split('\n'))[i];
  }

  imports(i: number): Record<string, string> {
    const line = this.importLine(i);
    const out: Record<string, string> = {};
    if (!line) return out;
    const parts = line.split('\t');
    for (let k = 0; k + 1 < parts.length; k += 2) out[parts[k]] = parts[k + 1];
    return out;
  }

  decls(i: number, source: FileText): GoDecl[] {
    const from = this.o.declFrom[i];
    const to = this.o.declFrom[i + 1];
    if (from === to) return [];
    const names = this.names();
    const receivers = this.receivers();
    const x = this.o.declNums;
    const out: GoDecl[] = new Array(to - from);
    for (let d = from; d < to; d++) {
      const o = d * PER_DECL;
      out[d - from] = new Declaration(names[d], receivers[d] || undefined, KINDS[x[o]], source, x[o + 1], x[o + 2], x[o + 3], x[o + 4], x[o + 5], x[o + 6]);
    }
    return out;
  }

  protos(): Map<string, ProtoFile> {
    if (!this.#protos) {
      try {
        this.#protos = new Map(JSON.parse(this.s.protos) as [string, ProtoFile][]);
      } catch {
        this.#protos = new Map();
      }
    }
    return this.#protos;
  }

  private answers(): Map<string, { asked: Uint8Array; found: Map<number, unknown> }> {
    if (this.#answers) return this.#answers;
    const answers = (this.#answers = new Map());
    try {
      const a = deserialize(this.s.answers) as StoredAnswers;
      a.queries.forEach((q, k) => {
        if (a.asked[k]?.length === this.paths.length && a.found[k] instanceof Map) answers.set(q, { asked: a.asked[k], found: a.found[k] });
      });
    } catch {
      // Damaged: every file is asked again.
    }
    return answers;
  }

  /** File `i`'s answer to a question, when it was asked. */
  answer(query: string, i: number): unknown {
    const a = this.answers().get(query);
    if (!a?.asked[i]) return undefined;
    return a.found.get(i) ?? emptyAnswer(query);
  }

  /** The questions answers were stored for. */
  queries(): string[] {
    return [...this.answers().keys()];
  }

  extract(i: number): StoredExtract | null | undefined {
    const bytes = this.o.extracts.get(i);
    if (!bytes) return bytes;
    try {
      return deserialize(bytes) as StoredExtract;
    } catch {
      return undefined;
    }
  }

  names(): string[] {
    return (this.#names ??= this.o.declNames.split('\n'));
  }

  receivers(): string[] {
    return (this.#receivers ??= this.o.declReceivers.split('\n'));
  }

  stat(i: number): FileStat | undefined {
    const o = i * PER_STAT;
    const x = this.s.stats;
    return Number.isNaN(x[o]) ? undefined : { size: x[o], mtimeMs: x[o + 1], ctimeMs: x[o + 2], ino: x[o + 3] };
  }
}

export class GoFactCache {
  #table: Table;

  private constructor(stored: Stored) {
    this.#table = new Table(stored);
  }

  /** An empty cache for this build of doc-truth (`stamp` changes with every build). */
  static empty(stamp: string): GoFactCache {
    return new GoFactCache(new Columns().finish(stamp, 0, '[]', serialize({ queries: [], asked: [], found: [] } satisfies StoredAnswers)));
  }

  /** A stored cache, or an empty one when the bytes are unreadable or from another build. */
  static decode(bytes: Uint8Array, stamp: string): GoFactCache {
    try {
      const s = deserialize(bytes) as Stored;
      const ok =
        s?.format === FORMAT &&
        s.stamp === stamp &&
        typeof s.paths === 'string' &&
        typeof s.hashes === 'string' &&
        s.stats instanceof Float64Array &&
        s.flags instanceof Uint8Array &&
        s.outlines instanceof Uint8Array &&
        s.answers instanceof Uint8Array &&
        typeof s.protos === 'string' &&
        (s.result === undefined ||
          (typeof s.result.key === 'string' && typeof s.result.paths === 'string' && typeof s.result.packages === 'string' && s.result.mains instanceof Uint8Array && Array.isArray(s.result.full)));
      if (!ok) return GoFactCache.empty(stamp);
      const cache = new GoFactCache(s);
      const n = cache.#table.paths.length;
      // Columns that do not line up with the paths are damage, not data.
      if (s.hashes.length !== n * HASH || s.stats.length !== n * PER_STAT || s.flags.length !== n) return GoFactCache.empty(stamp);
      return cache;
    } catch {
      return GoFactCache.empty(stamp);
    }
  }

  encode(): Buffer {
    return serialize(this.#table.s);
  }

  get size(): number {
    return this.#table.paths.length;
  }

  /** A .proto file as an earlier run parsed this content of it. */
  proto(key: string): ProtoFile | undefined {
    return this.#table.protos().get(key);
  }

  /** The key of the stored resolved facts: equal to the index's, nothing needs writing. */
  get resultKey(): string | undefined {
    return this.#table.s.result?.key;
  }

  /**
   * The content hash of a file whose stat is exactly as it was when it was read (and not so
   * recent that a change could hide within the clock's resolution), or undefined.
   */
  vouch(path: string, stat: FileStat): string | undefined {
    const t = this.#table;
    const i = t.byPath.get(path);
    if (i === undefined) return undefined;
    const was = t.stat(i);
    if (!was || was.size !== stat.size || was.mtimeMs !== stat.mtimeMs || was.ctimeMs !== stat.ctimeMs || was.ino !== stat.ino) return undefined;
    // A later change moves the times, unless it lands in the same clock tick as the write the read
    // saw: a file modified shortly before the cache was written is read again.
    if (stat.mtimeMs > t.s.writtenAt - RACY_MS) return undefined;
    return t.hash(i);
  }

  /**
   * What an earlier run learnt when it asked this content of a file a question (`call:Name`: the
   * `.Name(` calls in it; `word:Word`: whether it contains the word), or undefined when it did not.
   */
  answer(query: string, key: string): unknown {
    const i = this.#table.byKey.get(key);
    return i === undefined ? undefined : this.#table.answer(query, i);
  }

  /** Whether this content names an API resolution searches for, when an earlier run asked. */
  mentions(key: string): boolean | undefined {
    const i = this.#table.byKey.get(key);
    return i === undefined ? undefined : this.#table.mentions(i);
  }

  /** The imports of this content of a file (alias → path), without building anything else. */
  imports(key: string): Record<string, string> | undefined {
    const i = this.#table.byKey.get(key);
    return i === undefined ? undefined : this.#table.imports(i);
  }

  /** What was learnt about this content of this file, or undefined when nothing was. */
  file(key: string, source: FileText): CachedFile | undefined {
    const t = this.#table;
    const i = t.byKey.get(key);
    if (i === undefined || !t.outlinesValid) return undefined;
    const decls = t.decls(i, source);
    const pkg = t.pkg(i);
    const imports = t.imports(i);
    let names: Set<string> | undefined;
    // The names are only asked for when resolution looks into this file: built then.
    const outline: GoSkeleton | null =
      t.s.flags[i] & OUTLINE
        ? {
            pkg,
            imports,
            decls,
            get names() {
              return (names ??= new Set(decls.map((d) => d.name)));
            },
          }
        : null;
    const stored = t.extract(i);
    if (stored === undefined) return { outline };
    if (stored === null) return { outline, extract: null };
    let lines: LineIndex | undefined;
    const extract: FileExtract = {
      ...stored,
      source,
      get text() {
        return source.text;
      },
      decls,
      get lines() {
        return (lines ??= new LineIndex(source.text));
      },
    };
    return { outline, extract };
  }

  /**
   * Resolved facts for exactly this set of files; each file's declarations are taken from
   * `declsOf` when first asked for (most never are). Undefined when the files differ.
   */
  facts(key: string, has: (path: string) => boolean, declsOf: (path: string) => GoDecl[], contentKeyOf: (path: string) => string): GoFileFacts[] | undefined {
    const result = this.#table.s.result;
    if (result?.key !== key) return undefined;
    const paths = result.paths ? result.paths.split('\n') : [];
    if (!paths.every(has)) return undefined;
    const packages = paths.length ? result.packages.split('\n') : [];
    if (packages.length !== paths.length || result.mains.length !== paths.length) return undefined;
    // Declarations are built from the outlines later: bytes that do not hold them mean no warm start.
    if (!this.#table.outlinesValid) return undefined;
    const full = new Map(result.full.map((f) => [f.path, f]));
    const t = this.#table;
    const namesOf = (path: string): DeclaredNames | undefined => {
      const i = t.byKey.get(contentKeyOf(path));
      if (i === undefined) return undefined;
      const { declFrom } = t.o;
      return { names: t.names().slice(declFrom[i], declFrom[i + 1]), receivers: t.receivers().slice(declFrom[i], declFrom[i + 1]) };
    };
    return paths.map((path, i) => {
      const f: StoredFacts = full.get(path) ?? { path, packageName: packages[i], isMain: result.mains[i] === 1, env: NONE, nats: NONE, streams: NONE, container: NONE, data: NONE, commands: NONE, syntaxErrors: NONE };
      let decls: GoDecl[] | undefined;
      const facts = Object.defineProperty({ ...f } as GoFileFacts, 'decls', {
        get: () => (decls ??= declsOf(path)),
        enumerable: true,
        configurable: true,
      });
      let names: DeclaredNames | undefined;
      // Not enumerable: a copy or comparison of the facts never sees it.
      Object.defineProperty(facts, DECLARED_NAMES, { get: () => (names ??= namesOf(path)) });
      return facts;
    });
  }

  /** Replaces the contents with what the index knows now (files gone from it are dropped). */
  replace(from: CacheExport): void {
    const t = this.#table;
    const cols = new Columns();
    for (const f of from.files) {
      // The columns are joined by line breaks; a path holding one is not worth a format of its own.
      if (f.path.includes('\n')) continue;
      const prev = t.byKey.get(f.key);
      const stat = f.stat ?? (prev !== undefined ? t.stat(prev) : undefined);
      const decls = f.outline?.decls ?? f.extract?.decls;
      if (!decls) {
        // Nothing read this run (served from the cache, or never needed): kept as it was.
        if (prev !== undefined) cols.copy(t, prev, stat, f.mentions);
        continue;
      }
      // The same content as before keeps its stored parse (one served from the cache is not
      // taken apart again: that would read its text).
      const kept = prev !== undefined ? t.o.extracts.get(prev) : undefined;
      const extract = kept !== undefined ? kept : f.extract ? serialize(storeExtract(f.extract)) : f.extract;
      cols.add(f.path, f.key, stat, f.mentions ?? (prev !== undefined ? this.mentions(f.key) : undefined), Boolean(f.outline), f.outline?.pkg ?? f.extract!.pkg, f.outline?.imports ?? f.extract!.imports, decls, f.source, extract);
    }
    const protos = from.protos ? JSON.stringify(from.protos.map((p) => [p.key, p.file])) : t.s.protos;
    const result = from.result ? storeResult(from.result.key, from.result.facts) : t.s.result;
    const next = new Table(cols.finish(t.s.stamp, Date.now(), protos, new Uint8Array(0), result));
    next.s.answers = storeAnswers(next, t, from.answers ?? new Map());
    this.#table = next;
  }
}

/** Builds the columns file by file. */
class Columns {
  private paths: string[] = [];
  private hashes: string[] = [];
  private stats: number[] = [];
  private flags: number[] = [];
  private pkgs: string[] = [];
  private imports: string[] = [];
  private declFrom: number[] = [0];
  private names: string[] = [];
  private receivers: string[] = [];
  private nums: number[] = [];
  private extracts = new Map<number, Uint8Array | null>();

  add(path: string, key: string, stat: FileStat | undefined, mentions: boolean | undefined, outline: boolean, pkg: string, imports: Record<string, string>, decls: readonly GoDecl[], source: FileText, extract: Uint8Array | null | undefined): void {
    const n = this.start(path, key, stat, mentions, outline);
    this.pkgs.push(pkg);
    // Import paths with tabs or line breaks are not Go; left out, they cannot break the columns.
    this.imports.push(Object.entries(imports).filter(([a, p]) => !/[\t\n]/.test(a + p)).flat().join('\t'));
    let lines: LineIndex | undefined;
    for (const d of decls) {
      // Read from the declaration's own numbers where it has them: asking for `loc` would build it.
      let nums: number[];
      if (d instanceof Declaration) nums = [d.start, d.end, d.startLine, d.startCharacter, d.endLine, d.endCharacter];
      else {
        const r = d.loc.range;
        const s = (lines ??= new LineIndex(source.text)).offsetAt(r.start);
        nums = [s, s + d.text.length, r.start.line, r.start.character, r.end.line, r.end.character];
      }
      this.nums.push(KINDS.indexOf(d.kind), ...nums);
      this.names.push(d.name);
      this.receivers.push(d.receiver ?? '');
    }
    this.declFrom.push(this.names.length);
    if (extract !== undefined) this.extracts.set(n, extract);
  }

  /** File `i` of `t` as it was, its stat and what is known of its mentions brought up to date. */
  copy(t: Table, i: number, stat: FileStat | undefined, mentions: boolean | undefined): void {
    const s = t.o;
    const n = this.start(t.paths[i], t.key(i), stat, mentions ?? t.mentions(i), Boolean(t.s.flags[i] & OUTLINE));
    this.pkgs.push(t.pkg(i));
    this.imports.push(t.importLine(i));
    const from = s.declFrom[i];
    const to = s.declFrom[i + 1];
    const names = t.names();
    const receivers = t.receivers();
    for (let d = from; d < to; d++) {
      this.names.push(names[d]);
      this.receivers.push(receivers[d]);
      for (let k = 0; k < PER_DECL; k++) this.nums.push(s.declNums[d * PER_DECL + k]);
    }
    this.declFrom.push(this.names.length);
    const ex = s.extracts.get(i);
    if (ex !== undefined) this.extracts.set(n, ex);
  }

  private start(path: string, key: string, stat: FileStat | undefined, mentions: boolean | undefined, outline: boolean): number {
    const n = this.paths.length;
    this.paths.push(path);
    this.hashes.push(key.slice(key.indexOf('\0') + 1));
    this.stats.push(...(stat ? [stat.size, stat.mtimeMs, stat.ctimeMs, stat.ino] : [NaN, NaN, NaN, NaN]));
    this.flags.push((outline ? OUTLINE : 0) | (mentions === undefined ? 0 : MENTIONS_KNOWN | (mentions ? MENTIONS : 0)));
    return n;
  }

  finish(stamp: string, writtenAt: number, protos: string, answers: Uint8Array, result?: StoredResult): Stored {
    return {
      format: FORMAT,
      stamp,
      writtenAt,
      paths: this.paths.join('\n'),
      hashes: this.hashes.join(''),
      stats: Float64Array.from(this.stats),
      flags: Uint8Array.from(this.flags),
      outlines: serialize({
        pkgs: this.pkgs.join('\n'),
        imports: this.imports.join('\n'),
        declFrom: Int32Array.from(this.declFrom),
        declNames: this.names.join('\n'),
        declReceivers: this.receivers.join('\n'),
        declNums: Int32Array.from(this.nums),
        extracts: this.extracts,
      } satisfies Outlines),
      answers,
      result,
      protos,
    };
  }
}

/**
 * The answers learnt this run, and those of the last cache for contents asked then and still
 * present (a run that never asked a question keeps what the one before learnt).
 */
function storeAnswers(next: Table, prev: Table, now: ReadonlyMap<string, ReadonlyMap<string, unknown>>): Uint8Array {
  const n = next.paths.length;
  const queries = new Set([...now.keys(), ...prev.queries()]);
  const out: StoredAnswers = { queries: [], asked: [], found: [] };
  for (const query of queries) {
    const asked = new Uint8Array(n);
    const found = new Map<number, unknown>();
    const fresh = now.get(query);
    for (let i = 0; i < n; i++) {
      const key = next.key(i);
      const j = prev.byKey.get(key);
      const answer = fresh?.get(key) ?? (j === undefined ? undefined : prev.answer(query, j));
      if (answer === undefined) continue;
      asked[i] = 1;
      if (!isEmptyAnswer(answer)) found.set(i, answer);
    }
    out.queries.push(query);
    out.asked.push(asked);
    out.found.push(found);
  }
  return serialize(out);
}

/** What an empty fact list is when read back: one frozen list shared by all. */
const NONE = Object.freeze([]) as never[];

function storeResult(key: string, facts: readonly GoFileFacts[]): StoredResult {
  const full = facts.filter((f) => f.env.length || f.nats.length || f.streams.length || f.container.length || f.data.length || f.commands.length || f.syntaxErrors.length);
  return {
    key,
    paths: facts.map((f) => f.path).join('\n'),
    packages: facts.map((f) => f.packageName).join('\n'),
    mains: Uint8Array.from(facts, (f) => (f.isMain ? 1 : 0)),
    full: full.map(({ decls: _decls, ...rest }) => rest),
  };
}

function storeExtract(ex: FileExtract): StoredExtract {
  const { text: _text, source: _source, lines: _lines, decls: _decls, outline: _outline, ...rest } = ex;
  return rest;
}
