// Whole-text questions answered across edits: every answer must be what a search of the text
// gives, however the text was edited since the question was last asked.
import assert from 'node:assert/strict';
import { MentionIndex } from '../../server/src/engine/mentions';
import { splitSections } from '../../server/src/markdown/sectionCache';

const DOC = [
  '# Runtime',
  '',
  'Intro names `ROUTER_PORT`.',
  '',
  '## Router',
  '',
  '| Variable | Default |',
  '|---|---|',
  '| `ROUTER_PORT` | `8080` |',
  '',
  '## Worker',
  '',
  'The worker reads `WORKER_QUEUE`.',
  '',
].join('\n');

const QUESTIONS = ['ROUTER_PORT', 'WORKER_QUEUE', 'WORKER_BATCH', 'ROUTER_TLS', '\r\n', 'Port`.\n\n## Rou'];

/** A small deterministic generator, so a failure names the step that broke. */
function* edits(seed: number): Generator<(text: string) => string> {
  let s = seed;
  const rnd = (n: number) => ((s = (s * 1103515245 + 12345) & 0x7fffffff) % n);
  const inserts = ['WORKER_BATCH', 'ROUTER_TLS', 'x', '\n## New\n', '`ROUTER_PORT`', '\r\n', ''];
  for (;;) {
    const op = rnd(3);
    yield (t) => {
      const at = rnd(t.length + 1);
      if (op === 0) return t.slice(0, at) + inserts[rnd(inserts.length)] + t.slice(at);
      if (op === 1) return t.slice(0, at) + t.slice(at + 1 + rnd(14));
      return t.replace(QUESTIONS[rnd(2)], '');
    };
  }
}

describe('mention index', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`answers as a search of the whole text does, over 150 edits (seed ${seed})`, () => {
      const index = new MentionIndex();
      let text = DOC;
      const gen = edits(seed);
      for (let step = 0; step < 150; step++) {
        const sections = splitSections(text);
        index.next(text, sections, sections.map((x, i) => `${i}\u0000${x.text}`));
        // Ask only some questions each round, as rules do.
        for (const q of QUESTIONS.filter((_, k) => (step + k) % 3 !== 0)) assert.equal(index.mentions(q), text.includes(q), `step ${step}: ${JSON.stringify(q)} in ${JSON.stringify(text)}`);
        text = gen.next().value!(text);
      }
    });
  }
});
