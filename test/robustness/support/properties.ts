// The robustness properties, shared by the mocha suite (few cases, fixed seed) and `npm run fuzz`
// (many cases, any seed). Each property names what must hold for every input it is given.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import fc from 'fast-check';
import type { Diagnostic } from 'vscode-languageserver-types';
import { runCheck, type OutputFormat } from '../../../server/src/cli/check';
import { applyFixes } from '../../../server/src/engine/applyFixes';
import { checkText, DocumentChecker, type CheckResult } from '../../../server/src/engine/check';
import { defaultConfig } from '../../../server/src/engine/config';
import type { DiagnosticData, Fix } from '../../../server/src/engine/types';
import { pathToUri } from '../../../server/src/engine/uris';
import { loadWorkspace } from '../../../server/src/host/workspaceLoader';
import type { IndexSnapshot } from '../../../server/src/index/snapshot';
import { WorkspaceIndex } from '../../../server/src/index/workspaceIndex';
import { filesUnder, loadTree } from '../../helpers/fixtureFiles';
import { anyDoc, applyMutations, mutatedSource, mutation, withShape } from './arbitraries';
import { LineIndex } from '../../../server/src/engine/lineIndex';
import {
  assertFactsInside,
  assertFixesLocal,
  assertJsonSafe,
  assertNoRuleErrors,
  assertRangesInside,
  rangeProblem,
  snapshotFacts,
} from './invariants';
import { EXAMPLE, SOURCE_SEEDS, trueDocText, WORDS, WORKSPACE, WORKSPACE_DOC } from './seeds';

export interface FuzzContext {
  /** The robustness fixture workspace, indexed from disk as the CLI does. */
  root: string;
  files: ReadonlyMap<string, string>;
  snapshot: IndexSnapshot;
  example: { root: string; snapshot: IndexSnapshot; doc: string; docPath: string };
}

export async function readTree(root: string): Promise<Map<string, string>> {
  return new Map(Object.entries(loadTree(root)));
}

async function indexFromDisk(root: string): Promise<IndexSnapshot> {
  const index = await WorkspaceIndex.create();
  await loadWorkspace(root, index);
  return index.snapshot();
}

export async function createContext(): Promise<FuzzContext> {
  const exampleDocPath = 'docs/platform-development-guide/services/runtime-services.md';
  return {
    root: WORKSPACE,
    files: await readTree(WORKSPACE),
    snapshot: await indexFromDisk(WORKSPACE),
    example: { root: EXAMPLE, snapshot: await indexFromDisk(EXAMPLE), doc: readFileSync(join(EXAMPLE, exampleDocPath), 'utf8'), docPath: exampleDocPath },
  };
}

const DOC_URI = pathToUri(WORKSPACE, WORKSPACE_DOC);

function check(ctx: FuzzContext, text: string, snapshot = ctx.snapshot): CheckResult {
  return checkText(DOC_URI, text, snapshot, defaultConfig(), { root: ctx.root });
}

/** A result's data, without the stack traces of rule errors, which name the caller's line. */
function comparable(r: CheckResult): unknown {
  const { model: _model, ...data } = r;
  return { ...data, ruleErrors: r.ruleErrors.map((e) => ({ ruleId: e.ruleId, message: e.message.split('\n')[0] })) };
}

/** Everything that must hold for any checked text, all at once. */
function assertSound(text: string, result: CheckResult, snapshot: IndexSnapshot): void {
  assertNoRuleErrors(result);
  assertRangesInside(text, result.diagnostics, snapshot);
  assertJsonSafe(result.diagnostics);
}

async function indexOf(files: Iterable<[string, string]>): Promise<WorkspaceIndex> {
  const index = await WorkspaceIndex.create();
  for (const [p, t] of files) index.applyChange(p, t);
  return index;
}

// ------------------------------------------------------------------ synthetic fixes

const position = fc.record({ line: fc.integer({ min: 0, max: 12 }), character: fc.integer({ min: 0, max: 40 }) });
const editRange = fc.tuple(position, position).map(([a, b]) => (a.line < b.line || (a.line === b.line && a.character <= b.character) ? { start: a, end: b } : { start: b, end: a }));
const syntheticDiagnostics: fc.Arbitrary<Diagnostic[]> = fc
  .array(fc.record({ range: editRange, newText: fc.string({ maxLength: 6 }), preferred: fc.boolean(), extra: fc.option(fc.tuple(editRange, fc.string({ maxLength: 3 }))) }), { maxLength: 8 })
  .map((specs) =>
    specs.map((s, i): Diagnostic => {
      // Edits of one fix never overlap (LSP requires it of a WorkspaceEdit); only fixes may collide.
      const extraFits = s.extra && (s.extra[0].start.line > s.range.end.line || (s.extra[0].start.line === s.range.end.line && s.extra[0].start.character >= s.range.end.character));
      const edits = [{ range: s.range, newText: s.newText }, ...(s.extra && extraFits ? [{ range: s.extra[0], newText: s.extra[1] }] : [])];
      const fix: Fix = { title: `fix ${i}`, edits, isPreferred: s.preferred };
      const data: DiagnosticData = { ruleId: 'synthetic', fixes: [fix], sources: [] };
      return { range: s.range, message: `finding ${i}`, data };
    }),
  );

