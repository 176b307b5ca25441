// The same workspace gives the same output however its files reached the index: the server sees
// them in watched-file order, the CLI in path order, and both must publish the same words.
import assert from 'node:assert/strict';
import { checkText } from '../../server/src/engine/check';
import { defaultConfig } from '../../server/src/engine/config';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { workspaceFile } from './support/seeds';

describe('determinism: the order files reach the index', () => {
  // A finding that names several go.mod files words its message, related locations and fixes from
  // the snapshot's module list, so that list must not follow arrival order.
  it('gives one Go-version finding the same message whichever go.mod was indexed first', async () => {
    const files: [string, string][] = [
      ['go.mod', workspaceFile('go.mod')],
      ['tools/go.mod', 'module example.com/parcel/tools\n\ngo 1.23\n'],
    ];
    const doc = '# Parcel dispatch\n\n| Component | Version |\n|---|---|\n| Go | 1.21 |\n';
    const messages: string[][] = [];
    for (const order of [files, [...files].reverse()]) {
      const index = await WorkspaceIndex.create();
      for (const [p, t] of order) index.applyChange(p, t);
      const result = checkText('file:///parcel/docs/runtime-services.md', doc, index.snapshot(), defaultConfig(), { root: '/parcel' });
      messages.push(result.diagnostics.map((d) => `${d.code}: ${d.message} [${(d.relatedInformation ?? []).map((r) => r.location.uri).join(', ')}]`));
    }
    assert.ok(messages[0].length > 0, 'the doc no longer contradicts both modules');
    assert.deepEqual(messages[1], messages[0]);
  });
});
