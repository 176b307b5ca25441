// Where the Go fact cache lives on disk: one file per workspace root in a folder the host names
// (the editor's workspace storage, or `--cache-dir`), never in the workspace itself. A cache
// written by another build of doc-truth, or damaged, is ignored rather than trusted.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GoFactCache } from '../index/cache/factCache';

let stampMemo: string | undefined;

/** Identifies this build: a cache holds what this code extracted, and another build may extract differently. */
function buildStamp(): string {
  if (stampMemo) return stampMemo;
  let code = '';
  try {
    code = createHash('sha1').update(readFileSync(__filename)).digest('hex');
  } catch {
    code = String(Date.now());
  }
  return (stampMemo = `${process.versions.v8}:${code}`);
}

function cachePath(dir: string, root: string): string {
  return join(dir, `go-facts-${createHash('sha1').update(root).digest('hex').slice(0, 16)}.bin`);
}

/** The stored cache for a workspace root, or an empty one. */
export async function openFactCache(dir: string, root: string): Promise<GoFactCache> {
  try {
    return GoFactCache.decode(await readFile(cachePath(dir, root)), buildStamp());
  } catch {
    return GoFactCache.empty(buildStamp());
  }
}

/** Writes the cache (to a temporary file renamed into place, so a reader never sees half of it). */
export async function saveFactCache(dir: string, root: string, cache: GoFactCache): Promise<void> {
  const path = cachePath(dir, root);
  await mkdir(dir, { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, cache.encode());
  await rename(tmp, path);
}
