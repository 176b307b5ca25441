import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadWorkspace } from '../../server/src/host/workspaceLoader';
import type { IndexSnapshot, ServiceInfo } from '../../server/src/index/snapshot';
import { serviceKey } from '../../server/src/index/services';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { inServiceScope, servicesNamedIn } from '../../server/src/markdown/claims';
import { DocModel, type Section } from '../../server/src/markdown/docModel';

// The claim helpers answer per claim, so they are written for speed (binary search, per-snapshot
// caches); these tests hold them to the plain definitions they replace, on real documents and a
// real workspace.

const ROOT = join(__dirname, '..', '..', 'examples', 'platform');
const GUIDE = join(ROOT, 'docs', 'platform-development-guide', 'services', 'runtime-services.md');

function plainHeadingsAt(doc: DocModel, offset: number): Section[] {
  return doc.sections.filter((s) => s.start <= offset && offset < s.end).sort((a, b) => b.depth - a.depth);
}

function plainServicesNamedIn(text: string, index: IndexSnapshot): ServiceInfo[] {
  const words = text
    .replace(/[`*_]/g, ' ')
    .split(/[^A-Za-z0-9-]+/)
    .map((w) => w.toLowerCase())
    .filter(Boolean);
  const found = new Map<string, ServiceInfo>();
  for (let i = 0; i < words.length; i++) {
    for (let j = i + 1; j <= Math.min(words.length, i + 4); j++) {
      const s = index.serviceByKey(serviceKey(words.slice(i, j).join('')));
      if (s && !found.has(s.key)) found.set(s.key, s);
    }
  }
  return [...found.values()];
}

function plainBelongsTo(fact: { loc: { path: string }; command?: string }, service: string): boolean {
  const key = serviceKey(service);
  if (!key) return false;
  if (fact.command && serviceKey(fact.command) === key) return true;
  return fact.loc.path.split('/').slice(0, -1).some((seg) => serviceKey(seg) === key);
}

const NESTED = [
  'intro before any heading\n\n# One\n\na\n\n### Three under one\n\nb\n\n## Two\n\nc\n\n#### Four\n\nd\n\n## Two again\n\ne\n\n# One again\n\nf\n',
  '## starts at two\n\n> # quoted one\n>\n> text\n\n- item\n\n  ## heading in a list item\n\n  more\n\n### three\n',
];

describe('claim helpers', () => {
  let index: IndexSnapshot;
  before(async () => {
    const wi = await WorkspaceIndex.create();
    await loadWorkspace(ROOT, wi);
    index = wi.snapshot();
  });

  it('headingsAt gives, for every offset, the headings whose sections hold it, innermost first', () => {
    for (const text of [...NESTED, readFileSync(GUIDE, 'utf8'), readFileSync('README.md', 'utf8')]) {
      const doc = new DocModel('file:///d.md', text);
      assert.ok(doc.sections.length > 1);
      for (let offset = -1; offset <= text.length + 1; offset++) assert.deepEqual(doc.headingsAt(offset), plainHeadingsAt(doc, offset), `offset ${offset}`);
    }
  });

  it('servicesNamedIn names the same services as reading every run of up to four words', () => {
    const doc = new DocModel('file:///d.md', readFileSync(GUIDE, 'utf8'));
    const texts = [...doc.sections.map((s) => s.title), ...doc.blocks.map((b) => b.text), 'Bot-Runner and the `bot_scheduler`', 'market data', 'backtest runner backtest-runner', '', '---'];
    assert.ok(index.services.length > 2);
    let named = 0;
    for (const text of texts) {
      const got = servicesNamedIn(text, index);
      assert.deepEqual(got, plainServicesNamedIn(text, index), text);
      // Asked again (now from the cache), the answer is the same and the caller may change it.
      got.push(index.services[0]);
      assert.deepEqual(servicesNamedIn(text, index), plainServicesNamedIn(text, index), text);
      named += got.length - 1;
    }
    assert.ok(named > 10, 'the guide names services');
  });

  it('belongsTo and the shared facts of a service scope follow the folders and subcommand of each fact', () => {
    const facts = [...index.env, ...index.nats, ...index.container, ...index.data];
    assert.ok(facts.length > 20);
    const probes = [...facts, { loc: { path: 'services/bot-runner/x.go' }, command: 'market-data' }, { loc: { path: 'x.go' }, command: '' }];
    for (const s of index.services) {
      for (const f of probes) assert.equal(index.belongsTo(f, s.name), plainBelongsTo(f, s.name), `${f.loc.path} / ${s.name}`);
      const own = facts.filter((f) => plainBelongsTo(f, s.name));
      const shared = facts.filter((f) => !index.services.some((x) => plainBelongsTo(f, x.name)));
      assert.deepEqual(inServiceScope(facts, index, s), [...own, ...shared]);
    }
    for (const f of probes) assert.equal(index.belongsToAnyService(f), index.services.some((x) => plainBelongsTo(f, x.name)), f.loc.path);
  });
});
