// A published result always belongs to the text version it names: fast typing never lets an older
// check overwrite a newer one, and fixes computed for an older text are not offered on a newer one.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { copyWorkspace, fileUri, removeWorkspace, requireServerBuild, TestClient } from './lspClient';

const DOC = 'docs/runtime-services.md';

describe('language server: document versions', () => {
  let dir: string;
  let base: string;

  before(() => {
    requireServerBuild();
    dir = copyWorkspace();
    base = readFileSync(join(dir, DOC), 'utf8');
  });

  after(() => {
    if (dir) removeWorkspace(dir);
  });

  it('after 50 rapid edits, publishes only in version order and last for the last version', async () => {
    const client = await TestClient.start({ folders: [{ uri: fileUri(dir), name: 'ledger' }] });
    try {
      const uri = fileUri(join(dir, DOC));
      const grpcLine = base.split('\n').findIndex((l) => l.includes('`google.golang.org/grpc`'));
      await client.open(uri, base);
      await client.nextPublish(uri);
      // Edit n pushes the drifted row n lines down, so each published result shows which text it was computed on.
      for (let n = 1; n <= 50; n++) await client.change(uri, `${'<!-- draft -->\n'.repeat(n)}${base}`);
      const last = await client.nextPublish(uri, (p) => p.version === 51);
      assert.deepEqual(last.diagnostics.filter((d) => d.code === 'version-module').map((d) => d.range.start.line), [grpcLine + 50]);

      // Flush: a recheck answers only after every pending check has run.
      await client.connection.sendRequest('workspace/executeCommand', { command: 'docTruth.recheck', arguments: [] });
      const versions = client.publishesFor(uri).map((p) => p.version!);
      assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `publishes out of order: ${versions.join(', ')}`);
      assert.equal(versions[versions.length - 1], 51);
      for (const p of client.publishesFor(uri)) {
        const lines = p.diagnostics.filter((d) => d.code === 'version-module').map((d) => d.range.start.line);
        assert.deepEqual(lines, [grpcLine + p.version! - 1], `version ${p.version} published a result of another text`);
      }
    } finally {
      await client.stop();
    }
  });

  it('answers a code action sent right after an edit for the edited text, never with the old ranges', async () => {
    const client = await TestClient.start({ folders: [{ uri: fileUri(dir), name: 'ledger' }] });
    try {
      const uri = fileUri(join(dir, DOC));
      await client.open(uri, base);
      await client.nextPublish(uri);
      const edited = `<!-- draft -->\n${base}`;
      await client.change(uri, edited);
      const line = edited.split('\n').findIndex((l) => l.includes('`google.golang.org/grpc`'));
      const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line, character: 0 }, end: { line, character: 0 } },
        context: { diagnostics: [], only: ['quickfix'] },
      });
      const fix = actions.find((a) => a.title === 'Change to v1.64.0');
      assert.ok(fix, actions.map((a) => a.title).join(', '));
      const change = fix.edit!.documentChanges![0] as { textDocument: { version: number }; edits: { range: { start: { line: number } } }[] };
      assert.equal(change.textDocument.version, 2);
      assert.equal(change.edits[0].range.start.line, line);
    } finally {
      await client.stop();
    }
  });

  it('in onSave mode, waits for the save and refuses fixes computed for an older text', async () => {
    const client = await TestClient.start({ folders: [{ uri: fileUri(dir), name: 'ledger' }], settings: { run: 'onSave' } });
    try {
      const uri = fileUri(join(dir, DOC));
      await client.open(uri, base);
      const first = await client.nextPublish(uri);
      const d = first.diagnostics.find((x) => x.code === 'version-module')!;
      assert.ok(d);

      await client.change(uri, base.replace('| v1.60.0 |', '| v1.61.0 |'));
      const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
      assert.deepEqual(actions, [], 'the fix would rewrite text that has changed since the check');
      const lenses = await client.connection.sendRequest<unknown[]>('textDocument/codeLens', { textDocument: { uri } });
      assert.deepEqual(lenses, []);
      await client.connection.sendRequest('workspace/executeCommand', { command: 'docTruth.fixAll', arguments: [uri] });
      assert.equal(client.appliedEdits.length, 0);
      assert.deepEqual(client.publishesFor(uri).map((p) => p.version), [1], 'an edit alone does not re-check in onSave mode');

      await client.save(uri);
      const saved = await client.nextPublish(uri, (p) => p.version === 2);
      const drift = saved.diagnostics.find((x) => x.code === 'version-module');
      assert.match(String(drift?.message), /v1\.61\.0/);
      const fresh = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: drift!.range, context: { diagnostics: [drift!] } });
      assert.ok(fresh.some((a) => a.title === 'Change to v1.64.0'));
    } finally {
      await client.stop();
    }
  });
});
