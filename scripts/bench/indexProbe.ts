// Runs in a fresh process per measurement, so every cold index really starts cold. Measures, in
// the same process and over the same files: the floor (walk + read every file the index reads,
// then one grep-like regex scan over the texts) and then the index itself as the CLI builds it
// (parser start, workspace load, first snapshot). Prints one JSON line.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { openFactCache, saveFactCache } from '../../server/src/host/factCacheFile';
import { loadWorkspace, SKIPPED_DIRS } from '../../server/src/host/workspaceLoader';
import { sourceKindOf, WorkspaceIndex } from '../../server/src/index/workspaceIndex';

export interface ProbeResult {
  files: number;
  bytes: number;
  readMs: number;
  scanMs: number;
  scanHits: number;
  indexMs: number;
  goFiles: number;
  facts: { env: number; nats: number; container: number; decls: number };
  /** Go files, how many of them were parsed (the rest were read as outlines), how many came from the cache. */
  go: { files: number; parsed: number; fromCache: number };
  /** Writing the fact cache after indexing (not part of indexMs). */
  saveMs?: number;
  cache?: { hits: number; misses: number };
  rssMB: number;
}

/** What a grep for the APIs the index cares about would look for. */
const GREP = /os\.(Getenv|LookupEnv)|envconfig|\.(Publish|Subscribe|QueueSubscribe|Request)\(|jetstream\.|container\.(HostConfig|Config|Resources)|mongo\.|minio\.|prometheus\.|cobra\.|cli\.\w+Flag|^package main$|^(func|type|const|var) /gm;

/** The least any indexer must do: list the files it reads, read them, and look through them once. */
function floor(root: string): { files: number; bytes: number; readMs: number; scanMs: number; hits: number } {
  const t0 = performance.now();
  const paths: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const abs = join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name)) walk(abs);
      } else if (e.isFile() && sourceKindOf(relative(root, abs).split(sep).join('/'))) paths.push(abs);
    }
  };
  walk(root);
  // Synchronous reads are the fastest way Node has to read many small cached files.
  const texts = paths.map((p) => readFileSync(p, 'utf8'));
  const t1 = performance.now();
  let hits = 0;
  let bytes = 0;
  for (const t of texts) {
    bytes += t.length;
    GREP.lastIndex = 0;
    while (GREP.exec(t)) hits++;
  }
  const t2 = performance.now();
  return { files: paths.length, bytes, readMs: t1 - t0, scanMs: t2 - t1, hits };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { root: { type: 'string' }, 'cache-dir': { type: 'string' }, 'skip-floor': { type: 'boolean', default: false } } });
  const root = values.root!;
  const f = values['skip-floor'] ? { files: 0, bytes: 0, readMs: NaN, scanMs: NaN, hits: 0 } : floor(root);
  const cacheDir = values['cache-dir'];
  const t0 = performance.now();
  const index = await WorkspaceIndex.create(cacheDir ? { go: { cache: await openFactCache(cacheDir, root) } } : {});
  await loadWorkspace(root, index);
  const snap = index.snapshot();
  const indexMs = performance.now() - t0;
  let saveMs: number | undefined;
  if (cacheDir) {
    const t1 = performance.now();
    const cache = index.refreshFactCache();
    if (cache) await saveFactCache(cacheDir, root, cache);
    saveMs = performance.now() - t1;
  }
  const out: ProbeResult = {
    files: f.files,
    bytes: f.bytes,
    readMs: f.readMs,
    scanMs: f.scanMs,
    scanHits: f.hits,
    indexMs,
    goFiles: snap.goFiles.length,
    facts: { env: snap.env.length, nats: snap.nats.length, container: snap.container.length, decls: snap.decls.length },
    go: index.goStats(),
    saveMs,
    rssMB: process.memoryUsage().rss / 1048576,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
