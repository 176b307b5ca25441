// Applies the preferred fixes carried by diagnostics to a document's text. Edits that overlap an
// edit already taken are dropped (the next check reports what is left), so a fix never rewrites
// bytes another fix has claimed.
import type { Diagnostic } from 'vscode-languageserver-types';
import { LineIndex } from './lineIndex';
import type { DiagnosticData, TextEdit } from './types';

export interface AppliedFixes {
  text: string;
  /** Titles of the fixes applied, in document order. */
  applied: string[];
}

export function applyFixes(text: string, diagnostics: readonly Diagnostic[]): AppliedFixes {
  const lines = new LineIndex(text);
  const chosen: { start: number; end: number; newText: string; title: string }[] = [];
  for (const d of diagnostics) {
    const data = d.data as DiagnosticData | undefined;
    const fix = data?.fixes?.find((f) => f.isPreferred);
    if (!fix) continue;
    const edits = fix.edits.map((e: TextEdit) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText, title: fix.title }));
    const clashes = edits.some((e) => chosen.some((c) => e.start < c.end && c.start < e.end || (e.start === e.end && e.start === c.start)));
    if (clashes) continue;
    chosen.push(...edits);
  }
  chosen.sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of chosen) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  const applied = [...new Set(chosen.map((c) => c.title))];
  return { text: out, applied };
}

/** Applies a plain list of edits (one fix) to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  return [...edits]
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start)
    .reduce((acc, e) => acc.slice(0, e.start) + e.newText + acc.slice(e.end), text);
}
