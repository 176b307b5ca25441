// Re-parsing only the edited block (or table row) of a section must give the tree a full parse of
// the section gives, for any edit inside one line; edits it cannot vouch for fall back to a full
// parse (undefined).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Root, Table } from 'mdast';
import { reparseEditedBlock } from '../../server/src/markdown/blockReparse';
import { splitSections } from '../../server/src/markdown/sectionCache';
import { filesUnder } from '../helpers/fixtureFiles';

const processor = unified().use(remarkParse).use(remarkGfm);
const parse = (text: string): Root => processor.parse(text) as Root;
const plain = (tree: Root): unknown => JSON.parse(JSON.stringify(tree));

const WRITTEN = [
  '### Configuration\n\nSettings come from the environment.\n\n| Variable | Default | Description |\n| --- | :---: | --- |\n| `RUNNER_WORKERS` | `4` | Jobs at once. |\n| `RUNNER_TIMEOUT` | `30s` | Deadline of a job, see [limits](../limits.md). |\n| `RUNNER_DB_URI` | — (required) | Mongo `a\\|b` connection string. |\n\nAfter the table, a paragraph\nthat spans *two lines* and ends.\n',
  '## Messaging\r\n\r\nPublishes `runs.created` once a run is stored.\r\n\r\n| Subject | Direction |\r\n|---|---|\r\n| `runs.created` | publish |\r\n| `runs.done` | subscribe |\r\n',
  '## Notes\n\nLogs are structured; every line carries the request ID\nthat the proxy assigned.\n\n- a list item\n- another\n\n> quoted text\n\nA closing paragraph with <span>html</span> and https://example.com/x.\n',
  'Table right under a paragraph:\n| a | b |\n|---|---|\n| 1 | 2 |\n',
  '| only | table |\n|:--|--:|\n| x | y |\n| bare row without pipes\n',
  '## Refs\n\nSee [the guide][g].\n\n| a |\n|---|\n| [g] |\n\n[g]: ./guide.md\n',
  '## Entry point\n\n```go\nfunc main() {\n\tcfg := config.Load()\n\n\trun(cfg)\n}\n```\n\n~~~yaml\nworkers: 4\n~~~\n\n    indented code\n    second line\n\nText after.\n',
  '### Limits\n\nA paragraph.\n\n```\nunclosed fence to the end\n\nstill code\n',
  '- item one\n- item two\n\n  continued under item two\n\n1. first\n2. second\n\nAfter the list.\n',
  'Setext title\n============\n\nBody with a footnote[^n].\n\n[^n]: The note.\n\n    Indented under the note.\n\nLast words.\n',
  '> quoted\n> lines\n\nNot quoted.\n\n<div>\nhtml block\n</div>\n\n<!-- a comment\n\nspanning a blank line -->\n\nTail paragraph.\n',
  '| a | b |\n|---|---|\n| `x \\| y` | **bold** |\n| | empty first |\n| 1 | 2 | 3 extra |\n\nNext.\n',
];

function sections(): string[] {
  const docs = [...filesUnder('examples').filter((p) => p.endsWith('.md')), 'README.md', 'ARCHITECTURE.md'].map((p) => readFileSync(p, 'utf8'));
  return [...WRITTEN, ...docs.flatMap((d) => splitSections(d).map((s) => s.text))].filter((t) => t.trim() && t.length < 4000);
}

const INSERTS = ['x', ' ', '|', '`', '*', '_', '\\', '[', ']', '(', ')', '<', '>', '#', '-', '~', '!', ':', '=', '1. ', '# ', '> ', '- ', '```', '~~~', '<!--', '-->', 'https://a.io', '[x]: /y', '|---|', '    ', '\t', '—', '===', ''];

/** An edit inside one line of `text` (often at its start, where block syntax lives): 0-3 characters replaced by one of INSERTS. */
const edits = (text: string) => {
  const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index! + 1)];
  const at = fc.oneof(fc.nat({ max: text.length }), fc.constantFrom(...lineStarts));
  return fc.tuple(at, fc.nat({ max: 3 }), fc.constantFrom(...INSERTS)).map(([at, del, ins]) => {
    const lineEnd = text.slice(at).search(/[\r\n]|$/) + at;
    const end = Math.min(at + del, lineEnd);
    return text.slice(0, at) + ins + text.slice(end);
  });
};

describe('re-parsing the edited block of a section', () => {
  const all = sections();

  it('gives the tree a full parse gives, for random edits inside one line', () => {
    let spliced = 0;
    let runs = 0;
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...WRITTEN), fc.constantFrom(...all)).chain((before) => edits(before).map((after) => [before, after] as const)),
        ([before, after]) => {
          runs++;
          const got = reparseEditedBlock(parse, parse(before), before, after);
          if (!got) return true;
          spliced++;
          assert.deepEqual(plain(got), plain(parse(after)));
          return true;
        },
      ),
      { numRuns: 2500, seed: 20261127 },
    );
    // Most single-line edits land in a paragraph or a table row: the fast path is the common one.
    assert.ok(spliced > runs * 0.2, `only ${spliced} of ${runs} edits were re-parsed by block`);
  });

  it('re-reads only the edited row of a table, keeping the rows above as they were', () => {
    const before = WRITTEN[0];
    const tree = parse(before);
    const after = before.replace('`30s`', '`45s`');
    const got = reparseEditedBlock(parse, tree, before, after)!;
    assert.ok(got, 'an edit inside a body row is re-parsed by row');
    assert.deepEqual(plain(got), plain(parse(after)));
    const table = (t: Root) => t.children.find((c): c is Table => c.type === 'table')!;
    assert.equal(table(got).children[1], table(tree).children[1], 'the row above the edit is the same node');
    assert.equal(got.children[0], tree.children[0], 'blocks before the table are the same nodes');
  });

  it('leaves to a full parse edits that can reach past their block', () => {
    const before = WRITTEN[0];
    const tree = parse(before);
    // A line break, a block that becomes another kind, a definition the block may use, and a table
    // that touches the paragraph above it.
    assert.equal(reparseEditedBlock(parse, tree, before, before.replace('Jobs at once.', 'Jobs\nat once.')), undefined);
    assert.equal(reparseEditedBlock(parse, tree, before, before.replace('Settings come', '# Settings come')), undefined);
    assert.equal(reparseEditedBlock(parse, tree, before, before.replace('Jobs at once.', '[x]: /y')), undefined);
    const touching = WRITTEN[3];
    assert.equal(reparseEditedBlock(parse, parse(touching), touching, touching.replace('| 1 |', '| 10 |')), undefined);
  });
});
