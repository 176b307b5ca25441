// One workspace folder as the server sees it: its index, its `.doc-truth.json`, its settings, and
// which of its documents are checked. Multi-root workspaces hold one of these per folder, so a
// folder's sources never answer for another folder's docs.
import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import picomatch from 'picomatch';
import { FileChangeType } from 'vscode-languageserver';
import { CONFIG_FILE, ConfigError, defaultConfig, type ResolvedConfig } from '../engine/config';
import { uriToPath } from '../engine/uris';
import { openFactCache, saveFactCache } from '../host/factCacheFile';
import { loadConfig, loadWorkspace, READ_BATCH, readSourceFile, SKIPPED_DIRS, yieldToEventLoop } from '../host/workspaceLoader';
import type { IndexSnapshot } from '../index/snapshot';
import { sourceKindOf, WorkspaceIndex } from '../index/workspaceIndex';
import { effectiveConfig, normalizeSettings, type Settings } from './settings';

export type FolderState = 'indexing' | 'ready' | 'error';

export interface FolderEnv {
  /** Where to keep the Go fact cache between sessions (the editor's storage for the workspace). */
  cacheDir?: string;
  log(message: string): void;
  /** The client's `docTruth` settings for this folder; may reject or never be supported. */
  fetchSettings(scopeUri: string): Promise<unknown>;
  /** Called whenever the folder's state, config or index changes. */
  changed(folder: WorkspaceFolderHost): void;
}

export interface FileEvent {
  uri: string;
  type: FileChangeType;
}

/**
 * Folders the loader never walks; watched-file events from inside them are dropped for the same
 * reason (generated, vendored or foreign code is not what the docs describe).
 */

/** Files the index reads, beyond `sourceKindOf`: go.work decides which modules are in play. */
function isWatchedSource(rel: string): boolean {
  return sourceKindOf(rel) !== undefined || rel === 'go.work' || rel.endsWith('/go.work');
}

/** The first checks after a load go first; the cache is written once they had their turn. */
const CACHE_SAVE_AFTER_LOAD_MS = 2_000;
/** Edits on disk come in bursts (a branch switch, a generator): one write after the burst. */
const CACHE_SAVE_AFTER_EDIT_MS = 30_000;

export class WorkspaceFolderHost {
  state: FolderState = 'indexing';
  message?: string;
  /** The last valid `.doc-truth.json` (defaults when there is none). */
  fileConfig: ResolvedConfig = defaultConfig();
  /** Set while `.doc-truth.json` is invalid; checks go on with the last valid config. */
  configError?: string;
  /** Bumped whenever something a check depends on changes besides the document and the index. */
  generation = 0;

  private index?: WorkspaceIndex;
  private ready: Promise<void> = Promise.resolve();
  private loadSeq = 0;
  private settingsCache?: Promise<Settings>;
  private matcherCache?: { key: string; match: (rel: string) => boolean };
  private excluded: (rel: string) => boolean = () => false;
  private cacheTimer?: NodeJS.Timeout;

  constructor(
    readonly uri: string,
    readonly root: string,
    readonly name: string,
    private readonly env: FolderEnv,
  ) {}

  /** (Re)reads the config and every source from disk into a fresh index. */
  load(): Promise<void> {
    this.ready = this.doLoad(++this.loadSeq);
    return this.ready;
  }

  /** Resolves once no load is in flight, including loads started while waiting. */
  async whenReady(): Promise<void> {
    for (;;) {
      const p = this.ready;
      await p;
      if (p === this.ready) return;
    }
  }

  snapshot(): IndexSnapshot | undefined {
    return this.index?.snapshot();
  }

  async settings(): Promise<Settings> {
    if (!this.settingsCache) {
      this.settingsCache = this.env.fetchSettings(this.uri).then(normalizeSettings, (err) => {
        this.env.log(`settings for ${this.name} unavailable, using defaults: ${(err as Error)?.message ?? err}`);
        return normalizeSettings(undefined);
      });
    }
    return this.settingsCache;
  }

  invalidateSettings(): void {
    this.settingsCache = undefined;
    this.generation++;
  }

  config(settings: Settings): ResolvedConfig {
    return effectiveConfig(this.fileConfig, settings);
  }

  /** The folder-relative path of a file URI inside this folder. */
  relPath(uri: string): string | undefined {
    return uriToPath(this.root, uri);
  }

  /** Whether a document is one the settings and `.doc-truth.json` ask to check. */
  isCheckedDocument(uri: string, settings: Settings): boolean {
    // An untitled buffer has no path to match; it is checked so a pasted doc can be tried out.
    if (uri.startsWith('untitled:')) return true;
    const rel = this.relPath(uri);
    if (rel === undefined) return false;
    const globs = this.config(settings).documents;
    const key = globs.join('\0');
    if (this.matcherCache?.key !== key) this.matcherCache = { key, match: globs.length ? picomatch(globs, { dot: true }) : () => false };
    return this.matcherCache.match(rel);
  }

