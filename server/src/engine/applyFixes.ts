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
  const chosen: (OffsetEdit & { title: string })[] = [];
  for (const d of diagnostics) {
    const data = d.data as DiagnosticData | undefined;
    const fix = data?.fixes?.find((f) => f.isPreferred);
    if (!fix) continue;
    const edits = fix.edits.map((e: TextEdit, i) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText, title: fix.title, order: chosen.length + i }));
    // An insertion where another edit starts has no agreed place relative to it: leave it for the next check.
    const clashes = edits.some((e) => chosen.some((c) => (e.start < c.end && c.start < e.end) || (e.start === c.start && (e.start === e.end || c.start === c.end))));
    if (clashes) continue;
    chosen.push(...edits);
  }
  const applied = [...new Set([...chosen].sort((a, b) => a.start - b.start || a.order - b.order).map((c) => c.title))];
  return { text: splice(text, chosen), applied };
}

/** Applies a plain list of edits (one fix) to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  return splice(
    text,
    edits.map((e, order) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText, order })),
  );
}

interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
  title?: string;
  /** Position in the list the edits came in: LSP orders insertions at one point by it. */
  order: number;
}

/**
 * Builds the new text left to right. Insertions at one point keep their list order and come
 * before an edit that replaces text from that point, as LSP clients apply them.
 */
function splice(text: string, edits: readonly OffsetEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || Number(a.end > a.start) - Number(b.end > b.start) || a.order - b.order);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    out += text.slice(at, Math.max(at, e.start)) + e.newText;
    at = Math.max(at, e.end);
  }
  return out + text.slice(at);
}
