// The server's memory policy: collect when resident memory has grown past a slack over the level
// indexing left (at once past the larger slack, at the next idle moment past the smaller one),
// and let the level grow only with live data.
import assert from 'node:assert/strict';
import { MemoryGovernor } from '../../server/src/lsp/memoryGovernor';

function governed(rss: number[], heap: number[], idle: { idleSlack?: number; idleMs?: number; sampleMs?: number; now?: () => number } = {}) {
  let collections = 0;
  const governor = new MemoryGovernor({ slack: 0.1, idleSlack: idle.idleSlack ?? 0.1, idleMs: idle.idleMs, sampleMs: idle.sampleMs ?? 0, now: idle.now, rss: () => rss.shift() ?? 0, heapUsed: () => heap.shift() ?? 0, collect: () => collections++ });
  return { governor, collections: () => collections };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

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

  it('past the idle slack, collects once the server has been idle, and not while work keeps coming', async () => {
    const g = governed([200, 212, 212, 212], [100, 100, 100], { idleSlack: 0.05, idleMs: 30 });
    g.governor.settle(); // level 200
    g.governor.afterWork(); // 212 > 210: a collection waits for a pause
    await pause(10);
    g.governor.busy(); // an edit arrived: not now
    await pause(50);
    assert.equal(g.collections(), 1, 'collected while work was coming');
    g.governor.afterWork(); // still past the idle slack
    await pause(60);
    assert.equal(g.collections(), 2, 'no collection in the pause');
  });

  it('reads resident memory at most once per sampling interval after work', () => {
    let t = 0;
    const rss = [200, 230, 230, 230];
    const g = governed(rss, [100, 100, 100], { sampleMs: 100, now: () => t });
    g.governor.settle(); // level 200
    g.governor.afterWork(); // t=0: 230 > 220, collect
    assert.equal(g.collections(), 2);
    t = 50;
    g.governor.afterWork(); // within the interval: memory not read
    assert.equal(rss.length, 2);
    assert.equal(g.collections(), 2);
    t = 150;
    g.governor.afterWork(); // read again: still past the slack
    assert.equal(rss.length, 1);
    assert.equal(g.collections(), 3);
  });
});
