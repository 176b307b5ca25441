// The source-of-truth index. It does no I/O: hosts (the CLI, the language server, tests) feed it
// `(path, text)` changes and ask for a snapshot. Only the changed file is re-read; the snapshot is
// rebuilt lazily from cached per-file facts.
import type { DotenvEntry, GoDecl, GoFileFacts, GoModule, ProtoFile } from '../engine/types';
import { parseGoMod } from './gomod';
import { isDotenvExample, parseDotenv } from './dotenv';
import { GoFactIndex, initGoParser, type GoFactIndexOptions } from './go/goIndex';
import type { FileStat, GoFactCache } from './cache/factCache';
import { contentHash } from './contentHash';
import { memoize } from '../engine/memo';
import { FileText, type TextReader } from './fileText';
import { parseProtoFile } from './proto/protoFile';
import { createSnapshot, type IndexSnapshot, type ServiceInfo } from './snapshot';
import { discoverServices } from './services';
import { ContentQueryIndex, type StoredAnswer } from './go/contentQueries';
import { scanSelectorCalls } from './go/selectorCalls';
import { SourceTexts } from './sourceTexts';

export type SourceKind = 'go' | 'proto' | 'gomod' | 'dotenv';

/** Which files the index reads; everything else only counts as "exists" for path claims. */
export function sourceKindOf(path: string): SourceKind | undefined {
  if (path.endsWith('.go')) return 'go';
  if (path.endsWith('.proto')) return 'proto';
  if (path === 'go.mod' || path.endsWith('/go.mod')) return 'gomod';
  if (isDotenvExample(path)) return 'dotenv';
  return undefined;
}

export interface WorkspaceIndexOptions {
  go?: GoFactIndexOptions;
}

export class WorkspaceIndex {
  private readonly go: GoFactIndex;
  private readonly modules = new Map<string, GoModule>();
  private readonly protos = new Map<string, ProtoFile>();
  private readonly dotenv = new Map<string, DotenvEntry[]>();
  private readonly texts = new SourceTexts();
  private readonly paths = new Set<string>();
  private readonly problems = new Map<string, { path: string; message: string; line?: number }>();
  private version = 0;
  private cached?: IndexSnapshot;
  private previous?: IndexSnapshot;
  /** Whether a path came or went since the last snapshot. */
  private pathsChanged = true;
  private link?: { previous?: IndexSnapshot };

  static async create(options: WorkspaceIndexOptions = {}): Promise<WorkspaceIndex> {
    await initGoParser();
    return new WorkspaceIndex(options);
  }

  private readonly factCache: GoFactCache | undefined;
  /** With a fact cache: each .proto file's key (path and content hash) in it. */
  private readonly protoKeys = new Map<string, string>();

  /** Builder-method calls and words asked of the Go files, per file content. */
  private readonly calls: ContentQueryIndex<string[][]>;
  private readonly words: ContentQueryIndex<boolean>;

  private constructor(options: WorkspaceIndexOptions) {
    this.go = new GoFactIndex(options.go);
    this.factCache = options.go?.cache;
    this.calls = new ContentQueryIndex(scanSelectorCalls, this.storedAnswers<string[][]>('call'));
    this.words = new ContentQueryIndex((text, word) => text.includes(word), this.storedAnswers<boolean>('word'));
  }

  /** The fact cache's answers to one kind of question (its questions are stored as `kind:query`). */
  private storedAnswers<T>(kind: string): StoredAnswer<T> | undefined {
    const cache = this.factCache;
    return cache && ((query, key) => cache.answer(`${kind}:${query}`, key) as T | undefined);
  }

  /** Every answer learnt this run, by question as the fact cache stores it. */
  private answersLearnt(): Map<string, ReadonlyMap<string, unknown>> {
    const answers = new Map<string, ReadonlyMap<string, unknown>>();
    for (const [kind, index] of [['call', this.calls], ['word', this.words]] as const) for (const [query, byKey] of index.known()) answers.set(`${kind}:${query}`, byKey);
    return answers;
  }

