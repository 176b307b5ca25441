// Runs every rule over one document against one index snapshot and turns findings into LSP
// Diagnostics. The CLI and the language server both go through `DocumentChecker`, so they never
// disagree: the CLI checks a text once, the server keeps one checker per open document and, on each
// edit, re-runs the rules over the sections whose text changed only (see SectionRule).
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { DocModel } from '../markdown/docModel';
import { documentContextKey } from '../markdown/documentContext';
import { MarkdownSectionCache, type ParsedSection } from '../markdown/sectionCache';
import type { IndexSnapshot } from '../index/snapshot';
import { allRules } from '../rules/registry';
import { isDocumentRule, ruleDocUrl, type CheckedClaim, type DocumentRule, type Rule, type RuleContext, type SectionRule } from '../rules/rule';
import type { ResolvedConfig } from './config';
import { suppressionsOf } from './suppressions';
import type { DiagnosticData, Finding, Range, Severity } from './types';
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

/** What the rules found in one section, with lines counted from the section's first line. */
interface SectionResult {
  diagnostics: Diagnostic[];
  claims: JudgedClaim[];
  claimsChecked: number;
  /** Per document rule, what this section contributes. */
  summaries: Map<string, unknown>;
  /** What the rules asked about the whole text (DocModel.mentions) while checking it, with the answers. */
  mentions: ReadonlyMap<string, boolean>;
}

/** What a section's results were computed against; any change re-checks every section. */
interface Basis {
  context: string;
  index: IndexSnapshot;
  config: ResolvedConfig;
  /** Hosts may build an equal config for each check; what counts is what it says. */
  configKey: string;
  rules: readonly Rule[];
  root: string;
}

export class DocumentChecker {
  private readonly parser = new MarkdownSectionCache();
  private basis?: Basis;
  /** Keyed by a section's position among the sections and its text. */
  private results = new Map<string, SectionResult>();
  private readonly mentions = new MentionIndex();

  constructor(readonly uri: string) {}

  check(text: string, index: IndexSnapshot, config: ResolvedConfig, options: CheckOptions): CheckResult {
    const rules = options.rules ?? allRules;
    const sections = this.parser.parseSections(text);
    const basis: Basis = { context: documentContextKey(sections), index, config, configKey: JSON.stringify(config), rules, root: options.root };
    if (!this.basis || !sameBasis(this.basis, basis)) this.results = new Map();
    this.basis = basis;

    const keys = sections.map((s, i) => `${i}\u0000${s.text}`);
    const dirty = new Set<number>();
    this.mentions.next(text, sections, keys);
    // Sections checked together share one record of questions: each record is asked once.
    const records = new Map<ReadonlyMap<string, boolean>, boolean>();
    const stillTrue = (r: SectionResult): boolean => {
      let ok = records.get(r.mentions);
      if (ok === undefined) {
        ok = [...r.mentions].every(([q, a]) => this.mentions.mentions(q) === a);
        records.set(r.mentions, ok);
      }
      return ok;
    };
    keys.forEach((k, i) => {
      const r = this.results.get(k);
      // An edit elsewhere can change what a section's rules learnt about the whole text.
      if (!r || !stillTrue(r)) dirty.add(i);
    });
    const doc = new DocModel(this.uri, text, sections, undefined, dirty.size === sections.length ? undefined : dirty);
    doc.mentionOracle = (q) => this.mentions.mentions(q);
    const lines = sections.map((s) => doc.lines.positionAt(s.offset).line);

    const fresh = dirty.size ? this.checkSections(doc, sections, dirty, lines, basis) : { results: new Map<number, SectionResult>(), ruleErrors: [] };
    const next = new Map<string, SectionResult>();
    const diagnostics: Diagnostic[] = [];
    const claims: JudgedClaim[] = [];
    let claimsChecked = 0;
    const summaries = new Map<string, { summary: unknown; line: number }[]>();
    sections.forEach((_, i) => {
      const r = fresh.results.get(i) ?? this.results.get(keys[i])!;
      next.set(keys[i], r);
      for (const d of r.diagnostics) diagnostics.push(shiftDiagnostic(d, lines[i]));
      for (const c of r.claims) claims.push({ ...c, range: moveRange(c.range, lines[i]) });
      claimsChecked += r.claimsChecked;
      for (const [id, summary] of r.summaries) {
        const list = summaries.get(id);
        if (list) list.push({ summary, line: lines[i] });
        else summaries.set(id, [{ summary, line: lines[i] }]);
      }
    });
    // Only the current sections stay, so memory follows the document, not its history.
    this.results = next;

    const ruleErrors = [...fresh.ruleErrors];
    for (const rule of rules) {
      if (!isDocumentRule(rule) || config.rules[rule.id] === 'off' || !summaries.has(rule.id)) continue;
      const run = runRule(rule, doc, basis, (ctx) => rule.judge(ctx, summaries.get(rule.id)!));
      if (run.error) ruleErrors.push(run.error);
      diagnostics.push(...run.diagnostics);
      claims.push(...run.claims);
      claimsChecked += run.claimsChecked;
    }

    const suppressed = suppressionsOf(doc);
    const kept = diagnostics.filter((d) => !suppressed(String(d.code), d.range.start.line));
    kept.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || String(a.code).localeCompare(String(b.code)));
    let whole: DocModel | undefined = dirty.size === sections.length ? doc : undefined;
    return { diagnostics: dedupe(kept), claimsChecked, claims, ruleErrors, model: () => (whole ??= new DocModel(this.uri, text, sections)) };
  }

  /** Runs the rules over the sections in `dirty` (the claims `doc` holds) and sorts what they find by section. */
  private checkSections(doc: DocModel, sections: readonly ParsedSection[], dirty: ReadonlySet<number>, lines: readonly number[], basis: Basis) {
    const results = new Map<number, SectionResult>();
    for (const i of dirty) results.set(i, { diagnostics: [], claims: [], claimsChecked: 0, summaries: new Map(), mentions: doc.mentionsAsked });
    const order = [...dirty].sort((a, b) => a - b);
    // A finding belongs to the section it starts in; the rules only see claims of dirty sections.
    const sectionOf = (range: Range): number => {
      const offset = doc.lines.offsetAt(range.start);
      let k = order[0];
      for (const i of order) if (sections[i].offset <= offset) k = i;
      return k;
    };
    const ruleErrors: CheckResult['ruleErrors'] = [];
    for (const rule of basis.rules) {
      if (basis.config.rules[rule.id] === 'off') continue;
      if (isDocumentRule(rule)) {
        try {
          for (const i of order) results.get(i)!.summaries.set(rule.id, summarize(rule, doc, basis, sections[i], lines[i]));
        } catch (err) {
          ruleErrors.push({ ruleId: rule.id, message: (err as Error).stack ?? String(err) });
        }
        continue;
      }
      const run = runRule(rule, doc, basis, (ctx) => (rule as SectionRule).check(ctx));
      if (run.error) ruleErrors.push(run.error);
      for (const d of run.diagnostics) {
        const i = sectionOf(d.range);
        results.get(i)!.diagnostics.push(shiftDiagnostic(d, -lines[i]));
      }
      for (const c of run.claims) {
        const i = sectionOf(c.range);
        results.get(i)!.claims.push({ ...c, range: moveRange(c.range, -lines[i]) });
      }
      for (const c of run.counted) results.get(sectionOf(c))!.claimsChecked++;
    }
    return { results, ruleErrors };
  }
}

