// Settings come from the client when it can answer, defaults when it cannot; and a multi-root
// workspace checks each doc against its own folder's code.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyWorkspace, fileUri, FULL_CAPABILITIES, removeWorkspace, requireServerBuild, TestClient } from './lspClient';

const DOC = 'docs/runtime-services.md';

async function recheck(client: TestClient): Promise<void> {
  await client.connection.sendRequest('workspace/executeCommand', { command: 'docTruth.recheck', arguments: [] });
}

describe('language server: settings and folders', () => {
  const dirs: string[] = [];
  const clients: TestClient[] = [];

  function workspace(): string {
    const dir = copyWorkspace();
    dirs.push(dir);
    return dir;
  }

  async function start(...args: Parameters<typeof TestClient.start>): Promise<TestClient> {
    const c = await TestClient.start(...args);
    clients.push(c);
    return c;
  }

  before(() => requireServerBuild());

  after(async () => {
    for (const c of clients) await c.stop();
    for (const d of dirs) removeWorkspace(d);
  });

  it('checks with defaults when the client answers configuration requests with an error', async () => {
    const dir = workspace();
    const client = await start({ folders: [{ uri: fileUri(dir), name: 'ledger' }], settings: 'none' });
    const uri = fileUri(join(dir, DOC));
    await client.open(uri, readFileSync(join(dir, DOC), 'utf8'));
    const published = await client.nextPublish(uri);
    assert.ok(client.configurationRequests.length > 0, 'the server asked');
    assert.ok(published.diagnostics.some((d) => d.code === 'version-module'));
  });

  it('checks with defaults when the client has no configuration capability at all', async () => {
    const dir = workspace();
    const capabilities = { ...FULL_CAPABILITIES, workspace: { ...FULL_CAPABILITIES.workspace, configuration: false } };
    const client = await start({ folders: [{ uri: fileUri(dir), name: 'ledger' }], capabilities });
    const uri = fileUri(join(dir, DOC));
    await client.open(uri, readFileSync(join(dir, DOC), 'utf8'));
    const published = await client.nextPublish(uri);
    assert.equal(client.configurationRequests.length, 0);
    assert.ok(published.diagnostics.some((d) => d.code === 'version-module'));
  });

  it('follows settings changes: document globs, severity overrides, and enable', async () => {
    const dir = workspace();
    mkdirSync(join(dir, 'notes'));
    const notes = join(dir, 'notes', 'stack.md');
    writeFileSync(notes, readFileSync(join(dir, DOC), 'utf8'));
    const client = await start({ folders: [{ uri: fileUri(dir), name: 'ledger' }] });
    const main = fileUri(join(dir, DOC));
    const other = fileUri(notes);
    await client.open(main, readFileSync(join(dir, DOC), 'utf8'));
    await client.open(other, readFileSync(notes, 'utf8'));
    await recheck(client);
    assert.equal(client.publishesFor(main)[0].diagnostics.find((d) => d.code === 'version-module')?.severity, 1);
    assert.deepEqual(client.publishesFor(other), [], 'notes/stack.md matches no default glob');

    let after = client.publishes.length;
    client.settings = { documents: ['notes/*.md'], severity: { 'version-module': 'hint' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const notesPublished = await client.nextPublish(other, () => true, after);
    assert.equal(notesPublished.diagnostics.find((d) => d.code === 'version-module')?.severity, 4);
    const mainPublished = await client.nextPublish(main, () => true, after);
    assert.equal(mainPublished.diagnostics.find((d) => d.code === 'version-module')?.severity, 4, 'the override applies to every checked doc');

    after = client.publishes.length;
    client.settings = { enable: false };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual((await client.nextPublish(main, () => true, after)).diagnostics, []);
    assert.deepEqual((await client.nextPublish(other, () => true, after)).diagnostics, []);
  });

  it('checks each folder of a multi-root workspace against its own go.mod, and untitled buffers against the first', async () => {
    const drifted = workspace();
    const current = workspace();
    const goMod = join(current, 'go.mod');
    writeFileSync(goMod, readFileSync(goMod, 'utf8').replace('google.golang.org/grpc v1.64.0', 'google.golang.org/grpc v1.60.0'));
    const client = await start({
      folders: [
        { uri: fileUri(drifted), name: 'drifted' },
        { uri: fileUri(current), name: 'current' },
      ],
    });
    const a = fileUri(join(drifted, DOC));
    const b = fileUri(join(current, DOC));
    // Both opens are sent before either publish is awaited: a publish may arrive in between.
    const since = client.publishes.length;
    await client.open(a, readFileSync(join(drifted, DOC), 'utf8'));
    await client.open(b, readFileSync(join(current, DOC), 'utf8'));
    const pa = await client.nextPublish(a, undefined, since);
    const pb = await client.nextPublish(b, undefined, since);
    assert.equal(pa.diagnostics.filter((d) => d.code === 'version-module').length, 1);
    assert.deepEqual(pb.diagnostics.filter((d) => d.code === 'version-module'), []);

    // An untitled buffer has no folder of its own: the first folder's code answers for it.
    const untitled = 'untitled:Untitled-1';
    await client.open(untitled, readFileSync(join(current, DOC), 'utf8'));
    const pu = await client.nextPublish(untitled);
    assert.equal(pu.diagnostics.filter((d) => d.code === 'version-module').length, 1);
  });

  it('indexes a folder added to the workspace and stops checking against a removed one', async () => {
    const first = workspace();
    const added = workspace();
    const goMod = join(added, 'go.mod');
    writeFileSync(goMod, readFileSync(goMod, 'utf8').replace('google.golang.org/grpc v1.64.0', 'google.golang.org/grpc v1.60.0'));
    const client = await start({ folders: [{ uri: fileUri(first), name: 'first' }] });
    const uri = fileUri(join(added, DOC));
    await client.open(uri, readFileSync(join(added, DOC), 'utf8'));
    await recheck(client);
    assert.deepEqual(client.publishesFor(uri), [], 'outside every folder, the doc has no code to be checked against');

    await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: fileUri(added), name: 'added' }], removed: [] } });
    const published = await client.nextPublish(uri);
    assert.deepEqual(published.diagnostics.filter((d) => d.code === 'version-module'), [], 'checked against its own go.mod, which agrees');

    const after = client.publishes.length;
    await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: fileUri(added), name: 'added' }] } });
    await recheck(client);
    const later = client.publishes.slice(after).filter((p) => p.uri === uri);
    assert.ok(later.length > 0 && later.every((p) => p.diagnostics.length === 0), 'the results of the removed folder are cleared');
  });
});
