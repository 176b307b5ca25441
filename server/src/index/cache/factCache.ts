// What the Go index learnt about each file, kept between runs: a reopened workspace reuses the
// outlines, parses and resolved facts of every file whose content is unchanged, keyed by path and
// content hash. Pure data: the host decides where the bytes live (never the user's workspace
// unless asked) and hands them in and out.
import { deserialize, serialize } from 'node:v8';
import type { GoDecl, GoFileFacts, ProtoFile } from '../../engine/types';
import { LineIndex } from '../../engine/lineIndex';
import type { FileExtract } from '../go/extract';
import { Declaration } from '../declaration';
import type { GoSkeleton } from '../go/skeleton';

/** Bumped whenever what is stored changes shape. */
const FORMAT = 3;

const KINDS: readonly GoDecl['kind'][] = ['func', 'method', 'type', 'const', 'var'];
/** Numbers stored per declaration: kind, start and end offsets, start line and column, end line and column. */
const PER_DECL = 7;

/**
 * A file's declarations without their texts: each text is the file's between two offsets, so the
 * cache stays small and a loaded text is a slice of the file like a fresh read. Numbers go in one
 * typed array and names in one string: a workspace has a hundred thousand declarations, and one
 * object each would make loading the cache cost as much as reading the sources again.
 */
interface StoredDecls {
  names: string;
  /** Receiver per declaration ('' for none), joined like the names. */
  receivers: string;
  nums: Int32Array;
}

type StoredExtract = Omit<FileExtract, 'text' | 'lines' | 'decls' | 'outline'>;

/** One file: its outline (or, where the outline reader gave up, its parse's declarations) and its parse. */
interface FileRecord {
  pkg: string;
  imports: Record<string, string>;
  decls: StoredDecls;
  /** False when the outline reader gave up on the file. */
  outline: boolean;
  /** The parse, when the file was parsed; null when parsing threw. */
  extract?: StoredExtract | null;
}

type StoredFacts = Omit<GoFileFacts, 'decls'>;

interface Stored {
  format: number;
  stamp: string;
  files: Map<string, FileRecord>;
  result?: { key: string; facts: StoredFacts[] };
  /** Parsed .proto files by path and content hash. */
  protos: Map<string, ProtoFile>;
}

export interface CachedFile {
  /** The outline, or null when the outline reader gave up on this content. */
  outline: GoSkeleton | null;
  /** The parse (null: it threw), or undefined when the file was never parsed. */
  extract?: FileExtract | null;
}

/** What the index hands over to be stored: every live file and the resolved facts. */
export interface CacheExport {
  files: { key: string; path: string; text: string; outline: GoSkeleton | null | undefined; extract: FileExtract | null | undefined }[];
  result?: { key: string; facts: readonly GoFileFacts[] };
  /** Every live .proto file: its key (path and content hash) and what parsing it gave. */
  protos?: { key: string; file: ProtoFile }[];
}

export class GoFactCache {
  private constructor(
    private readonly stamp: string,
    private files: Map<string, FileRecord>,
    private result: Stored['result'],
    private protos: Map<string, ProtoFile>,
  ) {}

  /** An empty cache for this build of doc-truth (`stamp` changes with every build). */
  static empty(stamp: string): GoFactCache {
    return new GoFactCache(stamp, new Map(), undefined, new Map());
  }

  /** A stored cache, or an empty one when the bytes are unreadable or from another build. */
  static decode(bytes: Uint8Array, stamp: string): GoFactCache {
    try {
      const stored = deserialize(bytes) as Stored;
      if (stored?.format !== FORMAT || stored.stamp !== stamp || !(stored.files instanceof Map) || !(stored.protos instanceof Map)) return GoFactCache.empty(stamp);
      return new GoFactCache(stamp, stored.files, stored.result, stored.protos);
    } catch {
      return GoFactCache.empty(stamp);
    }
  }

  encode(): Buffer {
    const stored: Stored = { format: FORMAT, stamp: this.stamp, files: this.files, result: this.result, protos: this.protos };
    return serialize(stored);
  }

  get size(): number {
    return this.files.size;
  }

  /** A .proto file as an earlier run parsed this content of it. */
  proto(key: string): ProtoFile | undefined {
    return this.protos.get(key);
  }

  /** The key of the stored resolved facts: equal to the index's, nothing needs writing. */
  get resultKey(): string | undefined {
    return this.result?.key;
  }

