// Ranges inside fenced blocks, from the smallest inputs the fuzzer found them wrong with: an
// indented ```go.mod fence (remark strips the indentation from the block's value) and the last
// line of a block on a CRLF document.
import assert from 'node:assert/strict';
import { applyFixes } from '../../server/src/engine/applyFixes';
import { checkText } from '../../server/src/engine/check';
import { defaultConfig } from '../../server/src/engine/config';
import { LineIndex } from '../../server/src/engine/lineIndex';
import type { DiagnosticData } from '../../server/src/engine/types';
import { pathToUri } from '../../server/src/engine/uris';
import { loadWorkspace } from '../../server/src/host/workspaceLoader';
import type { IndexSnapshot } from '../../server/src/index/snapshot';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { WORKSPACE, WORKSPACE_DOC } from './support/seeds';

function textAt(text: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}

describe('ranges inside fenced blocks', () => {
  let snapshot: IndexSnapshot;
  const uri = pathToUri(WORKSPACE, WORKSPACE_DOC);
  const check = (text: string) => checkText(uri, text, snapshot, defaultConfig(), { root: WORKSPACE });

  before(async () => {
    const index = await WorkspaceIndex.create();
    await loadWorkspace(WORKSPACE, index);
    snapshot = index.snapshot();
  });

  it('version-module: a version in an indented ```go.mod fence is underlined and fixed in place', () => {
    const text = '# Stack\n\n  ```go.mod\n  module example.com/parcel\n\n  require github.com/nats-io/nats.go v1.30.0\n  ```\n';
    const d = check(text).diagnostics.find((x) => x.code === 'version-module');
    assert.ok(d, 'no version-module finding');
    assert.equal(textAt(text, d.range), 'v1.30.0');
    assert.equal(applyFixes(text, [d]).text, text.replace('v1.30.0', 'v1.36.0'));
  });

  it('version-module: a tab-indented require line in an indented ```go.mod fence keeps its line break', () => {
    const text = '# Stack\n\n  ```go.mod\n  module example.com/parcel\n\n  require (\n\tgithub.com/nats-io/nats.go v1.30.0\n  )\n  ```\n';
    const d = check(text).diagnostics.find((x) => x.code === 'version-module');
    assert.ok(d, 'no version-module finding');
    assert.equal(textAt(text, d.range), 'v1.30.0');
    assert.equal(applyFixes(text, [d]).text, text.replace('v1.30.0', 'v1.36.0'));
  });

  it('snippet-drift: fix edits on a CRLF document end within their line', () => {
    const text = '```go\r\n// SubjectAssigned is published once per parcel handed to a courier.\r\nconst SubjectAssigned = "pa\r\n```\r\n';
    const lines = new LineIndex(text);
    const d = check(text).diagnostics.find((x) => x.code === 'snippet-drift');
    assert.ok(d, 'no snippet-drift finding');
    for (const fix of (d.data as DiagnosticData).fixes) {
      for (const e of fix.edits) assert.ok(e.range.end.character <= lines.lineText(e.range.end.line).length, `edit ends at ${e.range.end.line}:${e.range.end.character}, past the end of "${lines.lineText(e.range.end.line)}"`);
    }
  });
});
