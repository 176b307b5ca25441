// Reads a workspace from disk into the index: the only code that touches the file system for
// sources. It never follows a path out of the root, never reads huge or binary files, and never
// runs anything it finds.
//
// Files are read with synchronous calls in batches, yielding to the event loop between batches:
// for thousands of small files that sit in the page cache, each asynchronous call is a round trip
// through the thread pool that costs far more than the read (a 4,000-file workspace read in ~1 s
// instead of ~0.15 s), while a batch blocks the server for a few milliseconds at most.
import { closeSync, constants as fsConstants, fstatSync, lstatSync, openSync, readdirSync, readFileSync, readSync, realpathSync, type Stats } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import picomatch from 'picomatch';
import { CONFIG_FILE, ConfigError, defaultConfig, parseConfig, type ResolvedConfig } from '../engine/config';
import type { FileStat } from '../index/cache/factCache';
import { sourceKindOf, type WorkspaceIndex } from '../index/workspaceIndex';

/** Folders that never hold the sources a doc describes. */
export const SKIPPED_DIRS: ReadonlySet<string> = new Set(['.git', '.hg', '.svn', 'node_modules', 'vendor', 'testdata', '.idea', '.vscode-test', 'dist', 'out', 'bin', '.cache']);

/** Source files larger than this are generated code or data; reading them would only cost time. */
export const MAX_SOURCE_BYTES = 2 * 1024 * 1024;

export interface LoadOptions {
  exclude?: string[];
  log?: (message: string) => void;
}

export interface LoadSummary {
  files: number;
  indexed: number;
  skipped: number;
}

/** Files read between two yields to the event loop. */
export const READ_BATCH = 200;

export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function loadWorkspace(root: string, index: WorkspaceIndex, opts: LoadOptions = {}): Promise<LoadSummary> {
  const log = opts.log ?? (() => undefined);
  const excluded = opts.exclude?.length ? picomatch(opts.exclude, { dot: true }) : () => false;
  const realRoot = await realpath(root);
  const summary: LoadSummary = { files: 0, indexed: 0, skipped: 0 };
  const files: { rel: string; abs: string; source: boolean }[] = [];

  // Paths are built as the walk descends (`relative()` per file is a noticeable part of listing
  // thousands of files).
  const walk = (dir: string, relDir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      log(`cannot list ${relDir || '.'}: ${(err as Error).message}`);
      return;
    }
    // Listing order differs between file systems; sorted, every run indexes in the same order.
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const prefix = dir.endsWith(sep) ? dir : dir + sep;
    for (const e of entries) {
      const abs = prefix + e.name;
      const rel = relDir ? `${relDir}/${e.name}` : e.name;
      if (excluded(rel)) continue;
      if (e.isDirectory()) {
        if (SKIPPED_DIRS.has(e.name)) continue;
        walk(abs, rel);
      } else if (e.isFile()) {
        files.push({ rel, abs, source: sourceKindOf(rel) !== undefined });
      } else if (e.isSymbolicLink()) {
        // Links are recorded as existing paths but never followed: a link can point outside the
        // root or into a loop.
        files.push({ rel, abs, source: false });
      }
    }
  };

  walk(realRoot, '');
  // Files reach the index in path order, so facts, problems and the order of related locations
  // do not depend on anything but the files.
  for (let i = 0; i < files.length; i++) {
    if (i > 0 && i % READ_BATCH === 0) await yieldToEventLoop();
    const { rel, abs, source } = files[i];
    const read = source ? readOrVouch(index, realRoot, abs, rel, log) : undefined;
    if (read === undefined) {
      summary.files++;
      index.notePath(rel);
    } else if (read.kind === 'gone') {
      // Deleted between listing and reading: it no longer exists, so it is not noted.
    } else if (read.kind === 'skipped') {
      summary.files++;
      summary.skipped++;
      index.notePath(rel, `skipped (${read.reason})`);
    } else {
      summary.files++;
      summary.indexed++;
      if (read.kind === 'text') index.applyChange(rel, read.text, read.stat);
    }
  }
  return summary;
}

type SourceRead = { kind: 'text'; text: string; stat: FileStat } | { kind: 'vouched' } | { kind: 'skipped'; reason: string } | { kind: 'gone' };

/**
 * A file the fact cache vouches for by its stat is not read now (most never are); the index
 * gets a way to read it later, with the same checks. Any other file is read.
 */
function readOrVouch(index: WorkspaceIndex, realRoot: string, abs: string, rel: string, log: (m: string) => void): SourceRead {
  let info: Stats;
  try {
    info = lstatSync(abs);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'gone' };
    return readSource(abs, rel, log);
  }
  if (info.isFile() && info.size <= MAX_SOURCE_BYTES && index.applyUnread(rel, statOf(info), () => readLater(realRoot, abs, rel, log))) return { kind: 'vouched' };
  return readSource(abs, rel, log, info);
}

