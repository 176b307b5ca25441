// The example workspace's answer key (examples/platform/expected.json) says which lines of its guide
// are drifted, which are true and where the code says otherwise. End-to-end tests score the checker
// against it, so a key that no longer matches the files would score the wrong thing: these tests
// make every edit to the guide or the example code that moves a line fail loudly here instead.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import type { RuleFamily } from '../../server/src/engine/types';

const ROOT = join(__dirname, '..', '..', 'examples', 'platform');

interface DriftEntry {
  id: string;
  family: RuleFamily;
  line: number;
  anchor: string;
  truth: string;
  fixable: boolean;
  also_lines?: number[];
}

interface AnswerKey {
  document: string;
  drifts: DriftEntry[];
  true_claims: { line: number; anchor: string }[];
  neutral_lines: number[];
}

const FAMILIES: readonly RuleFamily[] = ['version', 'rpc', 'env', 'nats', 'security', 'snippet', 'path', 'service', 'data'];

const key = JSON.parse(readFileSync(join(ROOT, 'expected.json'), 'utf8')) as AnswerKey;

/** Lines of a workspace file, 1-based access through `[n - 1]`. */
function linesOf(relPath: string): string[] {
  return readFileSync(join(ROOT, relPath), 'utf8').split(/\r?\n/);
}

/** `services/x/main.go:41 \`code\`` → parts; the code may itself hold backticks (Go struct tags). */
function parseTruth(truth: string): { path: string; line: number; code: string } | undefined {
  const m = /^([^\s:]+):(\d+) `(.*)`$/.exec(truth);
  return m ? { path: m[1]!, line: Number(m[2]), code: m[3]! } : undefined;
}

describe('example workspace answer key', () => {
  const doc = linesOf(key.document);
  const onLine = (line: number): string => doc[line - 1] ?? '';

  it('names a document that exists in the example workspace', () => {
    assert.ok(existsSync(join(ROOT, key.document)), key.document);
    assert.ok(key.drifts.length > 0 && key.true_claims.length > 0);
  });

  it('gives every drift a unique id and a known rule family, and covers every family', () => {
    const ids = key.drifts.map((d) => d.id);
    assert.equal(new Set(ids).size, ids.length, 'duplicate drift ids');
    for (const d of key.drifts) assert.ok(FAMILIES.includes(d.family), `${d.id}: unknown family ${d.family}`);
    const covered = new Set(key.drifts.map((d) => d.family));
    assert.deepEqual(FAMILIES.filter((f) => !covered.has(f)), [], 'families without a planted drift');
  });

  for (const d of key.drifts) {
    it(`drift ${d.id}: anchor sits on line ${d.line} and its truth points at real code`, () => {
      assert.ok(d.line >= 1 && d.line <= doc.length, `line ${d.line} outside the document`);
      assert.ok(onLine(d.line).includes(d.anchor), `line ${d.line} is now: ${onLine(d.line)}`);
      for (const extra of d.also_lines ?? []) assert.ok(extra >= 1 && extra <= doc.length && extra !== d.line, `${d.id}: bad also_line ${extra}`);

      const truth = parseTruth(d.truth);
      assert.ok(truth, `${d.id}: truth must read "path:line \`code\`", got ${d.truth}`);
      const rel = normalize(truth.path);
      assert.ok(!rel.startsWith('..') && !rel.startsWith(sep), `${d.id}: truth path leaves the workspace`);
      assert.ok(existsSync(join(ROOT, rel)), `${d.id}: ${truth.path} does not exist`);
      const code = linesOf(rel);
      assert.ok(truth.line >= 1 && truth.line <= code.length, `${d.id}: ${truth.path} has no line ${truth.line}`);
      assert.ok(code[truth.line - 1]!.includes(truth.code), `${d.id}: ${truth.path}:${truth.line} is now: ${code[truth.line - 1]}`);
    });
  }

  it('anchors every true claim on its line', () => {
    const moved = key.true_claims.filter((t) => !onLine(t.line).includes(t.anchor));
    assert.deepEqual(moved.map((t) => `${t.line}: ${t.anchor}`), []);
  });

  it('never lists a line as both drifted and true, or as neutral and anything else', () => {
    const driftLines = new Set(key.drifts.flatMap((d) => [d.line, ...(d.also_lines ?? [])]));
    const trueLines = key.true_claims.map((t) => t.line);
    assert.equal(new Set(trueLines).size, trueLines.length, 'a true-claim line is listed twice');
    assert.deepEqual(trueLines.filter((l) => driftLines.has(l)), []);
    for (const n of key.neutral_lines) {
      assert.ok(n >= 1 && n <= doc.length, `neutral line ${n} outside the document`);
      assert.ok(!driftLines.has(n) && !trueLines.includes(n), `neutral line ${n} is also a claim`);
    }
  });

  it('keeps the code blocks the key calls true identical to the code they copy', () => {
    // The Heartbeat and HostConfigBuilder.Memory snippets are listed as true claims; if the code
    // changes under them the key must change too.
    const copies: { docAnchor: string; file: string }[] = [
      { docAnchor: 'func (b *Bus) Heartbeat(botID string, payload []byte) error {', file: 'services/bot-runner/internal/bus/bus.go' },
      { docAnchor: 'func (b *HostConfigBuilder) Memory(bytes int64) *HostConfigBuilder {', file: 'services/backtest-runner/internal/sandbox/builder.go' },
    ];
    for (const { docAnchor, file } of copies) {
      const start = doc.findIndex((l) => l === docAnchor);
      assert.ok(start >= 0, `snippet ${docAnchor} not in the document`);
      const end = doc.indexOf('```', start);
      const snippet = doc.slice(start, end).join('\n');
      assert.ok(readFileSync(join(ROOT, file), 'utf8').includes(snippet), `snippet from ${file} no longer matches the code`);
    }
  });
});
