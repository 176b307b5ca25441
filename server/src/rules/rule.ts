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
   * Counts a claim the rule recognised and judged, true or not (the CLI reports the total). With
   * its range and the code that decides it, editors can show where a true claim comes from.
   */
  claimChecked(claim?: CheckedClaim): void;
}

export interface CheckedClaim {
  range: Range;
  sources: SourceLocation[];
}

export interface Rule {
  /** Stable id, `<family>-<what>`, used as the Diagnostic code and in suppression comments. */
  id: string;
  family: RuleFamily;
  description: string;
  defaultSeverity: Severity;
  fixable: boolean;
  check(ctx: RuleContext): void;
}

export const RULE_DOCS_BASE = 'https://github.com/doc-truth/doc-truth/blob/main/docs/rules';

export function ruleDocUrl(id: string): string {
  return `${RULE_DOCS_BASE}/${id}.md`;
}
