// A language server outlives its clients' mistakes: requests with missing or wrong-typed params,
// notifications for documents that were never opened, commands with garbage arguments. Each may
// fail on its own, but the server must keep answering and keep checking.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileUri, requireServerBuild, TestClient } from '../lsp/lspClient';
import { trueDocText, WORKSPACE_DOC } from './support/seeds';
import { fixtureCopy } from './support/tempWorkspace';

describe('language server: malformed requests and notifications', function () {
  this.timeout(30_000);
  let ws: ReturnType<typeof fixtureCopy>;
  let client: TestClient;

  before(() => requireServerBuild());
  after(async () => {
    await client?.stop();
    ws?.remove();
  });

  it('keeps answering and checking after every one of them', async () => {
    ws = fixtureCopy();
    client = await TestClient.start({ folders: [{ uri: fileUri(ws.root), name: 'parcel' }] });
    const child = (client as unknown as { child: ChildProcess }).child;
    const uri = fileUri(join(ws.root, WORKSPACE_DOC));
    const ghost = fileUri(join(ws.root, 'docs', 'never-opened.md'));
    const c = client.connection;

    const requests: [string, unknown][] = [
      ['textDocument/codeAction', { textDocument: { uri } }],
      ['textDocument/codeAction', { textDocument: { uri: ghost }, range: null, context: null }],
      ['textDocument/codeAction', { textDocument: { uri }, range: { start: { line: -5, character: -1 }, end: { line: 1e9, character: 1e9 } }, context: { diagnostics: [{ bogus: true }] } }],
      ['textDocument/hover', { textDocument: { uri }, position: null }],
      ['textDocument/hover', { textDocument: { uri: 'untitled:Untitled-9' }, position: { line: 0, character: 0 } }],
      ['textDocument/definition', { textDocument: { uri: 'not a uri' }, position: { line: 0, character: 0 } }],
      ['textDocument/codeLens', { textDocument: { uri: ghost } }],
      ['workspace/executeCommand', { command: 'docTruth.showSourceOfTruth', arguments: [42, null, { uri: 7 }] }],
      ['workspace/executeCommand', { command: 'docTruth.fixAll', arguments: [{ uri: ghost }] }],
      ['workspace/executeCommand', { command: 'docTruth.noSuchCommand', arguments: [] }],
    ];
    for (const [method, params] of requests) {
      // An error answer is fine; a crash or no answer is not.
      await c.sendRequest(method, params).catch(() => undefined);
    }
    await c.sendNotification('textDocument/didChange', { textDocument: { uri: ghost, version: 3 }, contentChanges: [{ text: '# ghost' }] });
    await c.sendNotification('textDocument/didClose', { textDocument: { uri: ghost } });
    await c.sendNotification('textDocument/didSave', { textDocument: { uri: ghost } });
    await c.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: 'file:///etc/passwd', type: 2 },
        { uri: fileUri(join(ws.root, '..', '..', 'x.go')), type: 1 },
        { uri: 'garbage', type: 9 },
        // File URIs that name no local path: a UNC host, an encoded slash.
        { uri: 'file://fileserver/share/cmd/dispatcher/main.go', type: 2 },
        { uri: `${fileUri(ws.root)}/internal%2Fcourier/bus.go`, type: 2 },
      ],
    });
    await c.sendRequest('textDocument/hover', { textDocument: { uri: 'file://fileserver/share/docs/runtime-services.md' }, position: { line: 0, character: 0 } }).catch(() => undefined);
    await c.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file://fileserver/share/docs/runtime-services.md', languageId: 'markdown', version: 1, text: '# remote' } });
    await c.sendNotification('workspace/didChangeConfiguration', { settings: null });

    // Still alive, and still checking: a drifted version is reported on the next open.
    assert.equal(child.exitCode, null, 'the server exited');
    const drifted = trueDocText().replace('`github.com/nats-io/nats.go` | v1.36.0', '`github.com/nats-io/nats.go` | v1.30.0');
    await client.open(uri, drifted);
    const published = await client.nextPublish(uri, (p) => p.version === 1);
    assert.ok(published.diagnostics.some((d) => d.code === 'version-module' && /v1\.30\.0/.test(String(d.message))), JSON.stringify(published.diagnostics.map((d) => d.message)));
    await client.close(uri);
    await client.close(uri);
    const hover = await c.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    assert.equal(hover, null);
    assert.equal(child.exitCode, null, 'the server exited');
  });
});