// ------------------------------------------------------------------ file order

const orderCase = fc.tuple(fc.array(mutatedSource, { maxLength: 2 }), fc.nat());

/** The workspace plus every seed source, indexed in path order and in a rotated, reversed order. */
async function indexedBothWays(ctx: FuzzContext, changes: { path: string; text: string }[], rot: number): Promise<{ a: IndexSnapshot; b: IndexSnapshot }> {
  const files = new Map(ctx.files);
  for (const s of SOURCE_SEEDS) if (!files.has(s.path)) files.set(s.path, s.text);
  for (const c of changes) files.set(c.path, c.text);
  const entries = [...files].sort(([x], [y]) => (x < y ? -1 : 1));
  const shuffled = [...entries.slice(rot % entries.length), ...entries.slice(0, rot % entries.length)].reverse();
  return { a: (await indexOf(entries)).snapshot(), b: (await indexOf(shuffled)).snapshot() };
}

// ------------------------------------------------------------------ the properties

export interface RobustnessProperty {
  name: string;
  /** Cases the mocha suite runs; `npm run fuzz` scales them. */
  runs: number;
  /** Relative cost of one case, so the fuzzer can share its budget out. */
  weight: number;
  /** Set while the property fails on a bug not yet fixed: what the bug is. */
  knownBug?: string;
  property(ctx: FuzzContext): fc.IAsyncPropertyWithHooks<never> | fc.IPropertyWithHooks<never>;
}

type AnyProperty = fc.IAsyncPropertyWithHooks<never> | fc.IPropertyWithHooks<never>;
const erase = <T>(p: fc.IPropertyWithHooks<[T]> | fc.IAsyncPropertyWithHooks<[T]>) => p as unknown as AnyProperty;

