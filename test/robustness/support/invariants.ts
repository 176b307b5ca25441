// What must hold for any input, whatever the rules think of it: ranges inside the text they point
// into, fixes that touch only their own ranges, JSON-safe payloads. Each check throws an Error that
// says exactly which diagnostic broke what, so a shrunk counterexample reads as a bug report.
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { applyFixes } from '../../../server/src/engine/applyFixes';
import type { CheckResult } from '../../../server/src/engine/check';
import { LineIndex } from '../../../server/src/engine/lineIndex';
import type { DiagnosticData, SourceLocation } from '../../../server/src/engine/types';
import type { IndexSnapshot } from '../../../server/src/index/snapshot';

export class InvariantError extends Error {}

function fail(message: string): never {
  throw new InvariantError(message);
}

function show(r: Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** A range is inside a text when both ends name a real line and a character within it. */
export function rangeProblem(lines: LineIndex, r: Range): string | undefined {
  for (const [name, p] of [['start', r.start], ['end', r.end]] as const) {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character)) return `${name} is not an integer position`;
    if (p.line < 0 || p.line >= lines.lineCount) return `${name} line ${p.line} is outside 0..${lines.lineCount - 1}`;
    const len = lines.lineText(p.line).length;
    if (p.character < 0 || p.character > len) return `${name} character ${p.character} is outside 0..${len} on line ${p.line}`;
  }
  if (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character)) return 'start is after end';
  return undefined;
}

export function assertNoRuleErrors(result: CheckResult): void {
  if (result.ruleErrors.length) fail(`rule(s) threw: ${result.ruleErrors.map((e) => `${e.ruleId}: ${e.message}`).join('\n')}`);
}

/** Every diagnostic, fix edit and related location lies inside the text it points into. */
export function assertRangesInside(text: string, diagnostics: readonly Diagnostic[], snapshot?: IndexSnapshot): void {
  const lines = new LineIndex(text);
  for (const d of diagnostics) {
    const where = `${d.code} ${show(d.range)} "${d.message}"`;
    const p = rangeProblem(lines, d.range);
    if (p) fail(`diagnostic ${where}: ${p}`);
    if (typeof d.message !== 'string' || d.message.trim() === '') fail(`diagnostic ${where}: empty message`);
    const data = d.data as DiagnosticData | undefined;
    for (const fix of data?.fixes ?? []) {
      for (const e of fix.edits) {
        const ep = rangeProblem(lines, e.range);
        if (ep) fail(`fix "${fix.title}" of ${where}: edit ${show(e.range)}: ${ep}`);
      }
      // LSP clients reject a WorkspaceEdit whose edits overlap.
      const spans = fix.edits.map((e) => [lines.offsetAt(e.range.start), lines.offsetAt(e.range.end)]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      for (let i = 1; i < spans.length; i++) if (spans[i][0] < spans[i - 1][1]) fail(`fix "${fix.title}" of ${where}: its edits overlap`);
    }
    if (snapshot) for (const loc of data?.sources ?? []) assertLocationInside(snapshot, loc, `source of ${where}`);
  }
}

/** A source location names an indexed file (or at least a path the index saw) and lies inside it. */
export function assertLocationInside(snapshot: IndexSnapshot, loc: SourceLocation, what: string): void {
  const text = snapshot.sourceText(loc.path);
  if (text === undefined) {
    // Services and folders are located at their folder, written with or without a trailing slash.
    const path = loc.path.replace(/\/$/, '');
    if (path !== '' && !snapshot.filePaths.has(path) && !snapshot.dirPaths.has(path)) fail(`${what}: ${loc.path} is not a workspace path`);
    return;
  }
  const p = rangeProblem(new LineIndex(text), loc.range);
  if (p) fail(`${what}: ${loc.path} ${show(loc.range)}: ${p}`);
}

/** Diagnostics travel as JSON over LSP and in the CLI's output: they must survive the trip unchanged. */
export function assertJsonSafe(value: unknown, at = 'diagnostics'): void {
  const stack = new Set<object>();
  const walk = (v: unknown, where: string): void => {
    if (typeof v === 'number' && !Number.isFinite(v)) fail(`${where} is ${v}, which JSON turns into null`);
    if (typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint') fail(`${where} is a ${typeof v}`);
    if (v && typeof v === 'object') {
      if (stack.has(v)) fail(`${where} refers back to itself`);
      stack.add(v);
      for (const [k, x] of Object.entries(v)) walk(x, `${where}.${k}`);
      stack.delete(v);
    }
  };
  walk(value, at);
}

interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
  title: string;
}

/**
 * Applies all preferred fixes and checks the output against a reference built from the fixes
 * `applyFixes` says it applied: those must not overlap, and every byte outside them must survive.
 */
export function assertFixesLocal(text: string, diagnostics: readonly Diagnostic[]): string {
  const { text: out, applied } = applyFixes(text, diagnostics);
  const lines = new LineIndex(text);
  const byTitle = new Map<string, OffsetEdit[]>();
  for (const d of diagnostics) {
    const fix = (d.data as DiagnosticData | undefined)?.fixes?.find((f) => f.isPreferred);
    if (!fix || byTitle.has(fix.title)) continue;
    byTitle.set(
      fix.title,
      fix.edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText, title: fix.title })),
    );
  }
  // Titles are the only trace applyFixes leaves; when two fixes share one the reference is ambiguous.
  const titles = diagnostics.map((d) => (d.data as DiagnosticData | undefined)?.fixes?.find((f) => f.isPreferred)?.title).filter((t): t is string => t !== undefined);
  if (new Set(titles).size !== titles.length) {
    const all = diagnostics.flatMap((d) => {
      const fix = (d.data as DiagnosticData | undefined)?.fixes?.find((f) => f.isPreferred);
      return (fix?.edits ?? []).map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText, title: fix!.title }));
    });
    assertOutsidePreserved(text, out, all);
    return out;
  }
  const edits = applied.flatMap((t) => byTitle.get(t) ?? fail(`applyFixes reports "${t}", which no diagnostic offers`));
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < edits.length; i++) {
    const [a, b] = [edits[i - 1], edits[i]];
    if (b.start < a.end || (a.start === b.start && a.title !== b.title)) fail(`applied fixes "${a.title}" [${a.start},${a.end}) and "${b.title}" [${b.start},${b.end}) overlap`);
  }
  let expected = '';
  let at = 0;
  for (const e of edits) {
    expected += text.slice(at, e.start) + e.newText;
    at = Math.max(at, e.end);
  }
  expected += text.slice(at);
  if (out !== expected) fail(`applyFixes output differs from its own fixes applied to the text:\n${firstDifference(expected, out)}`);
  return out;
}

