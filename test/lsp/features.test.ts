// The editor features computed from one checked document, without a server in between: lenses,
// fix selection, suppressions around blocks, settings, and the coalescing of file events.
import assert from 'node:assert/strict';
import { DiagnosticSeverity, FileChangeType, type Diagnostic } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultConfig } from '../../server/src/engine/config';
import { suppressionsOf } from '../../server/src/engine/suppressions';
import type { DiagnosticData, Fix, SourceLocation } from '../../server/src/engine/types';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import type { IndexSnapshot } from '../../server/src/index/snapshot';
import type { CheckedClaim, CheckedDocument } from '../../server/src/lsp/checkedDocument';
import { sourcesAt } from '../../server/src/lsp/checkedDocument';
import { codeActions, disableAction, kindRequested, preferredFixEdits } from '../../server/src/lsp/codeActions';
import { codeLenses } from '../../server/src/lsp/codeLens';
import { FileEventQueue } from '../../server/src/lsp/fileEventQueue';
import { hoverAt } from '../../server/src/lsp/hover';
import { effectiveConfig, normalizeSettings } from '../../server/src/lsp/settings';
import type { FileEvent } from '../../server/src/lsp/workspaceFolder';
import { DocModel } from '../../server/src/markdown/docModel';

const URI = 'file:///ws/docs/runtime-services.md';
const ROOT = '/ws';

const GO_MOD = `module example.com/ledger

go 1.22.3

require (
\tgithub.com/nats-io/nats.go v1.35.0
\tgoogle.golang.org/grpc v1.64.0
)
`;

const DOC = `# Ledger

| Component | Version |
|---|---|
| gRPC | v1.60.0 |
| NATS client | v1.35.0 |

\`\`\`go.mod
require google.golang.org/grpc v1.60.0
\`\`\`

Plain prose.
`;

function loc(line: number): SourceLocation {
  return { path: 'go.mod', range: { start: { line, character: 24 }, end: { line, character: 31 } } };
}

function diagnostic(line: number, start: number, end: number, fixes: Fix[] = [], severity: DiagnosticSeverity = DiagnosticSeverity.Error): Diagnostic {
  const data: DiagnosticData = { ruleId: 'version-module', fixes, sources: [loc(6)] };
  return { range: { start: { line, character: start }, end: { line, character: end } }, severity, code: 'version-module', source: 'doc-truth', message: 'Doc says `v1.60.0`; go.mod says `v1.64.0` (go.mod:7).', data };
}

function fix(line: number, start: number, end: number, newText: string, isPreferred = true): Fix {
  return { title: `Change to ${newText}`, isPreferred, edits: [{ range: { start: { line, character: start }, end: { line, character: end } }, newText }] };
}

