// The server's memory policy: collect when resident memory has grown past a slack over the level
// indexing left, and let the level grow only with live data.
import assert from 'node:assert/strict';
import { MemoryGovernor } from '../../server/src/lsp/memoryGovernor';

function governed(rss: number[], heap: number[]) {
  let collections = 0;
  const governor = new MemoryGovernor({ slack: 0.1, rss: () => rss.shift()!, heapUsed: () => heap.shift()!, collect: () => collections++ });
  return { governor, collections: () => collections };
}

describe('memory governor', () => {
  it('does nothing before the level is taken, then collects only past the slack', () => {
    const g = governed([200, 215, 230, 219], [100, 100]);
    g.governor.afterWork();
    assert.equal(g.collections(), 0);
    g.governor.settle(); // collects once; level 200, live 100
    assert.equal(g.collections(), 1);
    g.governor.afterWork(); // 215 ≤ 220
    assert.equal(g.collections(), 1);
    g.governor.afterWork(); // 230 > 220: collect; live still 100
    assert.equal(g.collections(), 2);
    g.governor.afterWork(); // 219: the level did not move up with resident memory
    assert.equal(g.collections(), 2);
  });

  it('raises the level by what a collection could not free', () => {
    const g = governed([200, 240, 245, 255], [100, 140]);
    g.governor.settle(); // level 200, live 100
    g.governor.afterWork(); // 240 > 220: collect; live 140 → level 240
    assert.equal(g.collections(), 2);
    g.governor.afterWork(); // 245 ≤ 264
    assert.equal(g.collections(), 2);
    g.governor.afterWork(); // 255 ≤ 264
    assert.equal(g.collections(), 2);
  });
});