  /**
   * Applies watched-file events: only the files named are re-read. Returns whether anything a
   * check depends on changed.
   */
  async applyFileEvents(events: readonly FileEvent[]): Promise<boolean> {
    await this.whenReady();
    const index = this.index;
    if (!index) return false;
    let changed = false;
    let configChanged = false;
    for (const [i, ev] of events.entries()) {
      // Files are read synchronously: a branch switch's thousands of events still let edits in.
      if (i > 0 && i % READ_BATCH === 0) await yieldToEventLoop();
      const rel = this.relPath(ev.uri);
      if (rel === undefined) continue;
      if (rel === CONFIG_FILE) {
        configChanged = true;
        continue;
      }
      if (this.isSkipped(rel)) continue;
      try {
        changed = (await this.applyOne(index, rel, ev.type)) || changed;
      } catch (err) {
        this.env.log(`${rel}: could not be re-read: ${(err as Error).message}`);
      }
    }
    if (configChanged) {
      await this.reloadConfig();
      return true;
    }
    if (changed) {
      this.env.changed(this);
      this.saveCacheSoon(CACHE_SAVE_AFTER_EDIT_MS);
    }
    return changed;
  }

  private async applyOne(index: WorkspaceIndex, rel: string, type: FileChangeType): Promise<boolean> {
    if (type === FileChangeType.Deleted) {
      const snap = index.snapshot();
      if (snap.filePaths.has(rel)) {
        index.applyChange(rel, null);
        return true;
      }
      // A deleted folder arrives as one event; everything under it goes with it.
      if (!snap.dirPaths.has(rel)) return false;
      for (const p of snap.filePaths) if (p.startsWith(`${rel}/`)) index.applyChange(p, null);
      return true;
    }
    let info;
    try {
      info = lstatSync(join(this.root, ...rel.split('/')));
    } catch {
      // Gone again before we looked: treat as deleted.
      if (!index.has(rel)) return false;
      index.applyChange(rel, null);
      return true;
    }
    if (info.isDirectory()) return false;
    if (info.isSymbolicLink() || !isWatchedSource(rel)) {
      if (index.has(rel)) return false;
      index.notePath(rel);
      return true;
    }
    const read = readSourceFile(this.root, rel, (m) => this.env.log(m));
    if (read === null) index.notePath(rel, 'skipped (unreadable, binary or larger than 2 MB)');
    else index.applyChange(rel, read.text, read.stat);
    return true;
  }

  private isSkipped(rel: string): boolean {
    const segments = rel.split('/');
    return segments.slice(0, -1).some((s) => SKIPPED_DIRS.has(s)) || this.excluded(rel);
  }

  /** Writes the fact cache a while from now (and only once for many calls in between). */
  private saveCacheSoon(delay: number): void {
    if (!this.env.cacheDir) return;
    if (this.cacheTimer) clearTimeout(this.cacheTimer);
    this.cacheTimer = setTimeout(() => {
      this.cacheTimer = undefined;
      const cache = this.index?.refreshFactCache();
      if (!cache) return;
      saveFactCache(this.env.cacheDir!, this.root, cache).catch((err: Error) => this.env.log(`${this.name}: fact cache not written: ${err.message}`));
    }, delay);
    // A pending write must not keep a finished server alive.
    this.cacheTimer.unref?.();
  }

  private async reloadConfig(): Promise<void> {
    const before = this.fileConfig.exclude.join('\0');
    this.readConfigResult(await this.readConfig());
    this.generation++;
    // Excluded paths decide what is in the index: a new exclude list means a new index.
    if (this.fileConfig.exclude.join('\0') !== before) await this.load();
    else this.env.changed(this);
  }

  private async readConfig(): Promise<ResolvedConfig | ConfigError> {
    try {
      return await loadConfig(this.root);
    } catch (err) {
      if (err instanceof ConfigError) return err;
      return new ConfigError('(file)', (err as Error).message);
    }
  }

  private readConfigResult(result: ResolvedConfig | ConfigError): void {
    if (result instanceof ConfigError) {
      this.configError = result.message;
      this.env.log(`${this.name}: ${result.message}; keeping the last valid settings`);
      return;
    }
    this.configError = undefined;
    this.fileConfig = result;
    this.excluded = result.exclude.length ? picomatch(result.exclude, { dot: true }) : () => false;
  }

  private async doLoad(seq: number): Promise<void> {
    this.state = 'indexing';
    this.message = undefined;
    this.env.changed(this);
    try {
      this.readConfigResult(await this.readConfig());
      const cache = this.env.cacheDir ? await openFactCache(this.env.cacheDir, this.root) : undefined;
      const index = await WorkspaceIndex.create(cache ? { go: { cache } } : {});
      await loadWorkspace(this.root, index, { exclude: this.fileConfig.exclude, log: (m) => this.env.log(`${this.name}: ${m}`) });
      if (seq !== this.loadSeq) return;
      this.index = index;
      this.state = 'ready';
      this.generation++;
      this.saveCacheSoon(CACHE_SAVE_AFTER_LOAD_MS);
    } catch (err) {
      if (seq !== this.loadSeq) return;
      this.state = 'error';
      this.message = `${this.name}: the workspace could not be indexed: ${(err as Error).message}`;
      this.env.log((err as Error).stack ?? this.message);
    }
    this.env.changed(this);
  }
}
