import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFactCache, saveFactCache } from '../../server/src/host/factCacheFile';
import { loadWorkspace, readSourceFile } from '../../server/src/host/workspaceLoader';
import { GoFactCache } from '../../server/src/index/cache/factCache';
import type { IndexSnapshot } from '../../server/src/index/snapshot';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { deserialize, serialize } from 'node:v8';
import { checkText } from '../../server/src/engine/check';
import { defaultConfig } from '../../server/src/engine/config';

// A reopened workspace reuses what an earlier run read from unchanged Go files. Whatever comes
// from the cache must equal a fresh read; a changed file, another build or damaged bytes must
// never serve stale facts.

const REPO = join(__dirname, '..', '..');
const EXAMPLE = join(REPO, 'examples', 'platform');
const CLI = join(REPO, 'dist', 'cli.js');

function sameFacts(a: IndexSnapshot, b: IndexSnapshot, what: string): void {
  for (const k of ['env', 'nats', 'streams', 'container', 'data', 'decls', 'services', 'modules', 'protoFiles', 'problems'] as const) assert.deepEqual(a[k], b[k], `${what}: ${k}`);
  assert.deepEqual(a.goFiles, b.goFiles, `${what}: per-file facts`);
  // A declaration's text is cut from its file when asked for, so it is not among the fields compared above.
  assert.deepEqual(a.decls.map((d) => d.text), b.decls.map((d) => d.text), `${what}: declaration texts`);
}

