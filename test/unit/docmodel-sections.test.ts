import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Nodes, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { DocModel } from '../../server/src/markdown/docModel';
import { filesUnder } from '../helpers/fixtureFiles';
import { MarkdownSectionCache } from '../../server/src/markdown/sectionCache';

// A model read section by section (no shifted copies of the trees) must be the model a whole-text
// parse gives, down to every offset and range; edits through one cache must not leak old state.

function markdownFiles(dir: string): string[] {
  return filesUnder(dir).filter((p) => p.endsWith('.md'));
}

const fullParse = (text: string) => unified().use(remarkParse).use(remarkGfm).parse(text) as Root;

/** Everything rules read, without the object cycles (cell → table → cells). */
function shape(doc: DocModel): unknown {
  const block = (b: DocModel['blocks'][number]) => ({
    kind: b.kind,
    text: b.text,
    start: b.start,
    end: b.end,
    row: b.row,
    column: b.column,
    table: b.table ? doc.tables.indexOf(b.table) : undefined,
    codes: b.inlineCodes.map((c) => ({ value: c.value, start: c.start, end: c.end, range: c.range, own: c.container === b })),
  });
  return {
    sections: doc.sections,
    title: doc.title,
    blocks: doc.blocks.map(block),
    tables: doc.tables.map((t) => ({ header: t.header, start: t.start, end: t.end, range: t.range, rows: t.rows.map((r) => r.map((c) => doc.blocks.indexOf(c))) })),
    codeBlocks: doc.codeBlocks,
    comments: doc.comments,
  };
}

function linksOf(root: Root): unknown[] {
  const out: unknown[] = [];
  const visit = (n: Nodes) => {
    if (n.type === 'link' || n.type === 'image' || n.type === 'definition') out.push(n);
    if ('children' in n) for (const c of n.children as Nodes[]) visit(c);
  };
  visit(root);
  return JSON.parse(JSON.stringify(out));
}

const TRICKY = [
  '# Title\n\nSee [the guide](docs/guide.md) and ![diagram](img/a.png).\n\n## Env\n\n| Variable | Default |\n|---|---|\n| `A_B` | `1` |\n\n[ref]: ./services/x\n',
  '\uFEFF# BOM\n\n## Section\n\n- item with `code`\n  - nested [link](a/b.go)\n\n> quoted `QUOTE`\n\n<!-- doc-truth-disable env -->\n',
  '# CRLF\r\n\r\n## A\r\n\r\n```go\r\nfunc x() {}\r\n```\r\n\r\n### B\r\n\r\ntext `C`\r\n',
  'no heading\n\n# Then one\n\n## Deeper\n\n# Back to one\n\n### Skip a level\n',
];

describe('DocModel read section by section', () => {
  const docs = [...TRICKY, ...[...markdownFiles('examples'), ...markdownFiles('test/fixtures'), 'README.md', 'ARCHITECTURE.md'].map((p) => readFileSync(p, 'utf8'))];

  it('equals the model of a whole-text parse, for tricky documents and every Markdown file in the repo', () => {
    for (const text of docs) {
      const bySection = new DocModel('file:///d.md', text, new MarkdownSectionCache());
      // The joined tree has absolute positions (and equals a whole-text parse, BOM aside: see the
      // section-cache tests), so a model read from it is the reference.
      const whole = new DocModel('file:///d.md', text, undefined, new MarkdownSectionCache().parse(text));
      assert.deepEqual(shape(bySection), shape(whole));
      if (text.charCodeAt(0) !== 0xfeff) assert.deepEqual(shape(bySection), shape(new DocModel('file:///d.md', text, undefined, fullParse(text))));
    }
  });

  it('joins the section trees into the whole-text tree and finds every link where it is', () => {
    for (const text of docs.filter((t) => t.charCodeAt(0) !== 0xfeff)) {
      const doc = new DocModel('file:///d.md', text, new MarkdownSectionCache());
      const full = fullParse(text);
      assert.deepEqual(JSON.parse(JSON.stringify(doc.root)), JSON.parse(JSON.stringify(full)));
      assert.deepEqual(JSON.parse(JSON.stringify(doc.links)), linksOf(full));
    }
  });

  it('gives, after edits through one cache, the model of a fresh parse of the edited text', () => {
    const cache = new MarkdownSectionCache();
    let text = TRICKY[0] + '\n## Later\n\nA `LATE_VAR` and [x](y.md).\n';
    new DocModel('file:///d.md', text, cache);
    for (const [from, to] of [['`1`', '`12`'], ['Title', 'Title again\n\n## Inserted\n\ntext'], ['LATE_VAR', 'LATER_VAR'], ['[x](y.md)', '']]) {
      text = text.replace(from, to);
      const incremental = new DocModel('file:///d.md', text, cache);
      assert.deepEqual(shape(incremental), shape(new DocModel('file:///d.md', text, undefined, fullParse(text))));
      assert.deepEqual(JSON.parse(JSON.stringify(incremental.links)), linksOf(fullParse(text)));
    }
  });
});
