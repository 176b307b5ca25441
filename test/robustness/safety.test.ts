// What doc-truth promises the machine it runs on: it never starts a process, never opens a
// connection, and `--fix` writes the checked document and nothing else.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import fsp from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { forbidProcessesAndSockets } from './support/forbidIo';
import { hashTree } from './support/properties';
import { EXAMPLE, REPO, trueDocText, WORKSPACE_DOC } from './support/seeds';
import { cli, fixtureCopy, tempDir, type TempDir } from './support/tempWorkspace';

const EXAMPLE_DOC = 'docs/platform-development-guide/services/runtime-services.md';
const CLI = join(REPO, 'dist', 'cli.js');
const PRELOAD = join(__dirname, 'support', 'forbidIo.preload.cjs');

/** The fixture doc with drift the version rules can fix. */
function driftedDoc(): string {
  return trueDocText().replace('`github.com/nats-io/nats.go` | v1.36.0', '`github.com/nats-io/nats.go` | v1.30.0').replace('| Go | `go` directive | 1.22.5 |', '| Go | `go` directive | 1.21.0 |');
}

function exampleCopy(): TempDir & { root: string } {
  const t = tempDir();
  const root = join(t.dir, 'platform');
  cpSync(EXAMPLE, root, { recursive: true });
  return { ...t, root };
}

describe('safety: no processes, no sockets', function () {
  this.timeout(60_000);
  const cleanup: TempDir[] = [];
  after(() => cleanup.forEach((t) => t.remove()));

  before(async () => {
    // The parser's wasm is loaded once per process; load it before the guards go up so a failure
    // to load is not mistaken for I/O.
    await WorkspaceIndex.create();
  });

  for (const workspace of ['fixture', 'example platform'] as const) {
    it(`runs check in every format and with --fix over the ${workspace} without spawning or connecting`, async () => {
      const ws = workspace === 'fixture' ? fixtureCopy() : exampleCopy();
      cleanup.push(ws);
      if (workspace === 'fixture') writeFileSync(join(ws.root, WORKSPACE_DOC), driftedDoc());
      const guard = forbidProcessesAndSockets();
      const codes: number[] = [];
      try {
        // The example is large: one run per output path is enough there.
        const formats = workspace === 'fixture' ? (['text', 'json', 'sarif'] as const) : (['sarif'] as const);
        for (const format of formats) codes.push((await cli({ root: ws.root, format })).code);
        codes.push((await cli({ root: ws.root, fix: true, format: 'json' })).code);
      } finally {
        guard.restore();
      }
      assert.deepEqual(guard.attempts, []);
      assert.equal(codes[0], 1, 'the drifted doc should fail the check');
      if (workspace === 'fixture') assert.deepEqual(codes, [1, 1, 1, 0], 'after --fix the fixture doc is true again');
    });
  }

  it('the built CLI, run as a process, neither spawns nor connects', function () {
    if (!existsSync(CLI)) this.skip();
    const ws = exampleCopy();
    cleanup.push(ws);
    const log = join(ws.dir, 'forbidden.log');
    const env = { ...process.env, DOC_TRUTH_FORBID_LOG: log };
    const r = spawnSync(process.execPath, ['--require', PRELOAD, CLI, 'check', '--root', ws.root, '--format', 'json', '--fix'], { env, encoding: 'utf8', timeout: 60_000 });
    assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}\n${r.stderr}`);
    assert.ok(JSON.parse(r.stdout).files[0].fixed.length >= 1);
    assert.ok(existsSync(log), 'the preload never ran');
    assert.equal(readFileSync(log, 'utf8'), '');
  });

  it('the guards themselves catch an attempt, in-process and preloaded', () => {
    const guard = forbidProcessesAndSockets();
    try {
      assert.throws(() => spawnSync('true'));
      assert.throws(() => require('node:net').connect(9, '127.0.0.1'));
    } finally {
      guard.restore();
    }
    assert.equal(guard.attempts.length, 2);
    const t = tempDir();
    try {
      const log = join(t.dir, 'forbidden.log');
      spawnSync(process.execPath, ['--require', PRELOAD, '-e', "try { require('node:child_process').execSync('true') } catch {}"], { env: { ...process.env, DOC_TRUTH_FORBID_LOG: log } });
      assert.match(readFileSync(log, 'utf8'), /^child_process\.execSync\("true"\)/);
    } finally {
      t.remove();
    }
  });
});

describe('safety: the terminal', () => {
  it('shows control characters and bidi overrides quoted from a doc as escapes, in text output and on stderr', async () => {
    const ws = fixtureCopy();
    try {
      const hostile = 'parcel.assigned\x1b[2J\x1b[31mALL CLEAR\u202e\x07';
      writeFileSync(join(ws.root, WORKSPACE_DOC), `# Messaging\n\n\`\`\`go\n// SubjectAssigned is published once per parcel handed to a courier.\nconst SubjectAssigned = "${hostile}"\n\`\`\`\n`);
      ws.write('ws/api/bad\x1b[2J.proto', 'syntax = "proto3";\nmessage {\n');
      const r = await cli({ root: ws.root });
      assert.equal(r.code, 1, r.out + r.err);
      assert.match(r.out, /snippet-drift/);
      assert.doesNotMatch(r.out + r.err, /[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]/);
      assert.ok(r.out.includes('parcel.assigned\\x1b[2J\\x1b[31mALL CLEAR\\u202e\\x07'), r.out);
      assert.ok(r.err.includes('bad\\x1b[2J.proto'), r.err);
      const json = await cli({ root: ws.root, format: 'json' });
      assert.ok(JSON.parse(json.out).files[0].diagnostics.some((d: { message: string }) => d.message.includes(hostile)), 'JSON keeps the exact text');
    } finally {
      ws.remove();
    }
  });
});

