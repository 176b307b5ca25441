// Sources change on disk while a doc is open: the server re-reads only what the client reports
// and re-checks, and a change to `.doc-truth.json` takes effect without a restart.
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileChangeType, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { copyWorkspace, fileUri, removeWorkspace, requireServerBuild, TestClient } from './lspClient';

const DOC = 'docs/runtime-services.md';

describe('language server: watched files', () => {
  let dir: string;
  let client: TestClient;
  let uri: string;

  const grpcDiagnostics = (p: PublishDiagnosticsParams) =>
    p.diagnostics.filter((d) => d.code === 'version-module' && String(d.message).includes('google.golang.org/grpc'));

  async function changed(changes: { path: string; type: FileChangeType }[]): Promise<void> {
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: changes.map((c) => ({ uri: fileUri(join(dir, c.path)), type: c.type })) });
  }

  before(async () => {
    requireServerBuild();
    dir = copyWorkspace();
    client = await TestClient.start({ folders: [{ uri: fileUri(dir), name: 'ledger' }] });
    uri = fileUri(join(dir, DOC));
    await client.open(uri, readFileSync(join(dir, DOC), 'utf8'));
    const first = await client.nextPublish(uri);
    assert.equal(grpcDiagnostics(first).length, 1);
  });

  after(async () => {
    await client?.stop();
    if (dir) removeWorkspace(dir);
  });

  it('re-reads go.mod when it changes on disk and re-checks the open doc', async () => {
    const goMod = join(dir, 'go.mod');
    writeFileSync(goMod, readFileSync(goMod, 'utf8').replace('google.golang.org/grpc v1.64.0', 'google.golang.org/grpc v1.60.0'));
    const after = client.publishes.length;
    await changed([{ path: 'go.mod', type: FileChangeType.Changed }]);
    const next = await client.nextPublish(uri, () => true, after);
    assert.deepEqual(grpcDiagnostics(next), []);
    assert.equal(next.version, 1, 'the document did not change, only its verdict');
  });

  it('applies a flood of events as one batch, the last state of each file winning', async () => {
    const goMod = join(dir, 'go.mod');
    const original = readFileSync(goMod, 'utf8');
    writeFileSync(goMod, original.replace('google.golang.org/grpc v1.60.0', 'google.golang.org/grpc v1.66.2'));
    const after = client.publishes.length;
    const noise = Array.from({ length: 200 }, (_, i) => ({ path: `internal/gen/file${i}.go`, type: FileChangeType.Deleted as FileChangeType }));
    await changed([...noise.slice(0, 100), { path: 'go.mod', type: FileChangeType.Changed }]);
    await changed([...noise.slice(100), { path: 'go.mod', type: FileChangeType.Changed }]);
    const next = await client.nextPublish(uri, (p) => grpcDiagnostics(p).length === 1, after);
    assert.match(String(grpcDiagnostics(next)[0].message), /go\.mod says v1\.66\.2/);
  });

  it('adds a created file and drops a deleted one without reloading the workspace', async () => {
    assert.equal(lastStatus()?.files, 5);
    writeFileSync(join(dir, 'api/ledger/v1/audit.proto'), 'syntax = "proto3";\n\npackage ledger.v1;\n\nservice AuditService {\n  rpc Trail(TrailRequest) returns (TrailResponse);\n}\n\nmessage TrailRequest {}\nmessage TrailResponse {}\n');
    await changed([{ path: 'api/ledger/v1/audit.proto', type: FileChangeType.Created }]);
    await client.until(() => lastStatus()?.files === 6);
    rmSync(join(dir, 'internal/ledger/service.go'));
    rmSync(join(dir, 'api/ledger/v1/audit.proto'));
    await changed([
      { path: 'internal/ledger/service.go', type: FileChangeType.Deleted },
      { path: 'api/ledger/v1/audit.proto', type: FileChangeType.Deleted },
    ]);
    await client.until(() => lastStatus()?.files === 4);
    assert.equal(lastStatus()?.state, 'ready');
  });

  it('reloads .doc-truth.json live: a rule turned off stops reporting', async () => {
    const after = client.publishes.length;
    writeFileSync(join(dir, '.doc-truth.json'), JSON.stringify({ rules: { 'version-module': 'off' } }, null, 2));
    await changed([{ path: '.doc-truth.json', type: FileChangeType.Created }]);
    const next = await client.nextPublish(uri, (p) => grpcDiagnostics(p).length === 0, after);
    assert.ok(!next.diagnostics.some((d) => d.code === 'version-module'));
  });

  it('reports an invalid .doc-truth.json on the file itself and keeps the last valid settings', async () => {
    const configUri = fileUri(join(dir, '.doc-truth.json'));
    const after = client.publishes.length;
    writeFileSync(join(dir, '.doc-truth.json'), '{ "rules": { "version-module": "loud" } }');
    await changed([{ path: '.doc-truth.json', type: FileChangeType.Changed }]);
    const onConfig = await client.nextPublish(configUri, () => true, after);
    assert.equal(onConfig.diagnostics.length, 1);
    assert.match(String(onConfig.diagnostics[0].message), /rules\.version-module/);
    await client.until(() => lastStatus()?.state === 'error');
    assert.match(lastStatus()!.message ?? '', /rules\.version-module/);

    // Fixing the file clears the report.
    const before = client.publishes.length;
    writeFileSync(join(dir, '.doc-truth.json'), '{ "rules": { "version-module": "warning" } }');
    await changed([{ path: '.doc-truth.json', type: FileChangeType.Changed }]);
    const cleared = await client.nextPublish(configUri, () => true, before);
    assert.deepEqual(cleared.diagnostics, []);
    const rechecked = await client.nextPublish(uri, (p) => grpcDiagnostics(p).length === 1, before);
    assert.equal(grpcDiagnostics(rechecked)[0].severity, 2);
  });

  function lastStatus(): { state: string; files: number; message?: string } | undefined {
    const all = client.notifications.filter((n) => n.method === 'docTruth/status');
    return all[all.length - 1]?.params as { state: string; files: number; message?: string } | undefined;
  }
});
