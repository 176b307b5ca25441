// Workspace paths from URIs the editor sends, including ones that name no local file.
import assert from 'node:assert/strict';
import { pathToUri, uriToPath } from '../../server/src/engine/uris';

describe('uris: what lies inside a workspace', () => {
  const root = '/srv/parcel';

  it('maps files under the root, names beginning with two dots included', () => {
    assert.equal(uriToPath(root, 'file:///srv/parcel/docs/runtime-services.md'), 'docs/runtime-services.md');
    assert.equal(uriToPath(root, 'file:///srv/parcel/..notes.md'), '..notes.md');
    assert.equal(uriToPath(root, 'file:///srv/parcel/docs/v1..v2/changes.md'), 'docs/v1..v2/changes.md');
    assert.equal(uriToPath(root, pathToUri(root, 'docs/a b#c%d.md')), 'docs/a b#c%d.md');
  });

  it('answers undefined, never throws, for URIs outside the root or naming no local path', () => {
    for (const uri of [
      'file:///srv/parcel',
      'file:///srv/other/docs/x.md',
      'file:///srv/parcel/../other/x.md',
      'file:///etc/passwd',
      'file://fileserver/share/docs/x.md',
      'file:///srv/parcel/docs%2Fx.md',
      'untitled:Untitled-1',
      'vscode-notebook-cell:/srv/parcel/x.md',
      'garbage',
    ]) {
      assert.equal(uriToPath(root, uri), undefined, uri);
    }
  });
});
