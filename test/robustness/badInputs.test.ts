// Inputs a real repository throws at the loader and the CLI, each with one clear outcome: skipped
// with one log line, reported as a problem with file and line, or a CLI exit 2 with a message.
import assert from 'node:assert/strict';
import { readFileSync, symlinkSync, unlinkSync } from 'node:fs';
import fsp from 'node:fs/promises';
import { join } from 'node:path';
import { checkText } from '../../server/src/engine/check';
import { defaultConfig } from '../../server/src/engine/config';
import { pathToUri } from '../../server/src/engine/uris';
import { loadWorkspace, MAX_SOURCE_BYTES, readSourceFile } from '../../server/src/host/workspaceLoader';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { trueDocText, WORKSPACE_DOC } from './support/seeds';
import { cli, fixtureCopy, tempDir } from './support/tempWorkspace';

async function load(root: string): Promise<{ index: WorkspaceIndex; log: string[]; summary: Awaited<ReturnType<typeof loadWorkspace>> }> {
  const index = await WorkspaceIndex.create();
  const log: string[] = [];
  const summary = await loadWorkspace(root, index, { log: (m) => log.push(m) });
  return { index, log, summary };
}

const envNames = (index: WorkspaceIndex) => index.snapshot().env.map((e) => e.name);

describe('bad inputs: the loader', () => {
  let ws: ReturnType<typeof fixtureCopy>;
  afterEach(() => ws?.remove());

  it('skips a binary .go file with one log line and never parses it', async () => {
    ws = fixtureCopy();
    // Valid Go after a NUL byte: parsing it would yield the env fact.
    ws.write('ws/internal/blob/blob.go', Buffer.concat([Buffer.from('package blob\n\x00\x01\x02'), Buffer.from('\nimport "os"\n\nvar Key = os.Getenv("BLOB_SECRET_KEY")\n')]));
    const { index, log } = await load(ws.root);
    const snapshot = index.snapshot();
    assert.ok(!envNames(index).includes('BLOB_SECRET_KEY'), 'the binary file was parsed');
    assert.equal(snapshot.sourceText('internal/blob/blob.go'), undefined);
    assert.ok(snapshot.filePaths.has('internal/blob/blob.go'), 'the file still exists for path claims');
    assert.deepEqual(log.filter((l) => l.includes('internal/blob/blob.go')), ['internal/blob/blob.go: binary content; skipped']);
    assert.ok(envNames(index).includes('DISPATCH_MAX_BATCH') || snapshot.goFiles.some((f) => f.path === 'cmd/dispatcher/main.go'), 'the rest of the workspace was not indexed');
  });

  it('skips a .go file over 2 MB with one log line and never reads it', async () => {
    ws = fixtureCopy();
    const body = `package gen\n\nimport "os"\n\nvar Table = os.Getenv("GENERATED_TABLE_PATH")\n\n${'// generated padding line for a very large file\n'.repeat(45_000)}`;
    assert.ok(body.length > MAX_SOURCE_BYTES);
    ws.write('ws/internal/gen/table.go', body);
    const { index, log, summary } = await load(ws.root);
    assert.ok(!envNames(index).includes('GENERATED_TABLE_PATH'), 'the huge file was parsed');
    assert.equal(index.snapshot().sourceText('internal/gen/table.go'), undefined);
    assert.equal(log.filter((l) => l.includes('internal/gen/table.go')).length, 1);
    assert.match(log.find((l) => l.includes('internal/gen/table.go'))!, /over the 2 MB source cap; skipped/);
    assert.equal(summary.skipped, 1);
    assert.ok(index.snapshot().problems.some((p) => p.path === 'internal/gen/table.go' && /2 MB/.test(p.message)));
  });

  it('names the file and line of a .proto that does not parse, and invents no diagnostic from it', async () => {
    ws = fixtureCopy();
    ws.write(
      'ws/api/labels/v1/labels.proto',
      'syntax = "proto3";\n\npackage labels.v1;\n\nservice LabelService {\n  rpc Render(RenderRequest) returns (RenderResponse);\n}\n\nmessage RenderRequest {\n  string parcel_id = 1;\n  int32 dpi = ;\n}\n\nmessage RenderResponse {\n  bytes png = 1;\n}\n',
    );
    const { index } = await load(ws.root);
    const snapshot = index.snapshot();
    const problem = snapshot.problems.find((p) => p.path === 'api/labels/v1/labels.proto');
    assert.ok(problem, `no problem for the broken proto: ${JSON.stringify(snapshot.problems)}`);
    assert.equal(problem.line, 11);
    // The doc describes the broken file's service as the file says it: nothing can be judged, so nothing is reported.
    const doc = `${trueDocText()}\n## Labels\n\n\`LabelService\` is defined in \`api/labels/v1/labels.proto\`:\n\n\`\`\`proto\nservice LabelService {\n  rpc Render(RenderRequest) returns (RenderResponse);\n}\n\`\`\`\n\nCall \`LabelService.Render\` with a \`RenderRequest\`.\n`;
    const result = checkText(pathToUri(ws.root, WORKSPACE_DOC), doc, snapshot, defaultConfig(), { root: ws.root });
    assert.deepEqual(result.ruleErrors, []);
    const labelsLine = doc.split('\n').indexOf('## Labels');
    const invented = result.diagnostics.filter((d) => d.range.start.line >= labelsLine && (d.severity ?? 1) <= 2);
    assert.deepEqual(invented.map((d) => `${d.code}: ${d.message}`), []);
  });

  it('never follows a link to a file or folder outside the root, nor a link loop', async () => {
    ws = fixtureCopy();
    // Outside the root: Go that would produce a fact if it were read.
    ws.write('outside/secret/secret.go', 'package secret\n\nimport "os"\n\nvar Token = os.Getenv("OUTSIDE_ROOT_TOKEN")\n');
    symlinkSync(join(ws.dir, 'outside', 'secret'), join(ws.root, 'internal', 'linked'));
    symlinkSync(join(ws.dir, 'outside', 'secret', 'secret.go'), join(ws.root, 'internal', 'courier', 'leak.go'));
    symlinkSync('.', join(ws.root, 'internal', 'loop'));
    symlinkSync('ping', join(ws.root, 'pong'));
    symlinkSync('pong', join(ws.root, 'ping'));
    const { index, log } = await load(ws.root);
    const snapshot = index.snapshot();
    assert.ok(!envNames(index).includes('OUTSIDE_ROOT_TOKEN'), 'a file outside the root was read');
    assert.equal(snapshot.sourceText('internal/courier/leak.go'), undefined);
    assert.ok(![...snapshot.filePaths].some((p) => p.startsWith('internal/linked/') || p.startsWith('internal/loop/')), 'a linked folder was walked');
    for (const p of ['internal/linked', 'internal/courier/leak.go', 'internal/loop', 'ping', 'pong']) assert.ok(snapshot.filePaths.has(p), `${p} is not noted as existing`);
    assert.deepEqual(log, []);

    // The server reads single files on watched-file events: the same link must not be read there either.
    const lines: string[] = [];
    assert.equal(readSourceFile(ws.root, 'internal/courier/leak.go', (m) => lines.push(m)), null);
    assert.equal(readSourceFile(ws.root, 'internal/linked/secret.go', (m) => lines.push(m)), null);
    assert.equal(readSourceFile(ws.root, '../outside/secret/secret.go', (m) => lines.push(m)), null);
    assert.equal(readSourceFile(ws.root, 'ping', (m) => lines.push(m)), null);
    assert.ok(lines.every((l) => /outside the workspace/.test(l)), lines.join('\n'));
  });

  it('loses nothing but the file deleted between listing and reading', async () => {
    ws = fixtureCopy();
    const victim = ws.write('ws/internal/courier/retry.go', 'package courier\n\nimport "os"\n\nvar RetryMode = os.Getenv("COURIER_RETRY_MODE")\n');
    // The loader reads with synchronous calls (in batches): hook the one that opens a file.
    const fs = require('node:fs') as typeof import('node:fs');
    const realOpen = fs.openSync;
    let deleted = 0;
    fs.openSync = ((path: Parameters<typeof realOpen>[0], ...rest: unknown[]) => {
      if (String(path) === victim) {
        unlinkSync(victim);
        deleted++;
      }
      return (realOpen as (...a: unknown[]) => ReturnType<typeof realOpen>)(path, ...rest);
    }) as typeof realOpen;
    let loaded;
    try {
      loaded = await load(ws.root);
    } finally {
      fs.openSync = realOpen;
    }
    assert.equal(deleted, 1, 'the loader never opened the file');
    const snapshot = loaded.index.snapshot();
    assert.ok(!snapshot.filePaths.has('internal/courier/retry.go'), 'a deleted file is still noted as existing');
    assert.ok(!snapshot.problems.some((p) => p.path === 'internal/courier/retry.go'));
    assert.ok(snapshot.filePaths.has('internal/courier/bus.go') && snapshot.sourceText('internal/courier/bus.go'), 'its neighbours were lost');
    assert.equal(loaded.summary.files, snapshot.filePaths.size);
  });

  it('indexes the same workspace into the same facts whatever order the reads finish in', async () => {
    ws = fixtureCopy();
    ws.write('ws/tools/go.mod', 'module example.com/parcel/tools\n\ngo 1.23\n');
    // The loader reads with synchronous calls (in batches), so reads cannot finish out of order;
    // what can still vary is how long each takes. Hold back the root go.mod and every other file.
    const fs = require('node:fs') as Record<string, unknown>;
    const realLstat = fs.lstatSync as (...a: unknown[]) => unknown;
    const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
    let n = 0;
    fs.lstatSync = (...args: unknown[]) => {
      if (String(args[0]).endsWith('/ws/go.mod')) pause(30);
      else if (n % 2 === 0) pause(5);
      n++;
      return realLstat(...args);
    };
    let slow;
    try {
      slow = await load(ws.root);
    } finally {
      fs.lstatSync = realLstat;
    }
    assert.ok(n > 2, 'the loader no longer checks files with lstat; this test must delay another call');
    const fast = await load(ws.root);
    assert.deepEqual(slow.index.snapshot().modules.map((m) => m.path), ['go.mod', 'tools/go.mod']);
    const facts = (i: WorkspaceIndex) => JSON.stringify({ ...i.snapshot(), version: 0 });
    assert.ok(facts(slow.index) === facts(fast.index), 'the same files read in another order gave other facts');
  });
});

