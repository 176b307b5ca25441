// Reads a workspace from disk into the index: the only code that touches the file system for
// sources. It never follows a path out of the root, never reads huge or binary files, and never
// runs anything it finds.
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import { CONFIG_FILE, defaultConfig, parseConfig, type ResolvedConfig } from '../engine/config';
import { sourceKindOf, type WorkspaceIndex } from '../index/workspaceIndex';

/** Folders that never hold the sources a doc describes. */
const SKIPPED_DIRS = new Set(['.git', '.hg', '.svn', 'node_modules', 'vendor', 'testdata', '.idea', '.vscode-test', 'dist', 'out', 'bin', '.cache']);

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

export async function loadWorkspace(root: string, index: WorkspaceIndex, opts: LoadOptions = {}): Promise<LoadSummary> {
  const log = opts.log ?? (() => undefined);
  const excluded = opts.exclude?.length ? picomatch(opts.exclude, { dot: true }) : () => false;
  const realRoot = await realpath(root);
  const summary: LoadSummary = { files: 0, indexed: 0, skipped: 0 };
  const pending: Promise<void>[] = [];

  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      log(`cannot list ${relPath(realRoot, dir) || '.'}: ${(err as Error).message}`);
      return;
    }
    for (const e of entries) {
      const abs = join(dir, e.name);
      const rel = relPath(realRoot, abs);
      if (excluded(rel)) continue;
      if (e.isDirectory()) {
        if (SKIPPED_DIRS.has(e.name)) continue;
        await walk(abs);
      } else if (e.isFile()) {
        summary.files++;
        pending.push(loadFile(rel, abs));
      } else if (e.isSymbolicLink()) {
        // Links are recorded as existing paths but never followed: a link can point outside the
        // root or into a loop.
        summary.files++;
        index.notePath(rel);
      }
    }
  };

  const loadFile = async (rel: string, abs: string): Promise<void> => {
    if (!sourceKindOf(rel)) {
      index.notePath(rel);
      return;
    }
    const text = await readSourceAt(abs, rel, log);
    if (text === null) {
      summary.skipped++;
      index.notePath(rel, 'skipped (unreadable, binary or larger than 2 MB)');
      return;
    }
    index.applyChange(rel, text);
    summary.indexed++;
  };

  await walk(realRoot);
  await Promise.all(pending);
  return summary;
}

/** Reads one workspace file for the index, or null when it is outside the root, huge or binary. */
export async function readSourceFile(root: string, rel: string, log: (m: string) => void = () => undefined): Promise<string | null> {
  const abs = join(root, ...rel.split('/'));
  try {
    const [realRoot, real] = await Promise.all([realpath(root), realpath(abs)]);
    if (real !== realRoot && !real.startsWith(realRoot + sep)) {
      log(`${rel}: points outside the workspace; not read`);
      return null;
    }
  } catch {
    return null;
  }
  return readSourceAt(abs, rel, log);
}

async function readSourceAt(abs: string, rel: string, log: (m: string) => void): Promise<string | null> {
  try {
    const info = await lstat(abs);
    if (!info.isFile()) return null;
    if (info.size > MAX_SOURCE_BYTES) {
      log(`${rel}: ${Math.round(info.size / 1024)} KB is over the ${MAX_SOURCE_BYTES / 1024 / 1024} MB source cap; skipped`);
      return null;
    }
    const bytes = await readFile(abs);
    if (bytes.subarray(0, 8000).includes(0)) {
      log(`${rel}: binary content; skipped`);
      return null;
    }
    return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  } catch (err) {
    // Deleted while we walked, or unreadable: the rest of the workspace still indexes.
    log(`${rel}: ${(err as Error).message}`);
    return null;
  }
}

/** `.doc-truth.json` at the root, or the defaults. Throws ConfigError when the file is invalid. */
export async function loadConfig(root: string): Promise<ResolvedConfig> {
  let text: string;
  try {
    text = await readFile(join(root, CONFIG_FILE), 'utf8');
  } catch {
    return defaultConfig();
  }
  return parseConfig(text);
}

export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

function relPath(root: string, abs: string): string {
  return relative(root, abs).split(sep).join('/');
}