describe('safety: --fix writes only the checked document', function () {
  this.timeout(60_000);
  let ws: TempDir & { root: string };
  afterEach(() => ws?.remove());

  it('over the example platform: the doc changes, every other file keeps its bytes and mtime, no file appears', async () => {
    ws = exampleCopy();
    const before = hashTree(ws.dir);
    const r = await cli({ root: ws.root, fix: true });
    assert.ok(r.code === 0 || r.code === 1, r.err);
    const after = hashTree(ws.dir);
    assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort(), 'files appeared or vanished');
    const changed = [...before].filter(([p, h]) => after.get(p) !== h).map(([p]) => p);
    assert.deepEqual(changed, [`platform/${EXAMPLE_DOC}`]);
    assert.match(r.out, /fixed \d+ claims?/);
  });

  it('with a document named on the command line: only that document is written', async () => {
    ws = fixtureCopy();
    writeFileSync(join(ws.root, WORKSPACE_DOC), driftedDoc());
    const other = join(ws.root, 'docs', 'operations.md');
    writeFileSync(other, driftedDoc());
    const before = hashTree(ws.dir);
    const r = await cli({ root: ws.root, fix: true, documents: [resolve(ws.root, WORKSPACE_DOC)] });
    assert.equal(r.code, 0, r.out + r.err);
    const after = hashTree(ws.dir);
    const changed = [...before].filter(([p, h]) => after.get(p) !== h).map(([p]) => p);
    assert.deepEqual(changed, [`ws/${WORKSPACE_DOC}`]);
    assert.equal(readFileSync(join(ws.root, WORKSPACE_DOC), 'utf8'), trueDocText());
  });

  it('refuses to rewrite a doc that is not valid UTF-8, since decoding already replaced bytes', async () => {
    ws = fixtureCopy();
    const docPath = join(ws.root, WORKSPACE_DOC);
    // A Latin-1 "é" in prose: one byte that is not UTF-8, far from the drifted version.
    const bytes = Buffer.concat([Buffer.from(driftedDoc()), Buffer.from('\nMaintained by the caf'), Buffer.from([0xe9]), Buffer.from(' team.\n')]);
    writeFileSync(docPath, bytes);
    const r = await cli({ root: ws.root, fix: true });
    assert.equal(r.code, 2);
    assert.match(r.err, /runtime-services\.md: not valid UTF-8.*; not fixed/);
    assert.ok(readFileSync(docPath).equals(bytes), 'the doc was rewritten');
  });

  it('refuses to overwrite an edit saved while the check ran', async () => {
    ws = fixtureCopy();
    const docPath = join(ws.root, WORKSPACE_DOC);
    writeFileSync(docPath, driftedDoc());
    const saved = `${driftedDoc()}\nA paragraph the author saved a moment ago.\n`;
    const realReadFile = fsp.readFile;
    let reads = 0;
    fsp.readFile = (async (...args: unknown[]) => {
      const out = await (realReadFile as (...a: unknown[]) => Promise<Buffer>)(...args);
      // The editor saves right after the CLI has read the doc.
      if (String(args[0]) === docPath && reads++ === 0) writeFileSync(docPath, saved);
      return out;
    }) as typeof realReadFile;
    let r;
    try {
      r = await cli({ root: ws.root, fix: true });
    } finally {
      fsp.readFile = realReadFile;
    }
    assert.ok(reads >= 1, 'the CLI no longer reads the doc with fs/promises readFile; this test must hook another call');
    assert.equal(r.code, 2);
    assert.match(r.err, /changed on disk while it was being checked; not fixed/);
    assert.equal(readFileSync(docPath, 'utf8'), saved);
  });

  it('leaves a clean doc untouched, mtime included', async () => {
    ws = fixtureCopy();
    const before = hashTree(ws.dir);
    const r = await cli({ root: ws.root, fix: true });
    assert.equal(r.code, 0, r.out + r.err);
    assert.deepEqual(hashTree(ws.dir), before);
  });
});