  /** Records that a file exists without reading it (binary, too large, or of no interest). */
  notePath(path: string, problem?: string): void {
    this.addPath(path);
    if (problem) this.problems.set(path, { path, message: problem });
    this.invalidate();
  }

  /**
   * A Go file the fact cache knows by this stat, so its text need not be read: true when the
   * cache vouched for it (the host reads the file itself otherwise). `read` gives its text if
   * something needs it later.
   */
  applyUnread(path: string, stat: FileStat, read: TextReader): boolean {
    if (sourceKindOf(path) !== 'go' || !this.factCache) return false;
    const hash = this.factCache.vouch(path, stat);
    if (!hash) return false;
    this.problems.delete(path);
    this.addPath(path);
    const source = FileText.later(path, hash, read);
    this.texts.set(path, source);
    this.go.set(path, source, stat);
    this.invalidate();
    return true;
  }

  /**
   * The one entry point for change: a file's new text, or `null` when it was deleted. `stat` is
   * what the host's read saw, so a later warm start can trust the file without reading it.
   */
  applyChange(path: string, text: string | null, stat?: FileStat): void {
    this.problems.delete(path);
    if (text === null) {
      if (this.paths.delete(path)) this.pathsChanged = true;
      this.texts.delete(path);
      this.modules.delete(path);
      this.protos.delete(path);
      this.protoKeys.delete(path);
      this.dotenv.delete(path);
      this.go.delete(path);
      this.invalidate();
      return;
    }
    this.addPath(path);
    const kind = sourceKindOf(path);
    const source = FileText.of(path, text);
    if (kind) this.texts.set(path, source);
    try {
      switch (kind) {
        case 'go':
          this.go.set(path, source, stat);
          break;
        case 'proto': {
          const key = this.factCache ? `${path}\0${contentHash(text)}` : undefined;
          const proto = (key && this.factCache!.proto(key)) || parseProtoFile(path, text);
          if (key) this.protoKeys.set(path, key);
          this.protos.set(path, proto);
          if (proto.parseError) this.problems.set(path, { path, message: proto.parseError.message, line: proto.parseError.line });
          break;
        }
        case 'gomod':
          this.modules.set(path, parseGoMod(path, text));
          break;
        case 'dotenv':
          this.dotenv.set(path, parseDotenv(path, text));
          break;
        default:
          break;
      }
    } catch (err) {
      // One bad file must never take the rest of the index down.
      this.problems.set(path, { path, message: `could not be indexed: ${(err as Error).message}` });
    }
    this.invalidate();
  }

  /** Go files known, parsed so far (the others are read as outlines), and taken from the fact cache. */
  goStats(): ReturnType<GoFactIndex['stats']> {
    return this.go.stats();
  }

  /**
   * Brings the fact cache given at creation up to date with the index (after a snapshot, so facts
   * are resolved) and returns it for the host to store; undefined without a cache or when the
   * stored one is already up to date.
   */
  refreshFactCache(): GoFactCache | undefined {
    if (!this.factCache) return undefined;
    this.snapshot();
    const current = this.go.exportCache();
    current.protos = [...this.protos].flatMap(([path, file]) => {
      const key = this.protoKeys.get(path);
      return key ? [{ key, file }] : [];
    });
    current.answers = this.answersLearnt();
    // Served whole from the cache and nothing changed since: the stored bytes are still right.
    const cache = this.factCache;
    const answersKept = [...current.answers].every(([query, byKey]) => [...byKey.keys()].every((key) => cache.answer(query, key) !== undefined));
    if (current.result && current.result.key === cache.resultKey && cache.size === current.files.length && current.protos.every((p) => cache.proto(p.key)) && answersKept) return undefined;
    this.factCache.replace(current);
    return this.factCache;
  }

  private addPath(path: string): void {
    if (this.paths.has(path)) return;
    this.paths.add(path);
    this.pathsChanged = true;
  }

  has(path: string): boolean {
    return this.paths.has(path);
  }

