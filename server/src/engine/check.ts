// Runs every rule over one document against one index snapshot and turns findings into LSP
// Diagnostics. The CLI and the language server both go through `DocumentChecker`, so they never
// disagree: the CLI checks a text once, the server keeps one checker per open document and, on each
// edit, re-runs the rules over the sections whose text changed only (see SectionRule).
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { DocModel } from '../markdown/docModel';
import { documentContextKey } from '../markdown/documentContext';
import { MarkdownSectionCache, type ParsedSection } from '../markdown/sectionCache';
import type { Root } from 'mdast';
import type { IndexSnapshot } from '../index/snapshot';
import { allRules } from '../rules/registry';
import { isDocumentRule, ruleDocUrl, type CheckedClaim, type DocumentRule, type Rule, type RuleContext, type SectionRule } from '../rules/rule';
import type { ResolvedConfig } from './config';
import { suppressionsOf } from './suppressions';
import type { DiagnosticData, Finding, Range, RuleFamily, Severity } from './types';
import { recordingView, sameReads, type Reads } from './snapshotReads';
import { MentionIndex } from './mentions';
import { moveRange } from './ranges';
import { pathToUri } from './uris';

export const SOURCE = 'doc-truth';

export type JudgedClaim = CheckedClaim & { ruleId: string };

export interface CheckResult {
  diagnostics: Diagnostic[];
  claimsChecked: number;
  /** The judged claims rules located, with the code that decides each. */
  claims: JudgedClaim[];
  /** Rules that threw; the others still ran. */
  ruleErrors: { ruleId: string; message: string }[];
  /** The whole document, parsed (built on first use: an edit's check reads only what changed). */
  model(): DocModel;
}

export interface CheckOptions {
  /** Absolute workspace root, to turn source paths into URIs for relatedInformation. */
  root: string;
  rules?: readonly Rule[];
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * What one family of rules found in one section, with lines counted from the section's first
 * line, and what it was found against: it stands while the section's text, what the family read
 * of the index, and the answers the rules got about the whole text stay the same.
 */
interface FamilyRun {
  snapshot: IndexSnapshot;
  reads: Reads;
  /** What the rules asked about the whole text (DocModel.mentions) while checking, with the answers. */
  mentions: ReadonlyMap<string, boolean>;
  diagnostics: Diagnostic[];
  claims: JudgedClaim[];
  claimsChecked: number;
  /** Per document rule of the family, what this section contributes. */
  summaries: Map<string, unknown>;
  /** The findings as last placed in the document, while the section stays on that line. */
  placed?: { line: number; diagnostics: Diagnostic[]; claims: JudgedClaim[] };
}

type SectionResult = Map<RuleFamily, FamilyRun>;

interface SectionSummary {
  summary: unknown;
  line: number;
}

/** A section's findings of every family as they sit in the document, while it stays on its line. */
interface PlacedSection {
  line: number;
  /** The snapshot every result of the section was last marked as standing for. */
  snapshot?: IndexSnapshot;
  diagnostics: Diagnostic[];
  claims: JudgedClaim[];
  claimsChecked: number;
  summaries: [string, SectionSummary][];
}

/**
 * What a check keeps of a section, by its position among the sections, with its tree: the parser
 * gives a section a new tree when its text changes, so the same tree in the same place means the
 * same section.
 */
interface SectionEntry {
  tree: Root;
  result: SectionResult;
  placed: PlacedSection;
}

function place(result: SectionResult, line: number): PlacedSection {
  const placed: PlacedSection = { line, diagnostics: [], claims: [], claimsChecked: 0, summaries: [] };
  for (const r of result.values()) {
    // A family that was not re-run keeps its findings as placed (a source change re-runs one or two).
    if (r.placed?.line !== line) r.placed = { line, diagnostics: r.diagnostics.map((d) => shiftDiagnostic(d, line)), claims: r.claims.map((c) => ({ ...c, range: moveRange(c.range, line) })) };
    for (const d of r.placed.diagnostics) placed.diagnostics.push(d);
    for (const c of r.placed.claims) placed.claims.push(c);
    placed.claimsChecked += r.claimsChecked;
    for (const [id, summary] of r.summaries) placed.summaries.push([id, { summary, line }]);
  }
  return placed;
}

/** What every result was computed under; any change re-checks every section. */
interface Basis {
  context: string;
  /** Hosts may build an equal config for each check; what counts is what it says. */
  configKey: string;
  rules: readonly Rule[];
  root: string;
}

/** The inputs of one check. */
interface Run {
  doc: DocModel;
  index: IndexSnapshot;
  config: ResolvedConfig;
  root: string;
}

export class DocumentChecker {
  private readonly parser = new MarkdownSectionCache();
  private basis?: Basis;
  private results: SectionEntry[] = [];
  private readonly mentions = new MentionIndex();
  /**
   * Models of the last text by the sections they hold claims of: a source change re-checks an
   * unchanged text, and reading its claims again is most of what that would cost.
   */
  private models?: { text: string; byFocus: Map<string, DocModel> };
  /** How much the last check re-ran: sections per family (for the benchmark and tests). */
  lastWork: Partial<Record<RuleFamily, number>> = {};