export const PROPERTIES: RobustnessProperty[] = [
  {
    name: 'check: no exception escapes and no rule throws',
    runs: 100,
    weight: 1,
    property: (ctx) =>
      erase(
        fc.property(anyDoc, (text) => {
          assertNoRuleErrors(check(ctx, text));
        }),
      ),
  },
  {
    name: 'check: every diagnostic, fix and source range lies inside its text',
    runs: 100,
    weight: 1,
    property: (ctx) =>
      erase(
        fc.property(anyDoc, (text) => {
          const result = check(ctx, text);
          assertRangesInside(text, result.diagnostics, ctx.snapshot);
          assertJsonSafe(result.diagnostics);
        }),
      ),
  },
  {
    name: 'check: applying all fixes changes only the fixed ranges',
    runs: 80,
    weight: 2,
    property: (ctx) =>
      erase(
        fc.property(anyDoc, (text) => {
          const result = check(ctx, text);
          const fixed = assertFixesLocal(text, result.diagnostics);
          if (fixed !== text) assertSound(fixed, check(ctx, fixed), ctx.snapshot);
        }),
      ),
  },
  {
    name: 'check: checking twice gives identical output',
    runs: 60,
    weight: 2,
    property: (ctx) =>
      erase(
        fc.property(anyDoc, (text) => {
          assert.deepStrictEqual(comparable(check(ctx, text)), comparable(check(ctx, text)));
        }),
      ),
  },
  {
    name: 'check: a document re-checked edit by edit gives what a fresh check gives',
    runs: 25,
    weight: 10,
    property: (ctx) =>
      erase(
        fc.property(fc.tuple(fc.boolean(), fc.array(fc.array(mutation(), { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 6 })), ([onExample, steps]) => {
          // The editor keeps one checker per document and re-checks only the sections an edit touched.
          const w = onExample ? { ...ctx.example, uri: pathToUri(ctx.example.root, ctx.example.docPath) } : { root: ctx.root, snapshot: ctx.snapshot, doc: trueDocText(), uri: DOC_URI };
          const checker = new DocumentChecker(w.uri);
          let text = w.doc;
          for (const step of [[], ...steps]) {
            text = applyMutations(text, step);
            const options = { root: w.root };
            assert.deepStrictEqual(comparable(checker.check(text, w.snapshot, defaultConfig(), options)), comparable(checkText(w.uri, text, w.snapshot, defaultConfig(), options)));
          }
        }),
      ),
  },
  {
    name: 'check: a document re-checked as sources change gives what a fresh check gives',
    runs: 20,
    weight: 6,
    property: (ctx) =>
      erase(
        fc.asyncProperty(fc.array(fc.array(mutatedSource, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 3 }), async (rounds) => {
          // The server keeps a document's results across snapshots for rules that read nothing that changed.
          const index = await indexOf(ctx.files);
          const doc = trueDocText();
          const checker = new DocumentChecker(DOC_URI);
          const options = { root: ctx.root };
          checker.check(doc, index.snapshot(), defaultConfig(), options);
          const touched = new Set<string>();
          for (const changes of [...rounds, []]) {
            for (const c of changes) {
              index.applyChange(c.path, c.text);
              touched.add(c.path);
            }
            // The last round puts every file back as it was.
            if (!changes.length) for (const p of touched) index.applyChange(p, ctx.files.get(p) ?? null);
            const snapshot = index.snapshot();
            assert.deepStrictEqual(comparable(checker.check(doc, snapshot, defaultConfig(), options)), comparable(checkText(DOC_URI, doc, snapshot, defaultConfig(), options)));
          }
        }),
      ),
  },
  {
    name: 'check: the example platform doc, mutated, stays sound',
    runs: 10,
    weight: 8,
    property: (ctx) =>
      erase(
        fc.property(fc.tuple(fc.array(mutation(), { minLength: 1, maxLength: 10 }), fc.boolean(), fc.boolean()), ([ms, crlf, bom]) => {
          const text = withShape(applyMutations(ctx.example.doc, ms), { crlf, bom, trailingNewline: true });
          const result = checkText(pathToUri(ctx.example.root, ctx.example.docPath), text, ctx.example.snapshot, defaultConfig(), { root: ctx.example.root });
          assertSound(text, result, ctx.example.snapshot);
          assertFixesLocal(text, result.diagnostics);
        }),
      ),
  },
  {
    name: 'check: a doc of claims copied from the code stays clean',
    runs: 30,
    weight: 1,
    property: (ctx) =>
      erase(
        fc.property(
          fc.tuple(fc.boolean(), fc.boolean(), fc.boolean(), fc.array(fc.array(fc.constantFrom(...WORDS.filter((w) => /^[a-z]+$/.test(w))), { minLength: 3, maxLength: 12 }), { maxLength: 3 })),
          ([crlf, bom, trailingNewline, prose]) => {
            const text = withShape(trueDocText() + prose.map((p) => `\n${p.join(' ')}.\n`).join(''), { crlf, bom, trailingNewline });
            const result = check(ctx, text);
            assertSound(text, result, ctx.snapshot);
            // The doc judges versions, env defaults, subjects, queue groups, container settings and a proto service.
            if (result.claimsChecked < 20) throw new Error(`only ${result.claimsChecked} claims of the true doc were judged; the property would pass vacuously`);
            const drift = result.diagnostics.filter((d) => (d.severity ?? 1) <= 2);
            if (drift.length) throw new Error(`a true doc got ${drift.length} error/warning diagnostic(s): ${drift.map((d) => `${d.code} line ${d.range.start.line + 1}: ${d.message}`).join('; ')}`);
          },
        ),
      ),
  },
  {
    name: 'index: mutated sources never break the index or the check',
    runs: 40,
    weight: 3,
    property: (ctx) =>
      erase(
        fc.asyncProperty(fc.array(mutatedSource, { minLength: 1, maxLength: 3 }), async (changes) => {
          const index = await indexOf(ctx.files);
          for (const c of changes) index.applyChange(c.path, c.text);
          const snapshot = index.snapshot();
          assertFactsInside(snapshot);
          const texts = new Map(ctx.files);
          for (const c of changes) texts.set(c.path, c.text);
          for (const p of snapshot.problems) {
            if (p.line === undefined) continue;
            const text = texts.get(p.path);
            if (text !== undefined && (p.line < 1 || p.line > text.split('\n').length + 1)) throw new Error(`problem ${p.path}:${p.line} names a line the file does not have (${p.message})`);
          }
          const doc = trueDocText();
          assertSound(doc, check(ctx, doc, snapshot), snapshot);
        }),
      ),
  },
  {
    name: 'index: restoring a file restores every fact',
    runs: 30,
    weight: 3,
    property: (ctx) =>
      erase(
        fc.asyncProperty(fc.array(mutatedSource, { minLength: 1, maxLength: 3 }), async (changes) => {
          const index = await indexOf(ctx.files);
          const before = snapshotFacts(index.snapshot());
          for (const c of changes) index.applyChange(c.path, c.text);
          index.snapshot();
          for (const c of changes) index.applyChange(c.path, ctx.files.get(c.path) ?? null);
          assert.deepStrictEqual(snapshotFacts(index.snapshot()), before);
        }),
      ),
  },
  {
    name: 'index: the order files arrive in does not change the output at all',
    runs: 20,
    weight: 3,
    property: (ctx) =>
      erase(
        fc.asyncProperty(orderCase, async ([changes, rot]) => {
          const { a, b } = await indexedBothWays(ctx, changes, rot);
          assert.deepStrictEqual(snapshotFacts(b), snapshotFacts(a));
          const doc = trueDocText();
          assert.deepStrictEqual(check(ctx, doc, b).diagnostics, check(ctx, doc, a).diagnostics);
        }),
      ),
  },
  {
    name: 'lineIndex: every offset maps to a position inside its line, and back',
    runs: 150,
    weight: 0.1,
    property: () =>
      erase(
        fc.property(fc.tuple(fc.string({ maxLength: 60, unit: fc.constantFrom('a', 'é', '😀', '\uD800', '\r', '\n', '\r\n', ' ') }), fc.nat()), ([text, n]) => {
          const lines = new LineIndex(text);
          const o = n % (text.length + 1);
          const pos = lines.positionAt(o);
          const problem = rangeProblem(lines, { start: pos, end: pos });
          if (problem) throw new Error(`offset ${o} → ${pos.line}:${pos.character}: ${problem}`);
          const midCrlf = o > 0 && text[o - 1] === '\r' && text[o] === '\n';
          assert.equal(lines.offsetAt(pos), midCrlf ? o - 1 : o);
        }),
      ),
  },
  {
    name: 'applyFixes: only the fixed ranges change, overlapping fixes are dropped',
    runs: 200,
    weight: 0.2,
    property: () =>
      erase(
        fc.property(fc.tuple(fc.array(fc.string({ maxLength: 30 }), { minLength: 1, maxLength: 10 }), fc.boolean(), syntheticDiagnostics), ([lines, crlf, diagnostics]) => {
          const text = lines.join(crlf ? '\r\n' : '\n');
          assertFixesLocal(text, diagnostics);
          assert.deepStrictEqual(applyFixes(text, diagnostics), applyFixes(text, diagnostics));
        }),
      ),
  },
  {
    name: 'cli: exit 0 or 1, parseable output, --fix writes only the checked doc',
    runs: 8,
    weight: 20,
    property: (ctx) =>
      erase(
        fc.asyncProperty(fc.tuple(anyDoc, fc.constantFrom<OutputFormat>('text', 'json', 'sarif'), fc.boolean()), async ([doc, format, fix]) => {
          const dir = mkdtempSync(join(tmpdir(), 'doc-truth-fuzz-'));
          try {
            cpSync(ctx.root, dir, { recursive: true });
            writeFileSync(join(dir, WORKSPACE_DOC), doc);
            const before = hashTree(dir);
            let out = '';
            let err = '';
            const code = await runCheck({ root: dir, documents: [], format, fix, out: (s) => (out += s), err: (s) => (err += s) });
            if (code !== 0 && code !== 1) throw new Error(`exit ${code}; stderr: ${err}`);
            if (format === 'json') JSON.parse(out);
            if (format === 'sarif') assert.equal(JSON.parse(out).version, '2.1.0');
            const after = hashTree(dir);
            for (const [p, h] of before) if (p !== WORKSPACE_DOC) assert.equal(after.get(p), h, `${p} changed`);
            assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort(), 'files appeared or vanished');
            if (!fix) assert.equal(after.get(WORKSPACE_DOC), before.get(WORKSPACE_DOC), 'the doc changed without --fix');
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        }),
      ),
  },
];

export function hashTree(root: string): Map<string, string> {
  return new Map(filesUnder(root).map((abs) => [relative(root, abs).split(sep).join('/'), `${createHash('sha256').update(readFileSync(abs)).digest('hex')}@${statSync(abs).mtimeMs}`]));
}

// ------------------------------------------------------------------ running

export interface PropertyOutcome {
  name: string;
  runs: number;
  failures: { seed: number; counterexample: string; error: string }[];
}

/** Runs one property; on failure fast-check shrinks and the outcome carries the smallest case. */
export async function runProperty(prop: RobustnessProperty, ctx: FuzzContext, seed: number, numRuns: number, shrinkBudgetMs = 60_000): Promise<PropertyOutcome> {
  // Shrinking a slow case can take minutes; past the limit fast-check reports the smallest case so far.
  const details = await fc.check(prop.property(ctx), { seed, numRuns, endOnFailure: false, interruptAfterTimeLimit: shrinkBudgetMs, markInterruptAsFailure: false });
  const outcome: PropertyOutcome = { name: prop.name, runs: details.numRuns, failures: [] };
  if (details.failed) {
    outcome.failures.push({
      seed,
      counterexample: fc.stringify(details.counterexample).slice(0, 4000),
      error: String((details.errorInstance as Error | undefined)?.stack ?? details.errorInstance).slice(0, 4000),
    });
  }
  return outcome;
}