describe('bad inputs: the CLI', () => {
  let t: ReturnType<typeof tempDir> | undefined;
  afterEach(() => t?.remove());

  it('exits 2 naming the field of an invalid .doc-truth.json', async () => {
    const ws = fixtureCopy();
    t = ws;
    for (const [config, field] of [
      ['{"rules": {"env-default": "loud"}}', 'rules.env-default'],
      ['{"documents": "docs/*.md"}', 'documents'],
      ['{"exclude": ["vendor/**", 7]}', 'exclude[1]'],
      ['{"moduleAliases": {"NATS": 1}}', 'moduleAliases.NATS'],
      ['{"documnets": []}', 'documnets'],
      ['{"rules": {', '(file)'],
      ['[]', '(file)'],
    ]) {
      ws.write('ws/.doc-truth.json', config);
      const r = await cli({ root: ws.root });
      assert.equal(r.code, 2, `${config}: exit ${r.code}`);
      assert.equal(r.out, '');
      assert.ok(r.err.startsWith(`doc-truth: .doc-truth.json: ${field}: `), `${config}: ${r.err}`);
      assert.equal(r.err.trim().split('\n').length, 1, `${config}: ${r.err}`);
    }
  });

  it('exits 2 without reading a .doc-truth.json that links outside the root, or one too large to be hand-written', async () => {
    const ws = fixtureCopy();
    t = ws;
    // Parse errors quote the text they choke on: reading this would print it.
    const target = ws.write('outside/credentials', 'root:SECRET-TOKEN-NOT-FOR-OUTPUT\n');
    symlinkSync(target, join(ws.root, '.doc-truth.json'));
    const linked = await cli({ root: ws.root });
    assert.equal(linked.code, 2);
    assert.equal(linked.err, 'doc-truth: .doc-truth.json: (file): links outside the workspace; not read\n');
    assert.doesNotMatch(linked.out + linked.err, /SECRET-TOKEN/);

    unlinkSync(join(ws.root, '.doc-truth.json'));
    ws.write('ws/.doc-truth.json', `{"documents": [${'"docs/**/*.md", '.repeat(20_000)}"docs/*.md"]}`);
    const huge = await cli({ root: ws.root });
    assert.equal(huge.code, 2);
    assert.match(huge.err, /^doc-truth: \.doc-truth\.json: \(file\): larger than 256 KB; not read\n$/);
  });

  it('exits 2 with a message for a missing root, a file as root, and a workspace with no documents', async () => {
    t = tempDir();
    const missing = await cli({ root: join(t.dir, 'no-such-folder') });
    assert.equal(missing.code, 2);
    assert.match(missing.err, /no-such-folder does not exist or is not a folder/);

    const file = t.write('README.md', '# notes\n');
    const notDir = await cli({ root: file });
    assert.equal(notDir.code, 2);
    assert.match(notDir.err, /is not a folder/);

    const empty = await cli({ root: t.dir });
    assert.equal(empty.code, 2);
    assert.match(empty.err, /no documents to check/);

    const named = await cli({ root: t.dir, documents: [join(t.dir, 'docs', 'missing.md')] });
    assert.equal(named.code, 2);
    assert.match(named.err, /docs\/missing\.md/);
  });

  it('neither reads nor fixes a doc that the globs find but that links outside the root', async () => {
    const ws = fixtureCopy();
    t = ws;
    const outside = '# Outside\n\n| Component | Module | Version |\n|---|---|---|\n| NATS client | `github.com/nats-io/nats.go` | v1.30.0 |\n';
    const target = ws.write('outside/secret.md', outside);
    symlinkSync(target, join(ws.root, 'docs', 'linked.md'));
    for (const fix of [false, true]) {
      const r = await cli({ root: ws.root, fix });
      assert.equal(r.code, 2, r.out + r.err);
      assert.match(r.err, /docs\/linked\.md: lies outside the workspace \(or links there\); not read/);
      assert.doesNotMatch(r.out, /linked\.md|v1\.30\.0/);
      assert.equal(readFileSync(target, 'utf8'), outside, 'a file outside the root was rewritten');
    }
    // The real doc beside it is still checked.
    const json = await cli({ root: ws.root, format: 'json' });
    assert.deepEqual(JSON.parse(json.out).files.map((f: { path: string }) => f.path), ['docs/runtime-services.md']);
  });

  it('checks a doc that links ../../../etc/passwd without reading outside the root', async () => {
    const ws = fixtureCopy();
    t = ws;
    ws.write('outside/notes.md', 'outside\n');
    ws.write('ws/docs/runtime-services.md', `${trueDocText()}\nSee [the host users](../../../etc/passwd), \`../../../etc/passwd\`, \`/etc/passwd\` and [notes](../../outside/notes.md).\n`);
    const reads = await recordingReads(() => cli({ root: ws.root, format: 'json' }));
    assert.ok(reads.paths.some((p) => p.endsWith('/ws/docs/runtime-services.md')), `the recorder saw no read of the doc: ${reads.paths.join(', ')}`);
    const outside = reads.paths.filter((p) => !p.startsWith(ws.root + '/') && p !== ws.root);
    assert.deepEqual(outside, []);
    assert.ok(reads.result.code === 0 || reads.result.code === 1, reads.result.err);
  });
});

