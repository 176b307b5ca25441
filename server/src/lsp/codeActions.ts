// Quick-fixes, suppressions and fix-all, built from the fixes the rules attached to each diagnostic.
import { CodeActionKind, TextDocumentEdit, type CodeAction, type Diagnostic, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { Fix } from '../engine/types';
import { FIX_ALL_KIND } from './protocol';
import { dataOf, type CheckedDocument } from './checkedDocument';

export interface EditOptions {
  /** The client accepts versioned `documentChanges`, which it refuses to apply to a newer text. */
  documentChanges: boolean;
}

export function workspaceEdit(checked: CheckedDocument, edits: TextEdit[], opts: EditOptions): WorkspaceEdit {
  if (opts.documentChanges && !checked.uri.startsWith('untitled:')) {
    return { documentChanges: [TextDocumentEdit.create({ uri: checked.uri, version: checked.version }, edits)] };
  }
  return { changes: { [checked.uri]: edits } };
}

/** Whether a kind the client asked for (`only`) covers `kind`: `source.fixAll` covers `source.fixAll.docTruth`. */
export function kindRequested(only: readonly string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

function overlaps(a: Range, b: Range): boolean {
  const before = (x: Range['start'], y: Range['start']) => x.line < y.line || (x.line === y.line && x.character < y.character);
  return before(a.start, b.end) && before(b.start, a.end);
}

export function codeActions(checked: CheckedDocument, range: Range, only: readonly string[] | undefined, opts: EditOptions): CodeAction[] {
  const actions: CodeAction[] = [];
  const touches = (d: Diagnostic) => overlaps(d.range, range) || (d.range.start.line <= range.start.line && range.start.line <= d.range.end.line);
  if (kindRequested(only, CodeActionKind.QuickFix)) {
    const here = checked.diagnostics.filter(touches);
    for (const d of here) {
      const data = dataOf(d);
      if (!data) continue;
      for (const fix of data.fixes) {
        actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: fix.isPreferred, edit: workspaceEdit(checked, fix.edits, opts) });
      }
    }
    const disabled = new Set<string>();
    for (const d of here) {
      const data = dataOf(d);
      if (!data) continue;
      const key = `${data.ruleId}:${d.range.start.line}`;
      if (disabled.has(key)) continue;
      disabled.add(key);
      actions.push(disableAction(checked, d, data.ruleId, opts));
    }
  }
  if (kindRequested(only, FIX_ALL_KIND)) {
    const fixAll = fixAllAction(checked, opts);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

/**
 * Edits of every preferred fix that does not overlap one taken before it (the next check reports
 * what is left), in document order: the same choice `doc-truth check --fix` makes.
 */
export function preferredFixEdits(diagnostics: readonly Diagnostic[]): TextEdit[] {
  const chosen: TextEdit[] = [];
  for (const d of diagnostics) {
    const fix: Fix | undefined = dataOf(d)?.fixes.find((f) => f.isPreferred);
    if (!fix) continue;
    const clash = fix.edits.some((e) => chosen.some((c) => overlaps(e.range, c.range) || samePoint(e.range, c.range)));
    if (!clash) chosen.push(...fix.edits);
  }
  return chosen;
}

function samePoint(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && (isEmpty(a) || isEmpty(b));
}

function isEmpty(r: Range): boolean {
  return r.start.line === r.end.line && r.start.character === r.end.character;
}

export function fixAllAction(checked: CheckedDocument, opts: EditOptions): CodeAction | undefined {
  const edits = preferredFixEdits(checked.diagnostics);
  if (edits.length === 0) return undefined;
  return { title: 'Fix all Doc Truth problems', kind: FIX_ALL_KIND, edit: workspaceEdit(checked, edits, opts) };
}

/**
 * "Disable <rule> for this line". A comment line inside a table would end the table and one inside
 * a fenced block would be code, so claims there get a disable/enable pair around the whole block.
 */
export function disableAction(checked: CheckedDocument, d: Diagnostic, ruleId: string, opts: EditOptions): CodeAction {
  const doc = checked.model();
  const line = d.range.start.line;
  const inside = (r: Range) => r.start.line < line && line <= r.end.line;
  const block = doc.tables.find((t) => inside(t.range)) ?? doc.codeBlocks.find((c) => inside(c.range));
  let title: string;
  let edits: TextEdit[];
  if (block) {
    const first = block.range.start.line;
    const last = block.range.end.line;
    const indent = indentOf(doc.lines.lineText(first));
    const lastEnd = doc.lines.positionAt(doc.lines.lineEnd(last));
    title = `Disable ${ruleId} for this ${'header' in block ? 'table' : 'code block'}`;
    edits = [
      { range: { start: { line: first, character: 0 }, end: { line: first, character: 0 } }, newText: `${indent}<!-- doc-truth-disable ${ruleId} -->\n` },
      // The blank line keeps the comment from being read as one more table row.
      { range: { start: lastEnd, end: lastEnd }, newText: `\n\n${indent}<!-- doc-truth-enable ${ruleId} -->` },
    ];
  } else {
    const indent = indentOf(doc.lines.lineText(line));
    title = `Disable ${ruleId} for this line`;
    edits = [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}<!-- doc-truth-disable-next-line ${ruleId} -->\n` }];
  }
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: workspaceEdit(checked, edits, opts) };
}

function indentOf(line: string): string {
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}