  constructor(readonly uri: string) {}

  check(text: string, index: IndexSnapshot, config: ResolvedConfig, options: CheckOptions): CheckResult {
    const rules = (options.rules ?? allRules).filter((r) => config.rules[r.id] !== 'off');
    const sections = this.parser.parseSections(text);
    const basis: Basis = { context: documentContextKey(sections), configKey: JSON.stringify(config), rules: options.rules ?? allRules, root: options.root };
    if (!this.basis || !sameBasis(this.basis, basis)) this.results = [];
    this.basis = basis;

    const entryAt = (i: number): SectionEntry | undefined => (this.results[i]?.tree === sections[i].tree ? this.results[i] : undefined);
    this.mentions.next(text, sections, sections.map((s) => s.tree));
    // Sections checked together share one record of questions: each record is asked once.
    const records = new Map<ReadonlyMap<string, boolean>, boolean>();
    const stillTrue = (m: ReadonlyMap<string, boolean>): boolean => {
      let ok = records.get(m);
      if (ok === undefined) {
        ok = true;
        for (const [q, a] of m) if (this.mentions.mentions(q) !== a) ok = false;
        records.set(m, ok);
      }
      return ok;
    };
    // Results of one family found against one snapshot share what they read: it is compared once.
    const readsHold = new Map<Reads, Map<IndexSnapshot, boolean>>();
    const stillRead = (r: FamilyRun): boolean => {
      let bySnapshot = readsHold.get(r.reads);
      if (!bySnapshot) readsHold.set(r.reads, (bySnapshot = new Map()));
      let ok = bySnapshot.get(r.snapshot);
      if (ok === undefined) bySnapshot.set(r.snapshot, (ok = sameReads(r.reads, r.snapshot, index)));
      return ok;
    };
    const stands = (r: FamilyRun | undefined): r is FamilyRun => !!r && stillTrue(r.mentions) && stillRead(r);

    // Per family, the sections whose results do not stand; families with the same sections to
    // re-check are run together over one document model.
    const families = [...new Set(rules.map((r) => r.family))];
    const todo = new Map<string, { sections: Set<number>; families: RuleFamily[] }>();
    this.lastWork = {};
    for (const family of families) {
      const stale = new Set<number>();
      sections.forEach((_, i) => stands(entryAt(i)?.result.get(family)) || stale.add(i));
      this.lastWork[family] = stale.size;
      if (!stale.size) continue;
      const id = [...stale].join(',');
      const group = todo.get(id);
      if (group) group.families.push(family);
      else todo.set(id, { sections: stale, families: [family] });
    }

    if (this.models?.text !== text) this.models = { text, byFocus: new Map() };
    const models = this.models.byFocus;
    const model = (focus: ReadonlySet<number> | undefined): DocModel => {
      const all = !focus || focus.size === sections.length;
      const key = all ? '*' : [...focus].sort((a, b) => a - b).join(',');
      let doc = models.get(key);
      if (doc) return doc;
      doc = new DocModel(this.uri, text, sections, undefined, all ? undefined : focus);
      // A model kept past this check (a hover's, a code action's) asks the text itself once the
      // index has moved on to a newer one.
      doc.mentionOracle = (q) => (this.mentions.isAbout(text) ? this.mentions.mentions(q) : text.includes(q));
      // A few focus sets of one text are worth keeping; a source change asks for the same again.
      if (models.size >= 4) models.delete(models.keys().next().value!);
      models.set(key, doc);
      return doc;
    };
    let first: DocModel | undefined;
    // Each section's first line: the same in every model of this text, so worked out once.
    let firstLines: number[] | undefined;
    const linesOf = (doc: DocModel): number[] => (firstLines ??= sections.map((s) => doc.lines.positionAt(s.offset).line));
    const fresh = new Map<number, SectionResult>();
    const ruleErrors: CheckResult['ruleErrors'] = [];
    for (const { sections: stale, families: group } of todo.values()) {
      const doc = model(stale);
      first ??= doc;
      const lines = linesOf(doc);
      const found = checkSections({ doc, index, config, root: options.root }, sections, stale, lines, rules.filter((r) => group.includes(r.family)));
      ruleErrors.push(...found.ruleErrors);
      for (const [i, byFamily] of found.results) {
        const mine = fresh.get(i) ?? new Map<RuleFamily, FamilyRun>();
        for (const [family, r] of byFamily) mine.set(family, r);
        fresh.set(i, mine);
      }
    }
    // Whole-document rules and suppressions read headings and comments, which any model has.
    const doc = first ?? model(new Set());
    const lines = linesOf(doc);

    const next: SectionEntry[] = [];
    const diagnostics: Diagnostic[] = [];
    const claims: JudgedClaim[] = [];
    let claimsChecked = 0;
    const summaries = new Map<string, SectionSummary[]>();
    sections.forEach((section, i) => {
      // A section nothing was re-run for keeps its results, and while it stays on its line its
      // findings as placed (most of them, on a keystroke).
      const entry = entryAt(i);
      const mine = fresh.get(i);
      let result: SectionResult;
      let placed: PlacedSection | undefined;
      if (entry && !mine) {
        result = entry.result;
        if (entry.placed.line === lines[i]) placed = entry.placed;
      } else {
        result = new Map();
        for (const family of families) result.set(family, mine?.get(family) ?? entry!.result.get(family)!);
      }
      placed ??= place(result, lines[i]);
      // What still stands for this snapshot is kept as found for it, so older snapshots can go
      // (in place: results are this checker's own, and only the kept ones stay referenced).
      if (placed.snapshot !== index) {
        for (const r of result.values()) r.snapshot = index;
        placed.snapshot = index;
      }
      for (const d of placed.diagnostics) diagnostics.push(d);
      for (const c of placed.claims) claims.push(c);
      claimsChecked += placed.claimsChecked;
      for (const [id, summary] of placed.summaries) {
        const list = summaries.get(id);
        if (list) list.push(summary);
        else summaries.set(id, [summary]);
      }
      next.push({ tree: section.tree, result, placed });
    });
    // Only the current sections stay, so memory follows the document, not its history.
    this.results = next;

    for (const rule of rules) {
      if (!isDocumentRule(rule) || !summaries.has(rule.id)) continue;
      const run = runRule(rule, { doc, index, config, root: options.root }, (ctx) => rule.judge(ctx, summaries.get(rule.id)!));
      if (run.error) ruleErrors.push(run.error);
      diagnostics.push(...run.diagnostics);
      claims.push(...run.claims);
      claimsChecked += run.claimsChecked;
    }

    const suppressed = suppressionsOf(doc);
    const shown = diagnostics.filter((d) => !suppressed(String(d.code), d.range.start.line));
    shown.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || String(a.code).localeCompare(String(b.code)));
    let whole: DocModel | undefined = doc.holdsAllClaims ? doc : undefined;
    return { diagnostics: dedupe(shown), claimsChecked, claims, ruleErrors, model: () => (whole ??= model(undefined)) };
  }
}