/** Records every path the process opens or reads while `fn` runs. */
async function recordingReads<T>(fn: () => Promise<T>): Promise<{ result: T; paths: string[] }> {
  // Load the parser's wasm before recording: the tool's own files are not workspace reads.
  await WorkspaceIndex.create();
  const fs = require('node:fs') as typeof import('node:fs');
  const paths: string[] = [];
  const names = ['readFile', 'open', 'opendir', 'readdir', 'lstat', 'stat', 'realpath'] as const;
  const saved = new Map<string, unknown>();
  const wrap = (obj: Record<string, unknown>, name: string, key: string) => {
    const real = obj[name];
    if (typeof real !== 'function') return;
    saved.set(key, real);
    obj[name] = function (this: unknown, p: unknown, ...rest: unknown[]) {
      if (typeof p === 'string' || p instanceof URL || Buffer.isBuffer(p)) paths.push(String(p instanceof URL ? p.pathname : p));
      return (real as (...a: unknown[]) => unknown).call(this, p, ...rest);
    };
  };
  for (const n of names) {
    wrap(fsp as unknown as Record<string, unknown>, n, `p.${n}`);
    wrap(fs as unknown as Record<string, unknown>, n, `c.${n}`);
    wrap(fs as unknown as Record<string, unknown>, `${n}Sync`, `s.${n}`);
  }
  try {
    return { result: await fn(), paths };
  } finally {
    for (const n of names) {
      if (saved.has(`p.${n}`)) (fsp as unknown as Record<string, unknown>)[n] = saved.get(`p.${n}`);
      if (saved.has(`c.${n}`)) (fs as unknown as Record<string, unknown>)[n] = saved.get(`c.${n}`);
      if (saved.has(`s.${n}`)) (fs as unknown as Record<string, unknown>)[`${n}Sync`] = saved.get(`s.${n}`);
    }
  }
}
