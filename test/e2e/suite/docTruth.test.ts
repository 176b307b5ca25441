// Doc Truth as a user meets it: the extension loaded by a real VS Code, the fixture workspace open,
// the drifted runtime doc in an editor. Everything goes through public editor APIs (diagnostics,
// code action providers, commands), so these tests see what the editor sees.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'doc-truth.doc-truth';
const SOURCE = 'doc-truth';
const DOC = 'docs/runtime-services.md';

// The fixture's claims, as written in the doc and as go.mod has them.
const GRPC_ROW = '| gRPC | v1.60.0 |';
const GRPC_FIXED = '| gRPC | v1.64.0 |';
const ZEROLOG_ROW = '| zerolog | v1.31.0 |';
const ZEROLOG_FIXED = '| zerolog | v1.33.0 |';
const TRUE_ROWS = ['| Go | 1.22.4 |', '| NATS | v1.37.0 |'];
const GRPC_REQUIRE = 'google.golang.org/grpc v1.64.0';

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `probe` yields something truthy: the server answers asynchronously and debounced. */
async function waitFor<T>(what: string, probe: () => T | undefined | null | false, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

function lineOf(doc: vscode.TextDocument, text: string): number {
  for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text.trim() === text) return i;
  throw new Error(`The fixture doc has no line "${text}"`);
}

function onLine(uri: vscode.Uri, line: number, code?: string): vscode.Diagnostic[] {
  return ours(uri).filter((d) => d.range.start.line === line && (code === undefined || codeOf(d) === code));
}

describe('Doc Truth in a real VS Code', function () {
  let extension: vscode.Extension<unknown>;
  let doc: vscode.TextDocument;
  let originalText: string;

  before(async () => {
    const found = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(found, `${EXTENSION_ID} is loaded as the development extension`);
    extension = found;
    const root = vscode.workspace.workspaceFolders?.[0];
    assert.ok(root, 'the fixture workspace is open');
    doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root.uri, DOC));
    originalText = doc.getText();
    await vscode.window.showTextDocument(doc);
  });

  after(async () => {
    // Leave the fixture as it was on disk so no save prompt holds the window open.
    if (doc?.isDirty) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('activates when a Markdown document is opened', async () => {
    await waitFor('the extension to activate on its own after opening a Markdown document', () => extension.isActive, 20_000);
  });

  it('reports each drifted version as a version-module error that names go.mod, and nothing on true rows', async () => {
    // The previous test states the activation contract; the rest must not hang on it.
    if (!extension.isActive) await extension.activate();
    const grpcLine = lineOf(doc, GRPC_ROW);
    const zerologLine = lineOf(doc, ZEROLOG_ROW);
    await waitFor('version-module diagnostics on both drifted rows', () => onLine(doc.uri, grpcLine, 'version-module').length && onLine(doc.uri, zerologLine, 'version-module').length);

    const [grpc] = onLine(doc.uri, grpcLine, 'version-module');
    assert.equal(grpc.severity, vscode.DiagnosticSeverity.Error);
    assert.match(grpc.message, /v1\.60\.0/, 'the message quotes the doc');
    assert.match(grpc.message, /v1\.64\.0/, 'the message quotes go.mod');
    assert.match(grpc.message, /go\.mod/, 'the message names where the truth is');
    assert.match(doc.getText(grpc.range), /1\.60\.0/, 'the range covers the drifted version');
    assert.ok(typeof grpc.code === 'object' && grpc.code.target, 'the code links to the rule documentation');

    const [zerolog] = onLine(doc.uri, zerologLine, 'version-module');
    assert.equal(zerolog.severity, vscode.DiagnosticSeverity.Error);
    assert.match(zerolog.message, /v1\.31\.0/);
    assert.match(zerolog.message, /v1\.33\.0/);

    for (const row of TRUE_ROWS) {
      assert.deepEqual(onLine(doc.uri, lineOf(doc, row)).map((d) => `${codeOf(d)}: ${d.message}`), [], `no diagnostic on the true row "${row}"`);
    }
  });

  it('Show Source of Truth on a drifted claim opens go.mod with the require line selected', async () => {
    const grpcLine = lineOf(doc, GRPC_ROW);
    const [grpc] = onLine(doc.uri, grpcLine, 'version-module');
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(grpc.range.start, grpc.range.start);

    await vscode.commands.executeCommand('docTruth.showSourceOfTruth');

    const gomod = await waitFor('go.mod to become the active editor', () => {
      const active = vscode.window.activeTextEditor;
      return active && active.document.uri.path.endsWith('/go.mod') ? active : undefined;
    });
    const selected = gomod.selection.start.line;
    assert.match(gomod.document.lineAt(selected).text, new RegExp(GRPC_REQUIRE.replace(/\./g, '\\.')), 'the selection is on the grpc require line');
  });

  it('the preferred quick-fix rewrites the version to the one go.mod requires', async () => {
    await vscode.window.showTextDocument(doc);
    const grpcLine = lineOf(doc, GRPC_ROW);
    const [grpc] = onLine(doc.uri, grpcLine, 'version-module');
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      grpc.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const codeActions = actions.filter((a): a is vscode.CodeAction => 'kind' in a || 'edit' in a);
    // The API command does not carry `CodeAction.diagnostics` back, so the fix is known by kind and title.
    const fix = codeActions.find((a) => a.isPreferred && a.kind?.value === 'quickfix' && a.title.includes('v1.64.0'));
    const offered = codeActions.map((a) => `${a.title}${a.isPreferred ? ' (preferred)' : ''}`).join(' | ');
    assert.ok(fix?.edit, `a preferred quick-fix to v1.64.0 with an edit is offered; got: ${offered}`);
    assert.ok(
      codeActions.some((a) => /^Disable version-module\b/.test(a.title)),
      'a way to silence the rule is offered beside the fix',
    );

    assert.equal(await vscode.workspace.applyEdit(fix.edit), true, 'the editor accepts the fix');
    assert.equal(doc.lineAt(grpcLine).text, GRPC_FIXED);

    const zerologLine = lineOf(doc, ZEROLOG_ROW);
    await waitFor('the fixed row to lose its version-module error while the other drift stays reported', () =>
      onLine(doc.uri, grpcLine, 'version-module').length === 0 && onLine(doc.uri, zerologLine, 'version-module').length === 1,
    );
  });

  it('Fix All applies every remaining preferred fix and nothing else', async () => {
    await vscode.window.showTextDocument(doc);
    const zerologLine = lineOf(doc, ZEROLOG_ROW);

    await vscode.commands.executeCommand('docTruth.fixAll', doc.uri);

    await waitFor('Fix All to rewrite the zerolog row', () => doc.lineAt(zerologLine).text === ZEROLOG_FIXED);
    assert.equal(doc.getText(), originalText.replace(GRPC_ROW, GRPC_FIXED).replace(ZEROLOG_ROW, ZEROLOG_FIXED));
    await waitFor('the version-module diagnostics to clear', () => ours(doc.uri).filter((d) => codeOf(d).startsWith('version-')).length === 0);
  });
});
