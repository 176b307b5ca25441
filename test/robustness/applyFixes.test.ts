// `--fix` and fix-all apply many fixes at once; these pin down the cases where two edits meet at
// one point, which is where an in-place splice loses or reorders text.
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { applyEdits, applyFixes } from '../../server/src/engine/applyFixes';
import type { DiagnosticData, TextEdit } from '../../server/src/engine/types';

const at = (line: number, from: number, to = from) => ({ start: { line, character: from }, end: { line, character: to } });

function diag(title: string, edits: TextEdit[]): Diagnostic {
  const data: DiagnosticData = { ruleId: 'version-module', fixes: [{ title, edits, isPreferred: true }], sources: [] };
  return { range: edits[0].range, message: title, data };
}

const ROW = '| NATS client | `github.com/nats-io/nats.go` | v1.30.0 |';

describe('applyFixes: edits that meet at one point', () => {
  it('keeps insertions at one point in the order the fix lists them, as LSP clients do', () => {
    const text = 'Requires Go 1.22.';
    const edits = [
      { range: at(0, 12), newText: '≥ ' },
      { range: at(0, 12), newText: 'go' },
    ];
    assert.equal(applyEdits(text, edits), 'Requires Go ≥ go1.22.');
    assert.equal(applyFixes(text, [diag('Write the minimum', edits)]).text, 'Requires Go ≥ go1.22.');
  });

  it('puts an insertion before a replacement that starts at the same point, in either list order', () => {
    const replaceThenInsert = [
      { range: at(0, 47, 54), newText: 'v1.36.0' },
      { range: at(0, 47), newText: '≥ ' },
    ];
    assert.equal(applyEdits(ROW, replaceThenInsert), '| NATS client | `github.com/nats-io/nats.go` | ≥ v1.36.0 |');
    assert.equal(applyEdits(ROW, [...replaceThenInsert].reverse()), '| NATS client | `github.com/nats-io/nats.go` | ≥ v1.36.0 |');
  });

  it('takes only the first of two fixes where one inserts at the point the other replaces from, whichever comes first', () => {
    const replace = diag('Change v1.30.0 to v1.36.0', [{ range: at(0, 47, 54), newText: 'v1.36.0' }]);
    const insert = diag('Mark as minimum', [{ range: at(0, 47), newText: '≥ ' }]);
    for (const [first, second, expected] of [
      [replace, insert, '| NATS client | `github.com/nats-io/nats.go` | v1.36.0 |'],
      [insert, replace, '| NATS client | `github.com/nats-io/nats.go` | ≥ v1.30.0 |'],
    ] as const) {
      const { text, applied } = applyFixes(ROW, [first, second]);
      assert.equal(text, expected);
      assert.deepEqual(applied, [first.message]);
    }
  });

  it('lists the applied fixes in document order', () => {
    const text = 'go 1.21\ngrpc v1.60.0\nnats v1.30.0';
    const fixes = [diag('nats', [{ range: at(2, 5, 12), newText: 'v1.36.0' }]), diag('go', [{ range: at(0, 3, 7), newText: '1.22.5' }]), diag('grpc', [{ range: at(1, 5, 12), newText: 'v1.65.0' }])];
    const { text: out, applied } = applyFixes(text, fixes);
    assert.equal(out, 'go 1.22.5\ngrpc v1.65.0\nnats v1.36.0');
    assert.deepEqual(applied, ['go', 'grpc', 'nats']);
  });

  it('never touches the line break of a CRLF line when a range runs past the end of the line', () => {
    const text = 'a `v1` b\r\nnext\r\n';
    const { text: out } = applyFixes(text, [diag('past the end', [{ range: at(0, 3, 40), newText: 'v2' }])]);
    assert.equal(out, 'a `v2\r\nnext\r\n');
  });
});