/** A read long after the walk: a folder on the way may have become a link out of the root since. */
function readLater(realRoot: string, abs: string, rel: string, log: (m: string) => void): string | undefined {
  let real: string;
  try {
    real = realpathSync.native(abs);
  } catch {
    return undefined;
  }
  return readInside(realRoot, real, abs, rel, log)?.text;
}

/** The text of a file whose real path lies inside the root, with the stat it was read at, or undefined. */
function readInside(realRoot: string, real: string, abs: string, rel: string, log: (m: string) => void): { text: string; stat: FileStat } | undefined {
  if (real !== realRoot && !real.startsWith(realRoot + sep)) {
    log(`${rel}: points outside the workspace; not read`);
    return undefined;
  }
  const read = readSource(abs, rel, log);
  return read.kind === 'text' ? read : undefined;
}

function statOf(info: Stats): FileStat {
  return { size: info.size, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, ino: info.ino };
}

/**
 * Reads one workspace file for the index, with the stat it was read at (so the fact cache can
 * vouch for it at the next start), or null when it is outside the root, huge or binary.
 * Synchronous: one small file is read sooner than a round trip through the thread pool takes.
 */
export function readSourceFile(root: string, rel: string, log: (m: string) => void = () => undefined): { text: string; stat: FileStat } | null {
  const abs = join(root, ...rel.split('/'));
  let realRoot: string;
  let real: string;
  try {
    realRoot = realpathSync.native(root);
    real = realpathSync.native(abs);
  } catch {
    return null;
  }
  return readInside(realRoot, real, abs, rel, log) ?? null;
}

/** Opening with O_NOFOLLOW closes the gap between the lstat check and the read: a file swapped for a link is refused. */
const OPEN_FLAGS = fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0) | (fsConstants.O_NONBLOCK ?? 0);

const utf8 = new TextDecoder('utf-8');

function readSource(abs: string, rel: string, log: (m: string) => void, lstat?: Stats): SourceRead {
  let fd: number | undefined;
  try {
    const info = lstat ?? lstatSync(abs);
    if (!info.isFile()) return { kind: 'skipped', reason: 'not a regular file' };
    if (info.size > MAX_SOURCE_BYTES) {
      log(`${rel}: ${Math.round(info.size / 1024)} KB is over the ${MAX_SOURCE_BYTES / 1024 / 1024} MB source cap; skipped`);
      return { kind: 'skipped', reason: `larger than ${MAX_SOURCE_BYTES / 1024 / 1024} MB` };
    }
    fd = openSync(abs, OPEN_FLAGS);
    const opened = fstatSync(fd);
    // The file may have grown or been replaced since the lstat.
    if (!opened.isFile() || opened.size > MAX_SOURCE_BYTES) {
      log(`${rel}: changed while being read; skipped`);
      return { kind: 'skipped', reason: 'changed while being read' };
    }
    const bytes = readAll(fd, opened.size);
    if (bytes.subarray(0, 8000).includes(0)) {
      log(`${rel}: binary content; skipped`);
      return { kind: 'skipped', reason: 'binary' };
    }
    return { kind: 'text', text: utf8.decode(bytes).replace(/^\uFEFF/, ''), stat: statOf(opened) };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'gone' };
    // Unreadable (permissions, a link swapped in): the rest of the workspace still indexes.
    log(`${rel}: ${(err as Error).message}`);
    return { kind: 'skipped', reason: 'unreadable' };
  } finally {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // Nothing was written; a failed close loses nothing.
      }
    }
  }
}

/** The whole file, sized by its fstat; a file still growing is read to its new end. */
function readAll(fd: number, size: number): Buffer {
  // One byte more than expected tells a file that grew from one that did not, without a new stat.
  const buf = Buffer.allocUnsafe(size + 1);
  let at = 0;
  while (at < buf.length) {
    const n = readSync(fd, buf, at, buf.length - at, null);
    if (n === 0) return buf.subarray(0, at);
    at += n;
  }
  return Buffer.concat([buf, readFileSync(fd)]);
}

/** `.doc-truth.json` at the root, or the defaults. Throws ConfigError when the file is invalid. */
export async function loadConfig(root: string): Promise<ResolvedConfig> {
  const path = join(root, CONFIG_FILE);
  let real: string;
  try {
    real = await realpath(path);
  } catch {
    return defaultConfig();
  }
  // A config linked from elsewhere would be read, and its text quoted in parse errors.
  const realRoot = await realpath(root);
  if (real !== join(realRoot, CONFIG_FILE) && !real.startsWith(realRoot + sep)) throw new ConfigError('(file)', 'links outside the workspace; not read');
  let text: string;
  try {
    const info = await stat(real);
    if (!info.isFile()) return defaultConfig();
    if (info.size > MAX_CONFIG_BYTES) throw new ConfigError('(file)', `larger than ${MAX_CONFIG_BYTES / 1024} KB; not read`);
    text = await readFile(real, 'utf8');
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    return defaultConfig();
  }
  return parseConfig(text);
}

/** A settings file this large is not one a person wrote. */
const MAX_CONFIG_BYTES = 256 * 1024;

export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
