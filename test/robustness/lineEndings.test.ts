// Docs written on Windows keep CRLF line ends, and editors save some files with a byte order mark.
// Neither may move a diagnostic: the text under every range must still be the claim it judges.
import assert from 'node:assert/strict';
import { checkText } from '../../server/src/engine/check';
import { applyFixes } from '../../server/src/engine/applyFixes';
import { defaultConfig } from '../../server/src/engine/config';
import { LineIndex } from '../../server/src/engine/lineIndex';
import { pathToUri } from '../../server/src/engine/uris';
import { DocModel } from '../../server/src/markdown/docModel';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import type { IndexSnapshot } from '../../server/src/index/snapshot';
import { loadWorkspace } from '../../server/src/host/workspaceLoader';
import { withShape } from './support/arbitraries';
import { trueDocText, WORKSPACE, WORKSPACE_DOC } from './support/seeds';

/** The true doc with two version claims drifted: the Go directive and the NATS client. */
function driftedDoc(): string {
  const doc = trueDocText().replace('| Go | `go` directive | 1.22.5 |', '| Go | `go` directive | 1.21.0 |').replace('`github.com/nats-io/nats.go` | v1.36.0', '`github.com/nats-io/nats.go` | v1.30.0');
  assert.ok(doc.includes('1.21.0') && doc.includes('v1.30.0'), 'fixture doc lost its version rows');
  return doc;
}

const SHAPES = [
  { name: 'LF', crlf: false, bom: false },
  { name: 'CRLF', crlf: true, bom: false },
  { name: 'BOM + LF', crlf: false, bom: true },
  { name: 'BOM + CRLF', crlf: true, bom: true },
];

function textAt(text: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}

describe('CRLF and BOM documents: ranges stay exact', () => {
  let snapshot: IndexSnapshot;
  const uri = pathToUri(WORKSPACE, WORKSPACE_DOC);

  before(async () => {
    const index = await WorkspaceIndex.create();
    await loadWorkspace(WORKSPACE, index);
    snapshot = index.snapshot();
  });

  for (const shape of SHAPES) {
    it(`${shape.name}: each drifted version is underlined exactly, and the fix rewrites only it`, () => {
      const text = withShape(driftedDoc(), { ...shape, trailingNewline: true });
      const { diagnostics, ruleErrors } = checkText(uri, text, snapshot, defaultConfig(), { root: WORKSPACE });
      assert.deepEqual(ruleErrors, []);
      const byClaim = new Map(diagnostics.map((d) => [textAt(text, d.range), d]));
      assert.ok(byClaim.has('1.21.0'), `no diagnostic covers exactly "1.21.0": ${diagnostics.map((d) => JSON.stringify(textAt(text, d.range))).join(', ')}`);
      assert.ok(byClaim.has('v1.30.0'), `no diagnostic covers exactly "v1.30.0": ${diagnostics.map((d) => JSON.stringify(textAt(text, d.range))).join(', ')}`);
      assert.equal(byClaim.get('v1.30.0')!.code, 'version-module');

      const fixed = applyFixes(text, diagnostics).text;
      assert.equal(fixed, withShape(trueDocText(), { ...shape, trailingNewline: true }));
    });
  }

  it('gives a BOM document the same diagnostics as the same text without one, one character later on the first line only', () => {
    const plain = driftedDoc();
    const a = checkText(uri, plain, snapshot, defaultConfig(), { root: WORKSPACE }).diagnostics;
    const b = checkText(uri, `\uFEFF${plain}`, snapshot, defaultConfig(), { root: WORKSPACE }).diagnostics;
    assert.deepEqual(
      b.map((d) => [d.code, d.message, d.range.start.line, d.range.end.line, textAt(`\uFEFF${plain}`, d.range)]),
      a.map((d) => [d.code, d.message, d.range.start.line, d.range.end.line, textAt(plain, d.range)]),
    );
  });

  it('keeps inline code, table cells and fenced blocks of a BOM document on their own text', () => {
    const text = '\uFEFF# Dispatcher\r\n\r\nReads `DISPATCH_REGION`.\r\n\r\n| Variable | Default |\r\n|---|---|\r\n| `DISPATCH_MAX_BATCH` | `250` |\r\n\r\n```go\r\nconst SubjectAssigned = "parcel.assigned"\r\n```\r\n';
    const doc = new DocModel(uri, text);
    const codes = doc.blocks.flatMap((b) => b.inlineCodes);
    assert.deepEqual(
      codes.map((c) => text.slice(c.start, c.end)),
      ['DISPATCH_REGION', 'DISPATCH_MAX_BATCH', '250'],
    );
    for (const c of codes) assert.equal(textAt(text, c.range), c.value);
    assert.equal(doc.sections[0].title, 'Dispatcher');
    assert.equal(textAt(text, doc.sections[0].headingRange), 'Dispatcher');
    assert.equal(doc.codeBlocks.length, 1);
    assert.ok(text.slice(doc.codeBlocks[0].start, doc.codeBlocks[0].end).startsWith('```go'));
    assert.ok(text.slice(doc.codeBlocks[0].contentStart).startsWith('const SubjectAssigned'));
  });
});