  /** What was learnt about this content of this file, or undefined when nothing was. */
  file(key: string, path: string, text: string): CachedFile | undefined {
    const r = this.files.get(key);
    if (!r) return undefined;
    const decls = loadDecls(r.decls, path, text);
    let names: Set<string> | undefined;
    // The names are only asked for when resolution looks into this file: built then.
    const outline: GoSkeleton | null = r.outline
      ? {
          pkg: r.pkg,
          imports: r.imports,
          decls,
          get names() {
            return (names ??= new Set(decls.map((d) => d.name)));
          },
        }
      : null;
    if (r.extract === undefined) return { outline };
    if (r.extract === null) return { outline, extract: null };
    let lines: LineIndex | undefined;
    const extract: FileExtract = {
      ...r.extract,
      text,
      decls,
      get lines() {
        return (lines ??= new LineIndex(text));
      },
    };
    return { outline, extract };
  }

  /** Resolved facts for exactly this set of files, declarations taken from `declsOf`. */
  facts(key: string, declsOf: (path: string) => GoDecl[] | undefined): GoFileFacts[] | undefined {
    if (this.result?.key !== key) return undefined;
    const out: GoFileFacts[] = [];
    for (const f of this.result.facts) {
      const decls = declsOf(f.path);
      if (!decls) return undefined;
      out.push({ ...f, decls });
    }
    return out;
  }

  /** Replaces the contents with what the index knows now (files gone from it are dropped). */
  replace(from: CacheExport): void {
    const files = new Map<string, FileRecord>();
    for (const f of from.files) {
      const prev = this.files.get(f.key);
      if (f.outline === undefined && f.extract === undefined) {
        if (prev) files.set(f.key, prev);
        continue;
      }
      let lines: LineIndex | undefined;
      const offsets = () => (lines ??= new LineIndex(f.text));
      const declsFrom = f.outline?.decls ?? f.extract?.decls;
      const record: FileRecord = declsFrom
        ? { pkg: f.outline?.pkg ?? f.extract!.pkg, imports: f.outline?.imports ?? f.extract!.imports, decls: storeDecls(declsFrom, offsets), outline: Boolean(f.outline) }
        : prev ?? { pkg: '', imports: {}, decls: storeDecls([], offsets), outline: false };
      if (f.extract) record.extract = storeExtract(f.extract);
      else if (f.extract === null) record.extract = null;
      else if (prev?.extract !== undefined) record.extract = prev.extract;
      files.set(f.key, record);
    }
    this.files = files;
    if (from.protos) this.protos = new Map(from.protos.map((p) => [p.key, p.file]));
    if (from.result) this.result = { key: from.result.key, facts: from.result.facts.map(({ decls: _decls, ...rest }) => rest) };
  }
}

function storeDecls(decls: readonly GoDecl[], lines: () => LineIndex): StoredDecls {
  const nums = new Int32Array(decls.length * PER_DECL);
  decls.forEach((d, i) => {
    // Read from the declaration's own numbers where it has them: asking for `loc` would build it.
    const [sl, sc, el, ec] = d instanceof Declaration ? [d.startLine, d.startCharacter, d.endLine, d.endCharacter] : [d.loc.range.start.line, d.loc.range.start.character, d.loc.range.end.line, d.loc.range.end.character];
    const s = lines().offsetAt({ line: sl, character: sc });
    nums.set([KINDS.indexOf(d.kind), s, s + d.text.length, sl, sc, el, ec], i * PER_DECL);
  });
  return { names: decls.map((d) => d.name).join('\n'), receivers: decls.map((d) => d.receiver ?? '').join('\n'), nums };
}

function loadDecls(stored: StoredDecls, path: string, text: string): GoDecl[] {
  const n = stored.nums.length / PER_DECL;
  if (n === 0) return [];
  const names = stored.names.split('\n');
  const receivers = stored.receivers.split('\n');
  const out: GoDecl[] = new Array(n);
  const x = stored.nums;
  for (let i = 0; i < n; i++) {
    const o = i * PER_DECL;
    out[i] = new Declaration(names[i], receivers[i] || undefined, KINDS[x[o]], text.slice(x[o + 1], x[o + 2]), path, x[o + 3], x[o + 4], x[o + 5], x[o + 6]);
  }
  return out;
}

function storeExtract(ex: FileExtract): StoredExtract {
  const { text: _text, lines: _lines, decls: _decls, outline: _outline, ...rest } = ex;
  return rest;
}
