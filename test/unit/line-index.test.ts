// Offsets and positions must agree with the line breaks LSP counts ("\n", "\r\n", a lone "\r"),
// however the index finds them.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineIndex } from '../../server/src/engine/lineIndex';

/** Where each line starts, from splitting the text the way LSP counts lines. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (const m of text.matchAll(/\r\n|\r|\n/g)) starts.push(m.index! + m[0].length);
  return starts;
}

describe('line index', () => {
  it('puts every offset on the line and character LSP would, with and without carriage returns', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'bc', ' ', '\n', '\n\n', '\r\n', '\r', 'é', '—'), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const index = new LineIndex(text);
        const starts = lineStarts(text);
        assert.equal(index.lineCount, starts.length);
        for (let offset = 0; offset <= text.length; offset++) {
          // Inside a CRLF pair there is no position: it belongs to the end of the line.
          const inPair = offset > 0 && text[offset - 1] === '\r' && text[offset] === '\n';
          const at = inPair ? offset - 1 : offset;
          const line = starts.filter((s) => s <= at).length - 1;
          assert.deepEqual(index.positionAt(offset), { line, character: at - starts[line] });
        }
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});
