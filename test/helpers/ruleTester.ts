// Table-driven rule tests in the manner of ESLint's RuleTester: source files and a Markdown doc go
// in; the diagnostics (code, 1-based line, message fragment) and the text after the preferred
// fixes come out. A fixed text must check clean again (but for findings no fix could settle), so a fix never
// leaves its own finding behind.
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { checkText, DocumentChecker, type CheckResult } from '../../server/src/engine/check';
import type { IndexSnapshot } from '../../server/src/index/snapshot';
import { defaultConfig, type ResolvedConfig } from '../../server/src/engine/config';
import { applyFixes } from '../../server/src/engine/applyFixes';
import type { Rule } from '../../server/src/rules/rule';
import type { DiagnosticData } from '../../server/src/engine/types';

export const TEST_ROOT = '/workspace';
export const DOC_URI = 'file:///workspace/docs/runtime-services.md';

export interface ExpectedDiagnostic {
  code: string;
  /** 1-based, as an editor shows it. */
  line: number;
  /** A fragment the message must contain. */
  message?: string;
  severity?: 'error' | 'warning' | 'info' | 'hint';
}

export interface RuleCase {
  name: string;
  /** Workspace files, relative path → text. */
  files: Record<string, string>;
  doc: string;
  /** Empty for a valid case: the rule must stay silent. */
  expect: ExpectedDiagnostic[];
  /** Text after applying every preferred fix; omit when the case offers none to apply. */
  output?: string;
  /** Minimum number of claims the rules must count as checked. */
  claims?: number;
  config?: ResolvedConfig;
  only?: boolean;
}

const SEVERITY_NAMES = ['', 'error', 'warning', 'info', 'hint'] as const;

export async function indexOf(files: Record<string, string>): Promise<WorkspaceIndex> {
  const index = await WorkspaceIndex.create();
  for (const [path, text] of Object.entries(files)) index.applyChange(path, text);
  return index;
}

export async function checkWith(rules: readonly Rule[], files: Record<string, string>, doc: string, config: ResolvedConfig = defaultConfig()): Promise<CheckResult> {
  const index = await indexOf(files);
  const snapshot = index.snapshot();
  const result = checkText(DOC_URI, doc, snapshot, config, { root: TEST_ROOT, rules });
  assertSameWhenEdited(rules, doc, snapshot, config, result);
  return result;
}

/**
 * The editor re-checks only the sections an edit touched. For each heading, a line typed just
 * above it (the section before changes, the ones after move down) and taken out again must leave
 * the checker where a fresh check of the text is.
 */
function assertSameWhenEdited(rules: readonly Rule[], doc: string, snapshot: IndexSnapshot, config: ResolvedConfig, fresh: CheckResult): void {
  const lines = doc.split('\n');
  const headings = lines.flatMap((l, i) => (i > 0 && /^#{1,6}\s/.test(l) ? [i] : [])).slice(0, 4);
  if (!headings.length) return;
  const checker = new DocumentChecker(DOC_URI);
  const options = { root: TEST_ROOT, rules };
  checker.check(doc, snapshot, config, options);
  for (const h of headings) {
    checker.check([...lines.slice(0, h), 'x', ...lines.slice(h)].join('\n'), snapshot, config, options);
    const again = checker.check(doc, snapshot, config, options);
    const data = ({ model: _model, ...rest }: CheckResult) => rest;
    assert.deepStrictEqual(data(again), data(fresh), `re-checked after an edit above line ${h + 1}, the result differs from a fresh check`);
  }
}

function describeDiagnostics(ds: readonly Diagnostic[]): string {
  return ds.map((d) => `  ${d.code} line ${d.range.start.line + 1}: ${d.message}`).join('\n') || '  (none)';
}

export function runRuleCases(rule: Rule | readonly Rule[], cases: readonly RuleCase[]): void {
  const rules = Array.isArray(rule) ? (rule as readonly Rule[]) : [rule as Rule];
  for (const c of cases) {
    const define = c.only ? it.only : it;
    define(c.name, async () => {
      const result = await checkWith(rules, c.files, c.doc, c.config);
      assert.deepEqual(result.ruleErrors, [], 'a rule threw');
      const got = result.diagnostics;
      const context = `\nGot:\n${describeDiagnostics(got)}`;
      assert.equal(got.length, c.expect.length, `expected ${c.expect.length} diagnostic(s)${context}`);
      const unmatched = [...got];
      for (const e of c.expect) {
        const at = unmatched.findIndex(
          (d) =>
            d.code === e.code &&
            d.range.start.line + 1 === e.line &&
            (e.message === undefined || d.message.includes(e.message)) &&
            (e.severity === undefined || SEVERITY_NAMES[d.severity ?? 1] === e.severity),
        );
        assert.ok(at >= 0, `no ${e.code} on line ${e.line}${e.message ? ` containing "${e.message}"` : ''}${e.severity ? ` (${e.severity})` : ''}${context}`);
        unmatched.splice(at, 1);
      }
      if (c.claims !== undefined) assert.ok(result.claimsChecked >= c.claims, `expected at least ${c.claims} claims checked, got ${result.claimsChecked}`);
      if (c.output !== undefined) {
        const fixed = applyFixes(c.doc, got).text;
        assert.equal(fixed, c.output);
        // What had a preferred fix must be gone; findings no fix could settle may stay.
        const unfixable = got.filter((d) => !(d.data as DiagnosticData | undefined)?.fixes?.some((f) => f.isPreferred));
        const again = await checkWith(rules, c.files, fixed, c.config);
        const key = (d: Diagnostic): string => `${d.code}: ${d.message}`;
        assert.deepEqual(again.diagnostics.map(key).sort(), unfixable.map(key).sort(), `the fixed text does not check clean:\n${describeDiagnostics(again.diagnostics)}`);
      }
    });
  }
}
