import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFactCache, saveFactCache } from '../../server/src/host/factCacheFile';
import { loadWorkspace } from '../../server/src/host/workspaceLoader';
import { GoFactCache } from '../../server/src/index/cache/factCache';
import type { IndexSnapshot } from '../../server/src/index/snapshot';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';

// A reopened workspace reuses what an earlier run read from unchanged Go files. Whatever comes
// from the cache must equal a fresh read; a changed file, another build or damaged bytes must
// never serve stale facts.

const REPO = join(__dirname, '..', '..');
const EXAMPLE = join(REPO, 'examples', 'platform');
const CLI = join(REPO, 'dist', 'cli.js');

function sameFacts(a: IndexSnapshot, b: IndexSnapshot, what: string): void {
  for (const k of ['env', 'nats', 'streams', 'container', 'data', 'decls', 'services', 'modules', 'protoFiles', 'problems'] as const) assert.deepEqual(a[k], b[k], `${what}: ${k}`);
  assert.deepEqual(a.goFiles, b.goFiles, `${what}: per-file facts`);
}

async function index(root: string, cache?: GoFactCache): Promise<WorkspaceIndex> {
  const wi = await WorkspaceIndex.create(cache ? { go: { cache } } : {});
  await loadWorkspace(root, wi);
  return wi;
}

describe('Go fact cache', () => {
  let ws: string;
  let cacheDir: string;
  beforeEach(() => {
    ws = mkdtempSync(join(tmpdir(), 'doc-truth-cache-ws-'));
    cacheDir = mkdtempSync(join(tmpdir(), 'doc-truth-cache-dir-'));
    cpSync(EXAMPLE, ws, { recursive: true });
  });
  afterEach(() => {
    rmSync(ws, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('serves an unchanged workspace whole from the cache, with the facts of a fresh read', async () => {
    const fresh = await index(ws);
    const first = await index(ws, await openFactCache(cacheDir, ws));
    const written = first.refreshFactCache();
    assert.ok(written, 'a new cache has something to write');
    await saveFactCache(cacheDir, ws, written);
    assert.equal(readdirSync(cacheDir).length, 1);

    const warm = await index(ws, await openFactCache(cacheDir, ws));
    const snap = warm.snapshot();
    sameFacts(snap, fresh.snapshot(), 'warm');
    const stats = warm.goStats();
    assert.equal(stats.fromCache, stats.files);
    assert.ok(stats.files > 20);
    // Declaration texts are the file's own text, not copies kept in the cache.
    for (const d of snap.decls.slice(0, 50)) assert.ok(snap.sourceText(d.loc.path)!.includes(d.text));
    assert.equal(warm.refreshFactCache(), undefined, 'nothing changed, nothing to write');
  });

  it('re-reads only what changed, and the facts follow the change', async () => {
    const first = await index(ws, await openFactCache(cacheDir, ws));
    await saveFactCache(cacheDir, ws, first.refreshFactCache()!);
    const config = join(ws, 'services', 'bot-runner', 'internal', 'config', 'config.go');
    writeFileSync(config, readFileSync(config, 'utf8').replace('default:"50"', 'default:"75"'));

    const warm = await index(ws, await openFactCache(cacheDir, ws));
    sameFacts(warm.snapshot(), (await index(ws)).snapshot(), 'after an edit');
    assert.equal(warm.snapshot().env.find((e) => e.name === 'MAX_CONCURRENT_BOTS')?.default?.display, '75');
    const stats = warm.goStats();
    assert.equal(stats.fromCache, stats.files - 1);
  });

  it('ignores a cache from another build or one that is damaged', async () => {
    const first = await index(ws, await openFactCache(cacheDir, ws));
    const bytes = first.refreshFactCache()!.encode();
    for (const cache of [GoFactCache.decode(bytes, 'another build'), GoFactCache.decode(bytes.subarray(0, bytes.length >> 1), 'x'), GoFactCache.decode(Buffer.from('not a cache'), 'x')]) {
      assert.equal(cache.size, 0);
      const wi = await index(ws, cache);
      assert.equal(wi.goStats().fromCache, 0);
      sameFacts(wi.snapshot(), first.snapshot(), 'ignored cache');
    }
  });

  it('lets the CLI keep its cache in --cache-dir, with the same output as without, and nothing written in the workspace', function () {
    if (!existsSync(CLI)) this.skip();
    const before = readdirSync(ws, { recursive: true }).length;
    const run = (...extra: string[]) => spawnSync(process.execPath, [CLI, 'check', '--root', ws, '--format', 'json', ...extra], { encoding: 'utf8' });
    const plain = run();
    const cold = run('--cache-dir', cacheDir);
    const warm = run('--cache-dir', cacheDir);
    assert.equal(plain.status, 1, plain.stderr);
    for (const r of [cold, warm]) {
      assert.equal(r.status, plain.status, r.stderr);
      assert.equal(r.stdout, plain.stdout);
    }
    assert.equal(readdirSync(cacheDir).length, 1);
    assert.equal(readdirSync(ws, { recursive: true }).length, before);
  });
});
