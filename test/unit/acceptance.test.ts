// The bundled example is the product's own acceptance test: every drift its answer key plants is
// found with the right family, nothing else in the doc is called wrong, and --fix leaves only the
// drifts no fix can settle.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { runCheck } from '../../server/src/cli/check';

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'platform');

interface Key {
  document: string;
  drifts: { id: string; family: string; line: number; also_lines?: number[]; fixable: boolean }[];
  true_claims: { line: number }[];
  neutral_lines?: number[];
}

const key: Key = JSON.parse(readFileSync(join(EXAMPLE, 'expected.json'), 'utf8'));

async function checkJson(root: string, fix = false): Promise<{ code: number; diagnostics: Diagnostic[]; claimsChecked: number }> {
  let out = '';
  const code = await runCheck({ root, documents: [join(root, key.document)], format: 'json', fix, out: (s) => (out += s), err: () => undefined });
  const report = JSON.parse(out);
  return { code, diagnostics: report.files[0].diagnostics, claimsChecked: report.summary.claimsChecked };
}

/** 1-based lines a diagnostic covers (long ranges count on their first line only). */
function linesOf(d: Diagnostic): number[] {
  const endsAtLineStart = d.range.end.line > d.range.start.line && d.range.end.character === 0;
  const first = d.range.start.line + 1;
  const last = d.range.end.line + 1 - (endsAtLineStart ? 1 : 0);
  if (last - first > 5) return [first];
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

const serious = (d: Diagnostic) => d.severity === 1 || d.severity === 2;

/** 1-based lines of `before` that a line diff does not keep (a fix may add or remove lines). */
function changedLines(before: string[], after: string[]): number[] {
  const n = before.length;
  const m = after.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = before[i] === after[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const changed: number[] = [];
  for (let i = 0, j = 0; i < n; ) {
    if (j < m && before[i] === after[j]) {
      i++;
      j++;
    } else if (j < m && lcs[i][j + 1] >= lcs[i + 1][j]) j++;
    else changed.push(++i);
  }
  return changed;
}

describe('the example workspace against its answer key', function () {
  this.timeout(120000);
  let result: Awaited<ReturnType<typeof checkJson>>;

  before(async () => {
    result = await checkJson(EXAMPLE);
  });

  it('exits 1 because the doc has errors, and counts the claims it judged', () => {
    assert.equal(result.code, 1);
    assert.ok(result.claimsChecked >= key.true_claims.length, `only ${result.claimsChecked} claims checked`);
  });

  it('finds every planted drift with a diagnostic of its family', () => {
    const missed = key.drifts.filter((drift) => {
      const lines = [drift.line, ...(drift.also_lines ?? [])];
      const families = drift.family === 'path' || drift.family === 'service' ? ['path', 'service'] : [drift.family];
      return !result.diagnostics.some((d) => serious(d) && linesOf(d).some((l) => lines.includes(l)) && families.some((f) => String(d.code).startsWith(`${f}-`)));
    });
    assert.deepEqual(missed.map((m) => m.id), []);
  });

  it('calls nothing else wrong', () => {
    const allowed = new Set([...key.drifts.flatMap((d) => [d.line, ...(d.also_lines ?? [])]), ...(key.neutral_lines ?? [])]);
    const falsePositives = result.diagnostics.filter((d) => serious(d) && !linesOf(d).some((l) => allowed.has(l)));
    assert.deepEqual(falsePositives.map((d) => `${d.range.start.line + 1} ${d.code}: ${d.message}`), []);
  });

  it('--fix settles every fixable drift and touches nothing else', async () => {
    const work = mkdtempSync(join(tmpdir(), 'doc-truth-example-'));
    try {
      cpSync(EXAMPLE, work, { recursive: true });
      const before = readFileSync(join(work, key.document), 'utf8').split('\n');
      await checkJson(work, true);
      const after = readFileSync(join(work, key.document), 'utf8').split('\n');
      const again = await checkJson(work);
      const changed = changedLines(before, after);
      const driftLines = new Set(key.drifts.flatMap((d) => [d.line, ...(d.also_lines ?? [])]));
      assert.ok(changed.length > 0, 'nothing was fixed');
      assert.deepEqual(changed.filter((l) => !driftLines.has(l)), [], 'a fix changed a line that holds no drift');
      const fixableLeft = key.drifts.filter((d) => d.fixable).filter((d) => again.diagnostics.some((x) => serious(x) && linesOf(x).includes(d.line)));
      assert.deepEqual(fixableLeft.map((d) => d.id), []);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