/** Runs `rules` over the sections in `stale` (the claims `run.doc` holds) and sorts what they find by section and family. */
function checkSections(run: Run, sections: readonly ParsedSection[], stale: ReadonlySet<number>, lines: readonly number[], rules: readonly Rule[]) {
  const { doc, index } = run;
  const order = [...stale].sort((a, b) => a - b);
  const results = new Map<number, Map<RuleFamily, FamilyRun>>();
  const entry = (i: number, family: RuleFamily): FamilyRun => {
    let byFamily = results.get(i);
    if (!byFamily) results.set(i, (byFamily = new Map()));
    let r = byFamily.get(family);
    if (!r) {
      const { reads } = recordingView(index, family);
      byFamily.set(family, (r = { snapshot: index, reads, mentions: doc.mentionsAsked, diagnostics: [], claims: [], claimsChecked: 0, summaries: new Map() }));
    }
    return r;
  };
  // A finding belongs to the section it starts in (the last stale one starting at or before it);
  // the rules only see claims of stale sections. A source change re-runs a family over every
  // section, with hundreds of findings: searched, not scanned.
  const sectionOf = (range: Range): number => {
    const offset = doc.lines.offsetAt(range.start);
    let lo = 0;
    let hi = order.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (sections[order[mid]].offset <= offset) lo = mid;
      else hi = mid - 1;
    }
    return order[lo];
  };
  const ruleErrors: CheckResult['ruleErrors'] = [];
  for (const rule of rules) {
    // Every family has an entry for every stale section, found or not.
    for (const i of order) entry(i, rule.family);
    const view = { ...run, index: recordingView(index, rule.family).view };
    if (isDocumentRule(rule)) {
      try {
        for (const i of order) entry(i, rule.family).summaries.set(rule.id, summarize(rule, view, sections[i], lines[i]));
      } catch (err) {
        ruleErrors.push({ ruleId: rule.id, message: (err as Error).stack ?? String(err) });
      }
      continue;
    }
    const found = runRule(rule, view, (ctx) => (rule as SectionRule).check(ctx));
    if (found.error) ruleErrors.push(found.error);
    for (const d of found.diagnostics) {
      const i = sectionOf(d.range);
      entry(i, rule.family).diagnostics.push(shiftDiagnostic(d, -lines[i]));
    }
    for (const c of found.claims) {
      const i = sectionOf(c.range);
      entry(i, rule.family).claims.push({ ...c, range: moveRange(c.range, -lines[i]) });
    }
    for (const c of found.counted) entry(sectionOf(c), rule.family).claimsChecked++;
  }
  return { results, ruleErrors };
}

