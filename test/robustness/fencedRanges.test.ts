// Bugs the robustness fuzzer found in rule code, each pinned by a failing test with the smallest
// input that shows it. They are skipped unless DOC_TRUTH_KNOWN_BUGS=1, so the suite stays green
// while they wait for a fix; once one passes, it moves to the suite it belongs to.
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

const known = process.env.DOC_TRUTH_KNOWN_BUGS === '1' ? describe : describe.skip;

function textAt(text: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}

known('KNOWN BUGS (set DOC_TRUTH_KNOWN_BUGS=1 to run)', () => {
  let snapshot: IndexSnapshot;
  const uri = pathToUri(WORKSPACE, WORKSPACE_DOC);
  const check = (text: string) => checkText(uri, text, snapshot, defaultConfig(), { root: WORKSPACE });

  before(async () => {
    const index = await WorkspaceIndex.create();
    await loadWorkspace(WORKSPACE, index);
    snapshot = index.snapshot();
  });

  // rules/version/versionClaims.ts maps a version found in a ```go.mod excerpt back to the doc by its
  // line and column inside the code block's value; remark strips the fence's indentation from the
  // value (and turns a partly stripped tab into spaces), so in an indented fence every column is off.
  it('version-module: a version in an indented ```go.mod fence is underlined and fixed in place', () => {
    const text = '# Stack\n\n  ```go.mod\n  module example.com/parcel\n\n  require github.com/nats-io/nats.go v1.30.0\n  ```\n';
    const d = check(text).diagnostics.find((x) => x.code === 'version-module');
    assert.ok(d, 'no version-module finding');
    assert.equal(textAt(text, d.range), 'v1.30.0'); // today: "o v1.30"
    assert.equal(applyFixes(text, [d]).text, text.replace('v1.30.0', 'v1.36.0')); // today: "nats.gv1.36.0.0"
  });

  it('version-module: a tab-indented require line in an indented ```go.mod fence keeps its line break', () => {
    const text = '# Stack\n\n  ```go.mod\n  module example.com/parcel\n\n  require (\n\tgithub.com/nats-io/nats.go v1.30.0\n  )\n  ```\n';
    const d = check(text).diagnostics.find((x) => x.code === 'version-module');
    assert.ok(d, 'no version-module finding');
    assert.equal(textAt(text, d.range), 'v1.30.0'); // today: "1.30.0\n", and the fix deletes the line break
    assert.equal(applyFixes(text, [d]).text, text.replace('v1.30.0', 'v1.36.0'));
  });

  // rules/snippet: on a CRLF document the fix of a drifted snippet ends one character past the end
  // of its last line (it counts the "\r"). LSP clients clamp such a position, so the edit lands
  // right today, but the range is outside the document.
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