/** Checks a text once, as the CLI does. */
export function checkText(uri: string, text: string, index: IndexSnapshot, config: ResolvedConfig, options: CheckOptions): CheckResult {
  return new DocumentChecker(uri).check(text, index, config, options);
}

function sameBasis(a: Basis, b: Basis): boolean {
  return a.context === b.context && a.index === b.index && a.configKey === b.configKey && a.rules === b.rules && a.root === b.root;
}

function summarize(rule: DocumentRule, doc: DocModel, basis: Basis, section: ParsedSection, line: number): unknown {
  return rule.summarize({ doc, index: basis.index, config: basis.config, span: { start: section.offset, end: section.offset + section.text.length }, line });
}

interface RuleRun {
  diagnostics: Diagnostic[];
  claims: JudgedClaim[];
  claimsChecked: number;
  /** Where each counted claim sits. */
  counted: Range[];
  error?: CheckResult['ruleErrors'][number];
}

function runRule(rule: Rule, doc: DocModel, basis: Basis, body: (ctx: RuleContext) => void): RuleRun {
  const findings: Finding[] = [];
  const run: RuleRun = { diagnostics: [], claims: [], claimsChecked: 0, counted: [] };
  try {
    body({
      doc,
      index: basis.index,
      config: basis.config,
      report: (f) => findings.push(f),
      claimChecked: (claim) => {
        run.claimsChecked++;
        run.counted.push(claim.range);
        if (claim.sources) run.claims.push({ range: claim.range, sources: claim.sources, ruleId: rule.id });
      },
    });
  } catch (err) {
    // A rule that throws reports nothing; the others still run.
    return { diagnostics: [], claims: [], claimsChecked: 0, counted: [], error: { ruleId: rule.id, message: (err as Error).stack ?? String(err) } };
  }
  const configured = basis.config.rules[rule.id];
  run.diagnostics = findings.map((f) => toDiagnostic(rule, f, configured && configured !== 'off' ? configured : (f.severity ?? rule.defaultSeverity), basis.root));
  return run;
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
