// The result of checking one version of one document, kept so code actions, hovers, lenses and
// "show source" answer from exactly what was published, never from a newer or older text.
import type { Diagnostic, Location, Position, Range } from 'vscode-languageserver';
import type { CheckedClaim } from '../rules/rule';

export type { CheckedClaim };
import type { DiagnosticData, SourceLocation } from '../engine/types';
import { pathToUri } from '../engine/uris';
import type { IndexSnapshot } from '../index/snapshot';
import type { DocModel } from '../markdown/docModel';

export interface CheckedDocument {
  uri: string;
  version: number;
  root: string;
  /** The whole document, parsed on first use. */
  model(): DocModel;
  snapshot: IndexSnapshot;
  diagnostics: Diagnostic[];
  claimsChecked: number;
  claims: CheckedClaim[];
}

export function dataOf(d: Diagnostic): DiagnosticData | undefined {
  const data = d.data as DiagnosticData | undefined;
  return data && typeof data.ruleId === 'string' ? { ruleId: data.ruleId, fixes: data.fixes ?? [], sources: data.sources ?? [] } : undefined;
}

export function containsPosition(range: Range, pos: Position): boolean {
  if (pos.line < range.start.line || pos.line > range.end.line) return false;
  if (pos.line === range.start.line && pos.character < range.start.character) return false;
  if (pos.line === range.end.line && pos.character > range.end.character) return false;
  return true;
}

export function diagnosticsAt(checked: CheckedDocument, pos: Position): Diagnostic[] {
  return checked.diagnostics.filter((d) => containsPosition(d.range, pos));
}

export function claimsAt(checked: CheckedDocument, pos: Position): CheckedClaim[] {
  return checked.claims.filter((c) => containsPosition(c.range, pos));
}

/** Doc Truth counts a diagnostic as drift when the doc is wrong or incomplete, not when it is unverifiable. */
export function isDrift(d: Diagnostic): boolean {
  return d.severity === undefined || d.severity <= 2;
}

/**
 * Where the truth of whatever sits at `pos` lives: the sources of the diagnostics under the cursor,
 * else of the judged claims under it, else of anything on the same line.
 */
export function sourcesAt(checked: CheckedDocument, pos: Position): Location[] {
  const fromDiagnostics = (ds: Diagnostic[]) => ds.flatMap((d) => dataOf(d)?.sources ?? []);
  const fromClaims = (cs: CheckedClaim[]) => cs.flatMap((c) => c.sources);
  const sameLine = (r: Range) => r.start.line <= pos.line && pos.line <= r.end.line;
  const candidates = [
    fromDiagnostics(diagnosticsAt(checked, pos)),
    fromClaims(claimsAt(checked, pos)),
    fromDiagnostics(checked.diagnostics.filter((d) => sameLine(d.range))),
    fromClaims(checked.claims.filter((c) => sameLine(c.range))),
  ];
  // A folder is evidence for a hover, but no editor can open it as a location.
  const found = candidates.map((c) => c.filter((loc) => !isFolder(checked.snapshot, loc.path))).find((c) => c.length > 0) ?? [];
  const seen = new Set<string>();
  const out: Location[] = [];
  for (const loc of found) {
    const key = `${loc.path}:${loc.range.start.line}:${loc.range.start.character}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ uri: pathToUri(checked.root, loc.path), range: loc.range });
  }
  return out;
}

export function isFolder(snapshot: IndexSnapshot, path: string): boolean {
  const p = path.replace(/\/+$/, '');
  return !snapshot.filePaths.has(p) && (snapshot.dirPaths.has(p) || path.endsWith('/'));
}
