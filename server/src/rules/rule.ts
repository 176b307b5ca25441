// The contract every claim rule implements, in the manner of an ESLint rule: metadata plus a check
// that reads the parsed document and the index snapshot and reports findings. Rules never do I/O.
import type { DocModel } from '../markdown/docModel';
import type { IndexSnapshot } from '../index/snapshot';
import type { Finding, Range, RuleFamily, Severity, SourceLocation } from '../engine/types';
import type { ResolvedConfig } from '../engine/config';

export interface RuleContext {
  doc: DocModel;
  index: IndexSnapshot;
  config: ResolvedConfig;
  report(finding: Finding): void;
  /**
   * Counts a claim the rule recognised and judged, true or not (the CLI reports the total). Its
   * range says which section it belongs to; with the code that decides it (`sources`), editors can
   * also show where a true claim comes from.
   */
  claimChecked(claim: { range: Range; sources?: SourceLocation[] }): void;
}

export interface CheckedClaim {
  range: Range;
  sources: SourceLocation[];
}

interface RuleMeta {
  /** Stable id, `<family>-<what>`, used as the Diagnostic code and in suppression comments. */
  id: string;
  family: RuleFamily;
  description: string;
  defaultSeverity: Severity;
  fixable: boolean;
}

/**
 * A rule about claims. `ctx.doc` holds the claims of some sections of the document (all of them in
 * one run, only the edited ones while typing) and the headings of every section. What it reports
 * about a section must follow from that section's text, the document context (see
 * documentContext.ts), the index and the config: that is what lets an edit re-check one section.
 */
export interface SectionRule extends RuleMeta {
  check(ctx: RuleContext): void;
}

/** What a document rule sees of one section: the document with that section's claims in it. */
export interface SectionSummaryContext {
  doc: DocModel;
  index: IndexSnapshot;
  config: ResolvedConfig;
  /** Offsets of the section in `doc.text`. */
  span: { start: number; end: number };
  /**
   * The section's first line. A summary outlives edits above its section: ranges in it are kept
   * relative to this line, and `judge` is told where each section sits now.
   */
  line: number;
}

export interface SectionSummary<S> {
  summary: S;
  /** The section's first line in the current text. */
  line: number;
}

/**
 * A rule about the document as a whole ("never mentions service x"). Each section is summarised on
 * its own, and the summary is kept while the section is unchanged; `judge` reads all of them.
 */
export interface DocumentRule<S = unknown> extends RuleMeta {
  summarize(ctx: SectionSummaryContext): S;
  judge(ctx: RuleContext, sections: readonly SectionSummary<S>[]): void;
}

export type Rule = SectionRule | DocumentRule;

/**
 * A rule that reports its part of an analysis several rules of a family share (worked out once per
 * check): the claims it judged and the findings that are its own.
 */
export function partOfAnalysis<A>(
  meta: Omit<SectionRule, 'check'>,
  analyse: (doc: DocModel, index: IndexSnapshot) => A,
  part: (analysis: A) => { claims: readonly Range[]; findings: Iterable<Finding> },
): SectionRule {
  return {
    ...meta,
    check(ctx) {
      const { claims, findings } = part(analyse(ctx.doc, ctx.index));
      for (const range of claims) ctx.claimChecked({ range });
      for (const f of findings) ctx.report(f);
    },
  };
}

export function isDocumentRule(rule: Rule): rule is DocumentRule {
  return 'judge' in rule;
}

export const RULE_DOCS_BASE = 'https://github.com/doc-truth/doc-truth/blob/main/docs/rules';

export function ruleDocUrl(id: string): string {
  return `${RULE_DOCS_BASE}/${id}.md`;
}