/** Checks a text once, as the CLI does. */
export function checkText(uri: string, text: string, index: IndexSnapshot, config: ResolvedConfig, options: CheckOptions): CheckResult {
  return new DocumentChecker(uri).check(text, index, config, options);
}

function sameBasis(a: Basis, b: Basis): boolean {
  return a.context === b.context && a.configKey === b.configKey && a.rules === b.rules && a.root === b.root;
}

function summarize(rule: DocumentRule, run: Run, section: ParsedSection, line: number): unknown {
  return rule.summarize({ doc: run.doc, index: run.index, config: run.config, span: { start: section.offset, end: section.offset + section.text.length }, line });
}

interface RuleRun {
  diagnostics: Diagnostic[];
  claims: JudgedClaim[];
  claimsChecked: number;
  /** Where each counted claim sits. */
  counted: Range[];
  error?: CheckResult['ruleErrors'][number];
}

function runRule(rule: Rule, run: Run, body: (ctx: RuleContext) => void): RuleRun {
  const findings: Finding[] = [];
  const out: RuleRun = { diagnostics: [], claims: [], claimsChecked: 0, counted: [] };
  try {
    body({
      doc: run.doc,
      index: run.index,
      config: run.config,
      report: (f) => findings.push(f),
      claimChecked: (claim) => {
        out.claimsChecked++;
        out.counted.push(claim.range);
        if (claim.sources) out.claims.push({ range: claim.range, sources: claim.sources, ruleId: rule.id });
      },
    });
  } catch (err) {
    // A rule that throws reports nothing; the others still run.
    return { diagnostics: [], claims: [], claimsChecked: 0, counted: [], error: { ruleId: rule.id, message: (err as Error).stack ?? String(err) } };
  }
  const configured = run.config.rules[rule.id];
  out.diagnostics = findings.map((f) => toDiagnostic(rule, f, configured && configured !== 'off' ? configured : (f.severity ?? rule.defaultSeverity), run.root));
  return out;
}

function toDiagnostic(rule: Rule, f: Finding, severity: Severity, root: string): Diagnostic {
  const data: DiagnosticData = { ruleId: rule.id, fixes: f.fixes ?? [], sources: (f.sources ?? []).map((s) => s.loc) };
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[severity],
    code: rule.id,
    codeDescription: { href: ruleDocUrl(rule.id) },
    source: SOURCE,
    message: f.message,
    data,
  };
  if (f.sources?.length) {
    d.relatedInformation = f.sources.map((s) => ({ location: { uri: pathToUri(root, s.loc.path), range: s.loc.range }, message: s.message }));
  }
  return d;
}

/** A diagnostic moved down by whole lines: its range and its fixes' edits (sources are in other files). */
function shiftDiagnostic(d: Diagnostic, lines: number): Diagnostic {
  if (lines === 0) return d;
  const data = d.data as DiagnosticData;
  return {
    ...d,
    range: moveRange(d.range, lines),
    data: { ...data, fixes: data.fixes.map((f) => ({ ...f, edits: f.edits.map((e) => ({ ...e, range: moveRange(e.range, lines) })) })) },
  };
}

/** Two rules (or one rule twice) can land on the same claim with the same words; keep one. */
function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const k = `${d.code}|${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}|${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