/** Every file of a folder, dated an hour back (as a checkout some time ago would be). */
function ageFiles(root: string): void {
  const then = new Date(Date.now() - 3600_000);
  for (const rel of readdirSync(root, { recursive: true }) as string[]) {
    const abs = join(root, rel);
    if (statSync(abs).isFile()) utimesSync(abs, then, then);
  }
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

  /** The workspace indexed with the cache in `cacheDir`, as a run with `--cache-dir` does. */
  const withCache = async () => index(ws, await openFactCache(cacheDir, ws));
  const save = async (wi: WorkspaceIndex) => saveFactCache(cacheDir, ws, wi.refreshFactCache()!);
  /** The workspace, dated back, indexed once with the cache and then reopened from it. */
  const reopened = async () => {
    ageFiles(ws);
    await save(await withCache());
    return withCache();
  };

  it('serves an unchanged workspace whole from the cache, with the facts of a fresh read', async () => {
    const fresh = await index(ws);
    const first = await withCache();
    const written = first.refreshFactCache();
    assert.ok(written, 'a new cache has something to write');
    await saveFactCache(cacheDir, ws, written);
    assert.equal(readdirSync(cacheDir).length, 1);

    const warm = await withCache();
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
    const first = await withCache();
    await save(first);
    const config = join(ws, 'services', 'bot-runner', 'internal', 'config', 'config.go');
    writeFileSync(config, readFileSync(config, 'utf8').replace('default:"50"', 'default:"75"'));

    const warm = await withCache();
    sameFacts(warm.snapshot(), (await index(ws)).snapshot(), 'after an edit');
    assert.equal(warm.snapshot().env.find((e) => e.name === 'MAX_CONCURRENT_BOTS')?.default?.display, '75');
    const stats = warm.goStats();
    assert.equal(stats.fromCache, stats.files - 1);
  });

  it('takes files whose size and times are as they were without reading them, and reads one when it is needed', async () => {
    const warm = await reopened();
    const snap = warm.snapshot();
    const stats = warm.goStats();
    assert.ok(stats.files > 20);
    assert.equal(stats.unread, stats.files, 'no Go file was read');
    assert.equal(stats.fromCache, stats.files);
    const decl = snap.decls.find((d) => d.name === 'Load' && d.loc.path.endsWith('bot-runner/internal/config/config.go'));
    assert.ok(decl, 'a declaration served from the cache');
    assert.ok(decl.text.startsWith('func Load('), decl.text);
    assert.equal(warm.goStats().unread, stats.files - 1, 'asking for one text read one file');
    sameFacts(snap, (await index(ws)).snapshot(), 'vouched by stat');
  });

  it('checks container claims after a warm start with the findings of a cold run, reading only files that hold settings', async () => {
    ageFiles(ws);
    // The example's container claims for a service whose settings go through builder methods:
    // judging them needs the arguments of every call of those methods.
    const full = readFileSync(join(ws, 'docs', 'platform-development-guide', 'services', 'runtime-services.md'), 'utf8');
    const bullets = full.slice(full.indexOf('- `CapDrop: ALL`.'), full.indexOf('### Results'));
    const doc = `# Runtime services\n\n## Backtest Runner\n\n### Container isolation\n\n${bullets}`;
    const check = (wi: WorkspaceIndex) => checkText('file:///ws/docs/runtime.md', doc, wi.snapshot(), defaultConfig(), { root: ws });
    const first = await withCache();
    const cold = check(first);
    assert.ok(cold.claims.filter((c) => c.ruleId === 'security-container').length >= 5, 'container claims were judged');
    await save(first);

    const warm = await withCache();
    const again = check(warm);
    assert.deepEqual(again.diagnostics, cold.diagnostics);
    assert.equal(again.claimsChecked, cold.claimsChecked);
    // A setting inside a builder method takes the method's parameters from its text: the files
    // holding settings are the most a check of them reads.
    const holding = new Set(warm.snapshot().container.map((f) => f.loc.path)).size;
    const { files, unread } = warm.goStats();
    assert.ok(files - unread <= holding, `${files - unread} of ${files} Go files read; ${holding} hold container settings`);
  });

  it('checks the whole example doc after a warm start with the findings of a cold run, reading a few files', async () => {
    ageFiles(ws);
    const docPath = join(ws, 'docs', 'platform-development-guide', 'services', 'runtime-services.md');
    const doc = readFileSync(docPath, 'utf8');
    const check = (wi: WorkspaceIndex) => checkText(`file://${docPath}`, doc, wi.snapshot(), defaultConfig(), { root: ws });
    const first = await withCache();
    const cold = check(first);
    await save(first);

    const warm = await withCache();
    const again = check(warm);
    assert.deepEqual(again.diagnostics, cold.diagnostics);
    // Snippets compared with declarations, fragments with the files holding their words, and
    // settings inside builder methods read those files; which files contain a word, and the
    // builder calls, come from the cache.
    const { files, unread } = warm.goStats();
    assert.ok(files - unread <= files / 4, `${files - unread} of ${files} Go files read`);
  });

  it('vouches at the next start for a file the editor re-read after it changed', async () => {
    const warm = await reopened();
    const rel = 'services/bot-runner/internal/config/config.go';
    const abs = join(ws, rel);
    writeFileSync(abs, readFileSync(abs, 'utf8').replace('package config', 'package config // edited'));
    utimesSync(abs, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    // As the language server does on a watched-file event: one file read, with the stat it was read at.
    const read = readSourceFile(ws, rel)!;
    assert.equal(read.stat.size, statSync(abs).size);
    warm.applyChange(rel, read.text, read.stat);
    await save(warm);
    const again = await withCache();
    again.snapshot();
    assert.equal(again.goStats().unread, again.goStats().files, 'the re-read file was read again at the next start');
  });

  it('reads a file rewritten to the same size with its old modification time put back', async () => {
    ageFiles(ws);
    const first = await withCache();
    await save(first);
    const config = join(ws, 'services', 'bot-runner', 'internal', 'config', 'config.go');
    const before = statSync(config);
    writeFileSync(config, readFileSync(config, 'utf8').replace('default:"50"', 'default:"75"'));
    utimesSync(config, before.atime, before.mtime);
    assert.equal(statSync(config).size, before.size);

    const warm = await withCache();
    assert.equal(warm.snapshot().env.find((e) => e.name === 'MAX_CONCURRENT_BOTS')?.default?.display, '75');
    assert.equal(warm.goStats().fromCache, warm.goStats().files - 1, 'only the rewritten file was not taken from the cache');
  });

  it('reads every file again when they changed too shortly before the cache was written to tell by their times', async () => {
    const first = await withCache();
    await save(first);
    const warm = await withCache();
    warm.snapshot();
    assert.equal(warm.goStats().unread, 0);
    assert.equal(warm.goStats().fromCache, warm.goStats().files, 'their facts still come from the cache');
  });

  it('cuts a declaration from the file as it is now when the file changed after the start-up check', async () => {
    const warm = await reopened();
    const snap = warm.snapshot();
    const config = join(ws, 'services', 'bot-runner', 'internal', 'config', 'config.go');
    // A line above the declaration moves every offset the cache recorded for it.
    writeFileSync(config, readFileSync(config, 'utf8').replace(/^package config$/m, 'package config\n\n// Moved down by this comment.'));
    const decl = snap.decls.find((d) => d.name === 'Load' && d.loc.path.endsWith('bot-runner/internal/config/config.go'))!;
    const now = (await index(ws)).snapshot().decls.find((d) => d.name === 'Load' && d.loc.path === decl.loc.path)!;
    assert.equal(decl.text, now.text);
  });

  it('starts cold from a cache whose parts do not hold what they should', async () => {
    ageFiles(ws);
    const first = await withCache();
    const bytes = first.refreshFactCache()!.encode();
    const fresh = (await index(ws)).snapshot();
    const damage: ((s: Record<string, unknown>) => void)[] = [
      (s) => (s.outlines = new Uint8Array([1, 2, 3])),
      (s) => ((s.result as Record<string, unknown>).full = 'not a list'),
      (s) => ((s.result as Record<string, unknown>).packages = ''),
      (s) => (s.hashes = ''),
    ];
    for (const [i, spoil] of damage.entries()) {
      const stored = deserialize(bytes) as Record<string, unknown>;
      spoil(stored);
      const wi = await index(ws, GoFactCache.decode(serialize(stored), stored.stamp as string));
      sameFacts(wi.snapshot(), fresh, `damage ${i}`);
    }
  });

  it('ignores a cache from another build or one that is damaged', async () => {
    const first = await withCache();
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
