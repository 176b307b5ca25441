// The language server over real JSON-RPC on a copy of a small Go workspace whose doc claims gRPC
// v1.60.0 while go.mod requires v1.64.0.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction, CodeLens, Diagnostic, Hover, Location, MarkupContent } from 'vscode-languageserver-protocol';
import { DocModel } from '../../server/src/markdown/docModel';
import { applyWorkspaceEdit, copyWorkspace, fileUri, removeWorkspace, requireServerBuild, TestClient } from './lspClient';

const DOC = 'docs/runtime-services.md';

function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `fixture has no line with ${needle}`);
  return i;
}

describe('language server: a drifted go.mod version in a doc', () => {
  let dir: string;
  let client: TestClient;
  let uri: string;
  let text: string;
  let diagnostic: Diagnostic;

  before(async () => {
    requireServerBuild();
    dir = copyWorkspace();
    client = await TestClient.start({ folders: [{ uri: fileUri(dir), name: 'ledger' }] });
    uri = fileUri(join(dir, DOC));
    text = readFileSync(join(dir, DOC), 'utf8');
    await client.open(uri, text);
    const published = await client.nextPublish(uri);
    const grpcLine = lineOf(text, '`google.golang.org/grpc`');
    const found = published.diagnostics.find((d) => d.range.start.line === grpcLine && d.code === 'version-module');
    assert.ok(found, `no diagnostic on the gRPC row; got ${JSON.stringify(published.diagnostics)}`);
    diagnostic = found;
  });

  after(async () => {
    await client?.stop();
    if (dir) removeWorkspace(dir);
  });

  it('announces its capabilities', () => {
    const caps = client.initializeResult!.capabilities;
    assert.ok(caps.textDocumentSync && typeof caps.textDocumentSync === 'object');
    assert.equal(caps.textDocumentSync.openClose, true);
    assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.docTruth'] });
    assert.equal(caps.hoverProvider, true);
    assert.equal(caps.definitionProvider, true);
    assert.ok(caps.codeLensProvider);
    assert.deepEqual(caps.executeCommandProvider?.commands, ['docTruth.showSourceOfTruth', 'docTruth.fixAll', 'docTruth.recheck']);
    assert.equal(client.initializeResult!.serverInfo?.name, 'doc-truth');
  });

  it('registers file watchers for the sources and the config file', async () => {
    await client.until(() => client.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'));
    const reg = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles')!;
    const globs = (reg.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern);
    for (const g of ['**/*.go', '**/*.proto', '**/go.mod', '**/go.work', '**/.doc-truth.json']) assert.ok(globs.includes(g), `missing watcher ${g} in ${globs.join(', ')}`);
  });

  it('publishes the drift for the version the doc was opened with, naming both versions and the source', () => {
    const first = client.publishesFor(uri)[0];
    assert.equal(first.version, 1);
    assert.equal(diagnostic.source, 'doc-truth');
    assert.equal(diagnostic.code, 'version-module');
    assert.match(String(diagnostic.message), /v1\.60\.0/);
    assert.match(String(diagnostic.message), /v1\.64\.0/);
    assert.equal(text.split('\n')[diagnostic.range.start.line].slice(diagnostic.range.start.character, diagnostic.range.end.character), 'v1.60.0');
    assert.ok(diagnostic.codeDescription?.href.endsWith('/version-module.md'));
    assert.equal(diagnostic.relatedInformation?.[0].location.uri, fileUri(join(dir, 'go.mod')));
  });

  it('offers the rule fix as the preferred quick-fix, versioned to the checked text', async () => {
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: ['quickfix'] },
    });
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix, `no preferred fix in ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.title, 'Change to v1.64.0');
    const change = fix.edit?.documentChanges?.[0];
    assert.ok(change && 'textDocument' in change);
    assert.equal(change.textDocument.version, 1);
    const fixed = applyWorkspaceEdit(client.doc(uri), fix.edit!);
    assert.match(fixed.split('\n')[diagnostic.range.start.line], /\| `google.golang.org\/grpc` \| v1\.64\.0 \|$/);
    assert.ok(!fixed.includes('v1.60.0'));
  });

  it('offers to disable the rule around the table, which keeps the table intact', async () => {
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    const disable = actions.find((a) => a.title === 'Disable version-module for this table');
    assert.ok(disable, `no disable action in ${actions.map((a) => a.title).join(', ')}`);
    const edited = applyWorkspaceEdit(client.doc(uri), disable.edit!);
    const before = new DocModel(uri, text);
    const after = new DocModel(uri, edited);
    assert.equal(after.tables.length, before.tables.length);
    assert.equal(after.tables[0].rows.length, before.tables[0].rows.length);
    assert.deepEqual(after.comments.map((c) => c.text), ['doc-truth-disable version-module', 'doc-truth-enable version-module']);
  });

  it('builds a fix-all source action for editor.codeActionsOnSave', async () => {
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.deepEqual(actions.map((a) => a.kind), ['source.fixAll.docTruth']);
    const fixed = applyWorkspaceEdit(client.doc(uri), actions[0].edit!);
    assert.ok(!fixed.includes('v1.60.0'));
    assert.ok(fixed.includes('| `google.golang.org/grpc` | v1.64.0 |'));
  });

  it('applies every preferred fix through workspace/applyEdit on docTruth.fixAll', async () => {
    const before = client.appliedEdits.length;
    const result = await client.connection.sendRequest<{ applied: number }>('workspace/executeCommand', { command: 'docTruth.fixAll', arguments: [uri] });
    assert.ok(result.applied >= 1);
    assert.equal(client.appliedEdits.length, before + 1);
    const fixed = applyWorkspaceEdit(client.doc(uri), client.appliedEdits[before]);
    assert.ok(fixed.includes('| `google.golang.org/grpc` | v1.64.0 |'));
  });

  it('hovers with the finding and the go.mod lines that decide it', async () => {
    const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: diagnostic.range.start });
    assert.ok(hover);
    const value = (hover.contents as MarkupContent).value;
    assert.equal((hover.contents as MarkupContent).kind, 'markdown');
    assert.ok(value.includes(String(diagnostic.message)), value);
    assert.match(value, /go\.mod:7/);
    assert.match(value, /google\.golang\.org\/grpc v1\.64\.0/);
  });

  it('has no hover away from claims', async () => {
    const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } });
    assert.equal(hover, null);
  });

  it('goes from the claim to the require line in go.mod', async () => {
    const locations = await client.connection.sendRequest<Location[] | null>('textDocument/definition', { textDocument: { uri }, position: diagnostic.range.start });
    assert.ok(locations);
    assert.equal(locations.length, 1);
    assert.equal(locations[0].uri, fileUri(join(dir, 'go.mod')));
    const goMod = readFileSync(join(dir, 'go.mod'), 'utf8').split('\n');
    assert.match(goMod[locations[0].range.start.line], /google\.golang\.org\/grpc v1\.64\.0/);
  });

  it('puts a lens above the table that says how many claims drifted', async () => {
    const lenses = await client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    const tableLine = lineOf(text, '| Component | Module | Version |');
    const lens = lenses.find((l) => l.range.start.line === tableLine);
    assert.ok(lens, `no lens on line ${tableLine}: ${JSON.stringify(lenses)}`);
    const tableEnd = lineOf(text, '| NATS client |');
    const inTable = client.publishesFor(uri)[0].diagnostics.filter((d) => d.range.start.line >= tableLine && d.range.start.line <= tableEnd && d.severity! <= 2);
    assert.ok(inTable.includes(diagnostic));
    assert.equal(lens.command?.title, `${inTable.length} drifted — Show source`);
    assert.equal(lens.command?.command, 'docTruth.showSourceOfTruth');
    const [lensUri, lensPos] = lens.command!.arguments!;
    assert.equal(lensUri, uri);
    assert.ok(inTable.some((d) => d.range.start.line === lensPos.line && d.range.start.character === lensPos.character));
  });

  it('answers docTruth.showSourceOfTruth with the source locations, in either argument shape', async () => {
    for (const args of [[uri, diagnostic.range.start], [{ uri, position: diagnostic.range.start }]]) {
      const locations = await client.connection.sendRequest<Location[]>('workspace/executeCommand', { command: 'docTruth.showSourceOfTruth', arguments: args });
      assert.deepEqual(locations.map((l) => l.uri), [fileUri(join(dir, 'go.mod'))]);
    }
    const none = await client.connection.sendRequest<Location[]>('workspace/executeCommand', { command: 'docTruth.showSourceOfTruth', arguments: [uri, { line: 0, character: 0 }] });
    assert.deepEqual(none, []);
  });

  it('reports indexing progress and the drift count on docTruth/status', async () => {
    await client.until(() => client.notifications.some((n) => n.method === 'docTruth/status' && (n.params as { drifted: number }).drifted > 0));
    const statuses = client.notifications.filter((n) => n.method === 'docTruth/status').map((n) => n.params as { state: string; files: number; drifted: number; documents: { uri: string; drifted: number }[] });
    assert.equal(statuses[0].state, 'indexing');
    const last = statuses[statuses.length - 1];
    assert.equal(last.state, 'ready');
    assert.equal(last.files, 5);
    const drifts = client.publishesFor(uri)[0].diagnostics.filter((d) => d.severity! <= 2).length;
    assert.deepEqual(last.documents.map((d) => [d.uri, d.drifted]), [[uri, drifts]]);
  });

  it('clears the diagnostics when the document closes', async () => {
    const after = client.publishes.length;
    await client.close(uri);
    const cleared = await client.nextPublish(uri, () => true, after);
    assert.deepEqual(cleared.diagnostics, []);
  });
});

describe('language server: "Disable for this line" on a prose claim', () => {
  let dir: string;
  let client: TestClient;

  before(async () => {
    requireServerBuild();
    dir = copyWorkspace();
    client = await TestClient.start({ folders: [{ uri: fileUri(dir), name: 'ledger' }] });
  });

  after(async () => {
    await client?.stop();
    if (dir) removeWorkspace(dir);
  });

  it('inserts the suppression comment above the line with its indentation, and the next check honours it', async () => {
    const uri = fileUri(join(dir, DOC));
    const text = `${readFileSync(join(dir, DOC), 'utf8')}\n## Clients\n\n- Internal callers\n  - \`ledgerd\` uses \`google.golang.org/grpc\` v1.62.1 for its clients\n`;
    await client.open(uri, text);
    const published = await client.nextPublish(uri);
    const proseLine = lineOf(text, 'for its clients');
    const d = published.diagnostics.find((x) => x.range.start.line === proseLine);
    assert.ok(d, `no diagnostic on the prose claim: ${JSON.stringify(published.diagnostics)}`);

    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    const disable = actions.find((a) => a.title === 'Disable version-module for this line');
    assert.ok(disable, actions.map((a) => a.title).join(', '));
    const edited = applyWorkspaceEdit(client.doc(uri), disable.edit!);
    const lines = edited.split('\n');
    assert.equal(lines[proseLine], '  <!-- doc-truth-disable-next-line version-module -->');
    assert.equal(lines[proseLine + 1], '  - `ledgerd` uses `google.golang.org/grpc` v1.62.1 for its clients');

    const after = client.publishes.length;
    await client.change(uri, edited);
    const next = await client.nextPublish(uri, (p) => p.version === 2, after);
    assert.ok(!next.diagnostics.some((x) => x.range.start.line === proseLine + 1), JSON.stringify(next.diagnostics));
    // The table claim is another line: still reported.
    assert.ok(next.diagnostics.some((x) => x.code === 'version-module' && String(x.message).includes('v1.60.0')));
  });
});
