// Runs every rule over one document against one index snapshot and turns findings into LSP
// Diagnostics. The CLI and the language server both call `checkDocument`, so they never disagree.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { DocModel } from '../markdown/docModel';
import type { IndexSnapshot } from '../index/snapshot';
import { allRules } from '../rules/registry';
import { ruleDocUrl, type CheckedClaim, type Rule } from '../rules/rule';
import type { ResolvedConfig } from './config';
import { suppressionsOf } from './suppressions';
import type { DiagnosticData, Finding, Severity } from './types';
import { pathToUri } from './uris';

export const SOURCE = 'doc-truth';

export interface CheckResult {
  diagnostics: Diagnostic[];
  claimsChecked: number;
  /** The judged claims rules located, with the code that decides each. */
  claims: (CheckedClaim & { ruleId: string })[];
  /** Rules that threw; the others still ran. */
  ruleErrors: { ruleId: string; message: string }[];
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

export function checkDocument(doc: DocModel, index: IndexSnapshot, config: ResolvedConfig, options: CheckOptions): CheckResult {
  const diagnostics: Diagnostic[] = [];
  const ruleErrors: CheckResult['ruleErrors'] = [];
  let claimsChecked = 0;
  const claims: CheckResult['claims'] = [];
  const suppressed = suppressionsOf(doc);
  for (const rule of options.rules ?? allRules) {
    const configured = config.rules[rule.id];
    if (configured === 'off') continue;
    const findings: Finding[] = [];
    try {
      rule.check({
        doc,
        index,
        config,
        report: (f) => findings.push(f),
        claimChecked: (claim) => {
          claimsChecked++;
          if (claim) claims.push({ ...claim, ruleId: rule.id });
        },
      });
    } catch (err) {
      ruleErrors.push({ ruleId: rule.id, message: (err as Error).stack ?? String(err) });
      continue;
    }
    for (const f of findings) {
      if (suppressed(rule.id, f.range.start.line)) continue;
      diagnostics.push(toDiagnostic(rule, f, configured ?? f.severity ?? rule.defaultSeverity, options.root));
    }
  }
  diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || String(a.code).localeCompare(String(b.code)));
  return { diagnostics: dedupe(diagnostics), claimsChecked, claims, ruleErrors };
}

export function checkText(uri: string, text: string, index: IndexSnapshot, config: ResolvedConfig, options: CheckOptions): CheckResult {
  return checkDocument(new DocModel(uri, text), index, config, options);
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