  snapshot(): IndexSnapshot {
    if (this.cached) return this.cached;
    const prev = this.previous;
    // Sorted by path, so the order files were read in never shows in a verdict.
    const byPath = <T extends { path: string }>(xs: Iterable<T>): T[] => {
      // The Go facts come in path order already: checking that is cheaper than sorting a copy.
      if (Array.isArray(xs) && xs.every((x, i) => i === 0 || xs[i - 1].path < x.path)) return xs;
      return [...xs].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    };
    // Parts that did not change are the previous snapshot's very objects: a host that kept what
    // rules made of a snapshot can tell by identity what is still true.
    const modules = sameItems(prev?.modules, byPath(this.modules.values()));
    let goFiles: readonly GoFileFacts[] = [];
    try {
      goFiles = sameItems(prev?.goFiles, byPath(this.go.facts(modules)));
    } catch (err) {
      this.problems.set('(go)', { path: '(go)', message: `Go facts could not be resolved: ${(err as Error).message}` });
    }
    const samePaths = prev && !this.pathsChanged;
    this.pathsChanged = false;
    const services = servicesOf(prev, modules, goFiles);
    // The new snapshot links the one before; that one lets go of its own predecessor.
    const link: { previous?: IndexSnapshot } = { previous: prev };
    if (this.link) this.link.previous = undefined;
    this.link = link;
    const texts = this.texts.view();
    // The texts the Go facts were read from, for questions asked of every Go file.
    const goSources = this.go.sources();
    this.cached = createSnapshot(
      {
        version: this.version,
        modules,
        goFiles,
        protoFiles: sameItems(prev?.protoFiles, byPath(this.protos.values())),
        dotenv: sameItems(prev?.dotenv, [...this.dotenv.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).flatMap(([, entries]) => entries)),
        filePaths: samePaths ? prev.filePaths : new Set(this.paths),
        dirPaths: samePaths ? prev.dirPaths : dirsOf(this.paths),
        services: prev && (prev.services === services || JSON.stringify(prev.services) === JSON.stringify(services)) ? prev.services : services,
        problems: [...this.problems.values()],
        texts,
        selectorCalls: (name) => flatCalls(this.calls.answersIn(goSources, name)),
        filesContaining: (word) => pathsWith(this.words.answersIn(goSources, word), goSources),
      },
      () => link.previous,
    );
    this.previous = this.cached;
    return this.cached;
  }

  private invalidate(): void {
    this.version++;
    this.cached = undefined;
  }
}

/**
 * The services, found again only when what they are found from changed: the modules, or which files
 * are main packages and the subcommands those declare (a source change rarely touches either).
 */
function servicesOf(prev: IndexSnapshot | undefined, modules: readonly GoModule[], goFiles: readonly GoFileFacts[]): readonly ServiceInfo[] {
  const before = prev?.goFiles;
  const same =
    prev &&
    before &&
    prev.modules === modules &&
    before.length === goFiles.length &&
    goFiles.every((f, i) => f === before[i] || (f.path === before[i].path && f.isMain === before[i].isMain && JSON.stringify(f.commands) === JSON.stringify(before[i].commands)));
  return same ? prev.services : discoverServices(modules, goFiles);
}

/** Lists worked out from a list of answers, kept while the answers are the very same list. */
const flatCalls = memoize((answers: readonly string[][][]): string[][] => answers.flat());
const pathsWith = memoize((answers: readonly boolean[], files: readonly FileText[]): string[] => files.flatMap((f, i) => (answers[i] ? [f.path] : [])));

/** `next`, or `prev` when it holds the very same items in the same order. */
function sameItems<T>(prev: readonly T[] | undefined, next: T[]): readonly T[] {
  return prev && prev.length === next.length && next.every((x, i) => x === prev[i]) ? prev : next;
}

/** Every folder that holds at least one of the paths. */
function dirsOf(paths: Iterable<string>): Set<string> {
  const dirs = new Set<string>();
  for (const p of paths) for (let i = p.lastIndexOf('/'); i > 0; i = p.lastIndexOf('/', i - 1)) {
    const d = p.slice(0, i);
    if (dirs.has(d)) break;
    dirs.add(d);
  }
  return dirs;
}