/** Weaker form for ambiguous titles: the unchanged stretches between all candidate edits keep their order. */
function assertOutsidePreserved(text: string, out: string, edits: OffsetEdit[]): void {
  const spans = [...edits].sort((a, b) => a.start - b.start);
  const kept: string[] = [];
  let at = 0;
  for (const e of spans) {
    if (e.start > at) kept.push(text.slice(at, e.start));
    at = Math.max(at, e.end);
  }
  kept.push(text.slice(at));
  let from = 0;
  for (const k of kept) {
    const i = out.indexOf(k, from);
    if (i < 0) fail(`text outside the fixes was changed: ${JSON.stringify(k.slice(0, 80))} is gone`);
    from = i + k.length;
  }
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return `at offset ${i}: expected ${JSON.stringify(a.slice(Math.max(0, i - 20), i + 40))}, got ${JSON.stringify(b.slice(Math.max(0, i - 20), i + 40))}`;
}

/** Everything a snapshot knows, as plain data, to compare two snapshots for equality. */
export function snapshotFacts(s: IndexSnapshot): unknown {
  const byPath = <T extends { path: string }>(xs: readonly T[]) => [...xs].sort((a, b) => a.path.localeCompare(b.path));
  return {
    modules: byPath(s.modules),
    goFiles: byPath(s.goFiles),
    protoFiles: byPath(s.protoFiles),
    dotenv: [...s.dotenv].sort((a, b) => a.loc.path.localeCompare(b.loc.path) || a.loc.range.start.line - b.loc.range.start.line),
    services: [...s.services].sort((a, b) => a.key.localeCompare(b.key) || a.kind.localeCompare(b.kind) || a.dir.localeCompare(b.dir)),
    problems: [...s.problems].sort((a, b) => a.path.localeCompare(b.path)),
    filePaths: [...s.filePaths].sort(),
    dirPaths: [...s.dirPaths].sort(),
  };
}

/** Every fact the snapshot holds points inside the file it came from. */
export function assertFactsInside(s: IndexSnapshot): void {
  const locs: [string, SourceLocation][] = [];
  for (const m of s.modules) {
    if (m.go) locs.push([`go directive of ${m.path}`, m.go.loc]);
    if (m.toolchain) locs.push([`toolchain of ${m.path}`, m.toolchain.loc]);
    for (const r of m.requires) locs.push([`require ${r.path}`, r.loc]);
    for (const r of m.replaces) locs.push([`replace ${r.from}`, r.loc]);
  }
  for (const f of s.protoFiles) {
    for (const sv of f.services) {
      locs.push([`service ${sv.fullName}`, sv.loc]);
      for (const r of sv.rpcs) locs.push([`rpc ${sv.fullName}.${r.name}`, r.loc]);
    }
    for (const m of f.messages) {
      locs.push([`message ${m.fullName}`, m.loc]);
      for (const fl of m.fields) locs.push([`field ${m.fullName}.${fl.name}`, fl.loc]);
    }
    for (const e of f.enums) {
      locs.push([`enum ${e.fullName}`, e.loc]);
      for (const v of e.values) locs.push([`enum value ${e.fullName}.${v.name}`, v.loc]);
    }
  }
  for (const d of s.dotenv) locs.push([`dotenv ${d.name}`, d.loc]);
  for (const e of s.env) locs.push([`env ${e.name}`, e.loc]);
  for (const n of s.nats) locs.push([`nats ${n.subject}`, n.loc]);
  for (const st of s.streams) locs.push([`stream ${st.name}`, st.loc]);
  for (const c of s.container) locs.push([`container ${c.setting}`, c.loc]);
  for (const d of s.data) locs.push([`data ${d.value}`, d.loc]);
  for (const d of s.decls) locs.push([`decl ${d.name}`, d.loc]);
  for (const sv of s.services) locs.push([`service ${sv.name}`, sv.loc]);
  for (const [what, loc] of locs) assertLocationInside(s, loc, what);
}
