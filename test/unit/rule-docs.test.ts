// The rule documentation is the contract a diagnostic's link points at: every registered rule has a
// page that states what the registry says, and the catalogue tables list exactly the registered rules.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules } from '../../server/src/rules/registry';
import { ruleDocUrl } from '../../server/src/rules/rule';

const ROOT = join(__dirname, '../..');
const RULES_DIR = join(ROOT, 'docs/rules');

function page(id: string): string {
  return readFileSync(join(RULES_DIR, `${id}.md`), 'utf8');
}

/** Rows of the first Markdown table after `header`, as trimmed cells. */
function tableAfter(text: string, header: string): string[][] {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.trim() === header);
  assert.ok(at >= 0, `table header ${header} not found`);
  const rows: string[][] = [];
  for (const line of lines.slice(at + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(1, line.lastIndexOf('|')).split(/(?<!\\)\|/).map((c) => c.trim()));
  }
  return rows;
}

function between(text: string, start: string, end: string): string {
  const from = text.indexOf(start);
  const to = from < 0 ? -1 : text.indexOf(end, from + start.length);
  assert.ok(from >= 0 && to >= 0, `markers ${start} … ${end} not found in order`);
  return text.slice(from + start.length, to);
}

function linkedId(cell: string): string {
  const m = /^\[([\w-]+)\]\(([^)]+)\)$/.exec(cell);
  assert.ok(m, `not a link to a rule page: ${cell}`);
  return m[1];
}

describe('rule documentation', () => {
  it('the diagnostic link of every rule points at a file under docs/rules', () => {
    for (const rule of allRules) {
      assert.ok(ruleDocUrl(rule.id).endsWith(`/docs/rules/${rule.id}.md`), ruleDocUrl(rule.id));
      assert.ok(existsSync(join(RULES_DIR, `${rule.id}.md`)), `docs/rules/${rule.id}.md is missing`);
    }
  });

  for (const rule of allRules) {
    it(`${rule.id}: the page is titled with the id and states its family, default severity and fixability`, () => {
      const text = page(rule.id);
      const title = text.split('\n').find((l) => l.startsWith('# '));
      assert.equal(title, `# ${rule.id}`);
      const [meta] = tableAfter(text, '| Family | Default severity | Fixable |');
      assert.ok(meta, 'metadata row missing');
      assert.equal(meta[0], `[${rule.family}](README.md#${rule.family})`);
      assert.equal(meta[1], rule.defaultSeverity);
      assert.equal(meta[2], rule.fixable ? 'yes' : 'no');
    });

    it(`${rule.id}: the page shows a run of this rule and how to silence or reconfigure it`, () => {
      const text = page(rule.id);
      const example = between(text, '`doc-truth check` prints:\n\n```text\n', '\n```');
      assert.ok(example.split('\n').every((l) => l.includes(`  ${rule.id}  `)), `example output is not of ${rule.id}:\n${example}`);
      assert.ok(text.includes(`<!-- doc-truth-disable-next-line ${rule.id} -->`));
      assert.ok(text.includes(`{ "rules": { "${rule.id}": "warning" } }`));
    });
  }

  it('no page documents a rule that is not registered', () => {
    const ids = new Set(allRules.map((r) => r.id));
    const strays = readdirSync(RULES_DIR).filter((f) => f.endsWith('.md') && f !== 'README.md' && !ids.has(f.slice(0, -3)));
    assert.deepEqual(strays, []);
  });

  it('links between rule pages lead to pages that exist', () => {
    for (const file of readdirSync(RULES_DIR).filter((f) => f.endsWith('.md'))) {
      const text = readFileSync(join(RULES_DIR, file), 'utf8');
      for (const m of text.matchAll(/\]\(([\w-]+\.md)(#[\w-]+)?\)/g)) {
        assert.ok(existsSync(join(RULES_DIR, m[1])), `${file} links to missing ${m[1]}`);
      }
    }
  });

  it("README's rules table lists exactly the registered rules, in order, as the registry describes them", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const table = between(readme, '<!-- rules-table:start -->', '<!-- rules-table:end -->');
    const rows = tableAfter(table, '| Rule | Family | Default | Fix | What it checks |');
    assert.deepEqual(rows.map((r) => linkedId(r[0])), allRules.map((r) => r.id));
    rows.forEach((row, i) => {
      const rule = allRules[i];
      assert.equal(row[0], `[${rule.id}](docs/rules/${rule.id}.md)`);
      assert.deepEqual(row.slice(1, 4), [rule.family, rule.defaultSeverity, rule.fixable ? 'yes' : '']);
      assert.equal(row[4].replace(/\\\|/g, '|'), rule.description, `${rule.id}: description differs; run npm run docs:rules`);
    });
  });

  it('the rule index lists every registered rule once, under its family', () => {
    const index = readFileSync(join(RULES_DIR, 'README.md'), 'utf8');
    const section = between(index, '<!-- rules-index:start -->', '<!-- rules-index:end -->');
    const families = [...new Set(allRules.map((r) => r.family))];
    const listed: string[] = [];
    for (const family of families) {
      const part = section.slice(section.indexOf(`### ${family}\n`));
      const ids = tableAfter(part, '| Rule | Default | Fix | What it checks |').map((r) => linkedId(r[0]));
      assert.deepEqual(ids, allRules.filter((r) => r.family === family).map((r) => r.id), `family ${family}`);
      listed.push(...ids);
    }
    assert.equal(listed.length, allRules.length);
  });
});
