import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { MarkdownSectionCache, splitSections } from '../../server/src/markdown/sectionCache';
import { DocModel } from '../../server/src/markdown/docModel';
import { filesUnder } from '../helpers/fixtureFiles';

function markdownFiles(dir: string): string[] {
  return filesUnder(dir).filter((p) => p.endsWith('.md'));
}

const full = (text: string) => JSON.parse(JSON.stringify(unified().use(remarkParse).use(remarkGfm).parse(text)));

const TRICKY = [
  '# Title\n\nIntro with `code`.\n\n## A\n\n| a | b |\n|---|---|\n| 1 | 2 |\n',
  '# T\n\n```md\n# not a heading inside a fence\n```\n\n## Real\n\ntext\n',
  '~~~\n## fenced with tildes\n~~~\n# After\n',
  '# CRLF title\r\n\r\n- item\r\n- item two\r\n\r\n## CRLF section\r\n\r\npara\r\n',
  'no heading at all\n\n- a\n- b\n',
  '# Unclosed fence\n\n```go\nfunc x() {}\n## still code\n',
];

describe('section-cached Markdown parsing', () => {
  it('splits only at headings outside fences', () => {
    assert.deepEqual(splitSections(TRICKY[1]).map((s) => s.line), [0, 6]);
    assert.deepEqual(splitSections(TRICKY[2]).map((s) => s.line), [0, 3]);
    assert.deepEqual(splitSections(TRICKY[5]).map((s) => s.line), [0]);
  });

  it('gives the same tree as a full parse for tricky documents and every Markdown file in the repo', () => {
    const docs = [...TRICKY, ...[...markdownFiles('examples'), 'README.md', 'ARCHITECTURE.md'].map((p) => readFileSync(p, 'utf8'))];
    assert.ok(docs.length > TRICKY.length, 'the repo has Markdown files to compare');
    for (const text of docs) assert.deepEqual(JSON.parse(JSON.stringify(new MarkdownSectionCache().parse(text))), full(text));
  });

  it('keeps offsets into the original text when it starts with a byte-order mark', () => {
    const text = '\uFEFF# Title\n\n## Env\n\nSet `BOT_TIMEOUT`.\n';
    const root = new MarkdownSectionCache().parse(text);
    const para = root.children[2];
    assert.equal(para.type, 'paragraph');
    assert.equal(text.slice(para.position!.start.offset, para.position!.end.offset), 'Set `BOT_TIMEOUT`.');
    const heading = root.children[0];
    assert.equal(text.slice(heading.position!.start.offset, heading.position!.end.offset), '# Title');
  });

  it('reuses unchanged sections after an edit and still matches a full parse', () => {
    const cache = new MarkdownSectionCache();
    const before = '# A\n\none\n\n## B\n\n| x | y |\n|---|---|\n| 1 | 2 |\n\n## C\n\nthree\n';
    const first = cache.parse(before);
    const after = before.replace('| 1 | 2 |', '| 1 | 23 |');
    const second = cache.parse(after);
    assert.deepEqual(JSON.parse(JSON.stringify(second)), full(after));
    // Section A's nodes were not re-parsed: the very same objects come back (A starts at offset 0).
    assert.equal(second.children[0], first.children[0]);
  });
});

describe('bare identifiers in table cells', () => {
  it('reads a cell that is one identifier-like token as code, and leaves words and prose alone', () => {
    const doc = new DocModel('x', '| Subject | Publisher | RPC | Note |\n|---|---|---|---|\n| ledger.entry.posted | settle (PostEntry) | PostEntry | none |\n| `orders.>` | **Billing** | GetBalance | 42 |\n');
    const codes = doc.tables[0].rows.map((row) => row.map((c) => c.inlineCodes.map((ic) => `${ic.value}${ic.bare ? '*' : ''}`).join(',')));
    assert.deepEqual(codes, [
      ['ledger.entry.posted*', '', 'PostEntry*', ''],
      ['orders.>', '', 'GetBalance*', ''],
    ]);
    const bare = doc.tables[0].rows[0][0].inlineCodes[0];
    assert.equal(doc.text.slice(bare.start, bare.end), 'ledger.entry.posted');
  });
});

describe('sections the Markdown parser cannot take', () => {
  it('leaves a section of deep quote nesting unread and still reads the others', () => {
    const deep = Array.from({ length: 300 }, (_, i) => `${'>'.repeat(i)} x`).join('\n');
    const doc = new DocModel('x', `# A\n\n${deep}\n\n## B\n\n| Variable | Default |\n|---|---|\n| \`BOT_TIMEOUT\` | \`30s\` |\n`);
    assert.deepEqual(doc.sections.map((s) => s.title), ['B']);
    assert.equal(doc.tables.length, 1);
  });
});