describe('editor features from a checked document', () => {
  let snapshot: IndexSnapshot;

  before(async () => {
    const index = await WorkspaceIndex.create();
    index.applyChange('go.mod', GO_MOD);
    index.notePath('cmd/ledgerd/README.md');
    snapshot = index.snapshot();
  });

  function checked(diagnostics: Diagnostic[], claims: CheckedClaim[] = [], text = DOC): CheckedDocument {
    return { uri: URI, version: 3, root: ROOT, model: () => new DocModel(URI, text), snapshot, diagnostics, claimsChecked: claims.length + diagnostics.length, claims };
  }

  it('says "✓ matches" above a block whose judged claims all hold, and counts drift elsewhere', () => {
    const claims = [{ range: { start: { line: 5, character: 16 }, end: { line: 5, character: 23 } }, sources: [loc(5)] }];
    const lenses = codeLenses(checked([diagnostic(8, 31, 38, [], DiagnosticSeverity.Warning)], claims));
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.title]), [
      [2, '✓ matches go.mod'],
      [7, '1 drifted — Show source'],
    ]);
  });

  it('does not count a hint (unverifiable) as drift', () => {
    assert.deepEqual(codeLenses(checked([diagnostic(4, 9, 16, [], DiagnosticSeverity.Hint)])), []);
  });

  it('hovers on a claim that holds with the source it was checked against', () => {
    const claims = [{ range: { start: { line: 5, character: 16 }, end: { line: 5, character: 23 } }, sources: [loc(5)] }];
    const hover = hoverAt(checked([], claims), { line: 5, character: 18 });
    const value = (hover?.contents as { value: string }).value;
    assert.match(value, /matches the code/);
    assert.match(value, /go\.mod:6/);
    assert.match(value, /nats\.go v1\.35\.0/);
  });

  it('keeps code spans of a message intact in the hover and escapes the rest', () => {
    const d = diagnostic(4, 9, 16);
    d.message = 'Doc says `FLEETD_MAX_FRAME_BYTES` defaults to 1_000; see *config*';
    const value = (hoverAt(checked([d]), { line: 4, character: 10 })?.contents as { value: string }).value;
    assert.ok(value.includes('`FLEETD_MAX_FRAME_BYTES`'));
    assert.ok(value.includes('1\\_000'));
    assert.ok(value.includes('\\*config\\*'));
  });

  it('finds the source of a claim from anywhere on its line when the cursor is not on it', () => {
    const locations = sourcesAt(checked([diagnostic(4, 9, 16)]), { line: 4, character: 2 });
    assert.deepEqual(locations, [{ uri: 'file:///ws/go.mod', range: loc(6).range }]);
    assert.deepEqual(sourcesAt(checked([diagnostic(4, 9, 16)]), { line: 11, character: 2 }), []);
  });

  it('names a folder source in the hover but never offers it as a location to open', () => {
    const d = diagnostic(4, 2, 6);
    (d.data as DiagnosticData).sources = [{ path: 'cmd/ledgerd/', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }];
    const c = checked([d]);
    assert.deepEqual(sourcesAt(c, { line: 4, character: 3 }), []);
    const value = (hoverAt(c, { line: 4, character: 3 })?.contents as { value: string }).value;
    assert.ok(value.includes('[`cmd/ledgerd/`](file:///ws/cmd/ledgerd)'), value);
  });

  it('takes each preferred fix once, skips overlapping ones and non-preferred candidates', () => {
    const edits = preferredFixEdits([
      diagnostic(4, 9, 16, [fix(4, 9, 16, 'v1.64.0')]),
      diagnostic(4, 9, 16, [fix(4, 9, 16, 'v1.64')]),
      diagnostic(8, 31, 38, [fix(8, 31, 38, 'v1.63.0', false), fix(8, 31, 38, 'v1.64.0', true)]),
      diagnostic(11, 0, 5, [fix(11, 0, 5, 'Prose', false)]),
    ]);
    assert.deepEqual(edits.map((e) => [e.range.start.line, e.newText]), [
      [4, 'v1.64.0'],
      [8, 'v1.64.0'],
    ]);
  });

  it('wraps a fenced block in disable/enable comments that the engine honours for lines inside it', () => {
    const c = checked([diagnostic(8, 31, 38)]);
    const action = disableAction(c, c.diagnostics[0], 'version-module', { documentChanges: false });
    assert.equal(action.title, 'Disable version-module for this code block');
    const edited = TextDocument.applyEdits(TextDocument.create(URI, 'markdown', 3, DOC), action.edit!.changes![URI]);
    const doc = new DocModel(URI, edited);
    assert.equal(doc.codeBlocks.length, 1);
    assert.equal(doc.codeBlocks[0].value, 'require google.golang.org/grpc v1.60.0');
    const suppressed = suppressionsOf(doc);
    const lineInBlock = doc.lines.positionAt(doc.codeBlocks[0].contentStart).line;
    assert.equal(suppressed('version-module', lineInBlock), true);
    assert.equal(suppressed('env-default', lineInBlock), false);
    assert.equal(suppressed('version-module', lineInBlock + 5), false, 'the region closes after the block');
  });

  it('answers only the kinds the client asked for', () => {
    const c = checked([diagnostic(4, 9, 16, [fix(4, 9, 16, 'v1.64.0')])]);
    const range = { start: { line: 4, character: 10 }, end: { line: 4, character: 10 } };
    assert.deepEqual(codeActions(c, range, ['source.fixAll'], { documentChanges: true }).map((a) => a.kind), ['source.fixAll.docTruth']);
    assert.deepEqual(codeActions(c, range, ['quickfix'], { documentChanges: true }).map((a) => a.title), ['Change to v1.64.0', 'Disable version-module for this table']);
    assert.deepEqual(codeActions(c, range, ['refactor'], { documentChanges: true }), []);
    assert.equal(kindRequested(['source'], 'source.fixAll.docTruth'), true);
    assert.equal(kindRequested(['source.fixAll.other'], 'source.fixAll.docTruth'), false);
  });
});

describe('settings', () => {
  it('keeps defaults for anything a client answers wrongly', () => {
    assert.deepEqual(normalizeSettings(null), normalizeSettings({}));
    const s = normalizeSettings({ enable: 'yes', documents: ['notes/*.md', 3, ''], run: 'sometimes', severity: { 'version-go': 'hint', 'env-default': 'loud', x: 1 } });
    assert.equal(s.enable, true);
    assert.deepEqual(s.documents, ['notes/*.md']);
    assert.equal(s.run, 'onType');
    assert.deepEqual(s.severity, { 'version-go': 'hint' });
  });

  it('adds the editor globs to the config file ones and lets editor severities win', () => {
    const file = { ...defaultConfig(), documents: ['docs/**/*.md'], rules: { 'version-go': 'off' as const, 'env-default': 'warning' as const } };
    const cfg = effectiveConfig(file, normalizeSettings({ documents: ['**/runtime-services.md', 'docs/**/*.md'], severity: { 'version-go': 'error' } }));
    assert.deepEqual(cfg.documents, ['**/runtime-services.md', 'docs/**/*.md']);
    assert.deepEqual(cfg.rules, { 'version-go': 'error', 'env-default': 'warning' });
  });
});

describe('file event queue', () => {
  it('hands a burst over as one batch with the last event of each file', async () => {
    const batches: FileEvent[][] = [];
    const queue = new FileEventQueue(async (events) => {
      batches.push(events);
    }, 10_000, 10_000);
    for (let i = 0; i < 300; i++) queue.add([{ uri: `file:///ws/gen/f${i % 30}.go`, type: FileChangeType.Changed }]);
    queue.add([{ uri: 'file:///ws/gen/f0.go', type: FileChangeType.Deleted }]);
    await queue.idle();
    assert.equal(batches.length, 1);
    assert.equal(batches[0].length, 30);
    assert.equal(batches[0].find((e) => e.uri.endsWith('/f0.go'))?.type, FileChangeType.Deleted);
  });

  it('keeps batches in order when one is still being applied', async () => {
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const queue = new FileEventQueue(async (events) => {
      if (events[0].uri.endsWith('a.go')) await gate;
      order.push(events[0].uri);
    }, 10_000, 10_000);
    queue.add([{ uri: 'file:///ws/a.go', type: FileChangeType.Changed }]);
    const first = queue.idle();
    queue.add([{ uri: 'file:///ws/b.go', type: FileChangeType.Changed }]);
    const second = queue.idle();
    release();
    await Promise.all([first, second]);
    assert.deepEqual(order, ['file:///ws/a.go', 'file:///ws/b.go']);
  });
});
