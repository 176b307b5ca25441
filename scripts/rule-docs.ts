// Regenerates the rule tables of README.md and docs/rules/README.md from the rule registry, so the
// catalogue a reader sees is the one the engine runs. `--check` rewrites nothing and exits 1 when
// either file is out of date (for CI). Run with `npm run docs:rules [-- --check]`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules } from '../server/src/rules/registry';
import type { Rule } from '../server/src/rules/rule';

const ROOT = join(__dirname, '..');

interface Target {
  path: string;
  start: string;
  end: string;
  render(rules: readonly Rule[]): string;
}

const TARGETS: Target[] = [
  { path: 'README.md', start: '<!-- rules-table:start -->', end: '<!-- rules-table:end -->', render: readmeTable },
  { path: 'docs/rules/README.md', start: '<!-- rules-index:start -->', end: '<!-- rules-index:end -->', render: familyTables },
];

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function readmeTable(rules: readonly Rule[]): string {
  const rows = rules.map((r) => `| [${r.id}](docs/rules/${r.id}.md) | ${r.family} | ${r.defaultSeverity} | ${r.fixable ? 'yes' : ''} | ${cell(r.description)} |`);
  return ['| Rule | Family | Default | Fix | What it checks |', '|---|---|---|---|---|', ...rows].join('\n');
}

function familyTables(rules: readonly Rule[]): string {
  const families = [...new Set(rules.map((r) => r.family))];
  return families
    .map((family) => {
      const rows = rules.filter((r) => r.family === family).map((r) => `| [${r.id}](${r.id}.md) | ${r.defaultSeverity} | ${r.fixable ? 'yes' : ''} | ${cell(r.description)} |`);
      return [`### ${family}`, '', '| Rule | Default | Fix | What it checks |', '|---|---|---|---|', ...rows].join('\n');
    })
    .join('\n\n');
}

/** The text with what lies between the markers replaced; undefined when the markers are missing. */
function withSection(text: string, target: Target, content: string): string | undefined {
  const from = text.indexOf(target.start);
  const to = text.indexOf(target.end, from + target.start.length);
  if (from < 0 || to < 0) return undefined;
  return `${text.slice(0, from + target.start.length)}\n${content}\n${text.slice(to)}`;
}

function main(): number {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const target of TARGETS) {
    const file = join(ROOT, target.path);
    const text = readFileSync(file, 'utf8');
    const next = withSection(text, target, target.render(allRules));
    if (next === undefined) {
      process.stderr.write(`${target.path}: markers ${target.start} … ${target.end} not found\n`);
      return 2;
    }
    if (next === text) continue;
    stale++;
    if (check) process.stderr.write(`${target.path}: rule table is out of date; run npm run docs:rules\n`);
    else {
      writeFileSync(file, next);
      process.stdout.write(`${target.path}: rule table updated\n`);
    }
  }
  return check && stale ? 1 : 0;
}

process.exitCode = main();
