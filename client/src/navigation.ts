// Editor-side halves of the commands: where the cursor is, opening sources beside the doc, and
// opening a rule's documentation.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { Location as ProtocolLocation, Position as ProtocolPosition } from 'vscode-languageserver-protocol';

const SOURCE = 'doc-truth';

/**
 * The document and position a command is about. Lenses pass `(uri, position)` from the server;
 * the editor context menu passes the document's Uri; the palette passes nothing.
 */
export function commandTarget(args: unknown[]): { uri: string; position?: ProtocolPosition } | undefined {
  const [a, b] = args;
  if (typeof a === 'string') return { uri: a, position: b as ProtocolPosition | undefined };
  const editor = vscode.window.activeTextEditor;
  const uri = a instanceof vscode.Uri ? a : editor?.document.uri;
  if (!uri) return undefined;
  const active = editor && editor.document.uri.toString() === uri.toString() ? editor.selection.active : undefined;
  return { uri: uri.toString(), position: active ? { line: active.line, character: active.character } : undefined };
}

/** Opens the source of truth beside the doc with its range selected; several sources → a pick. */
export async function openSources(client: LanguageClient, raw: unknown): Promise<void> {
  const locations = Array.isArray(raw) ? (raw as ProtocolLocation[]).map((l) => client.protocol2CodeConverter.asLocation(l)) : [];
  if (locations.length === 0) {
    void vscode.window.showInformationMessage('Doc Truth: no source of truth is known for the text at the cursor.');
    return;
  }
  let target = locations[0];
  if (locations.length > 1) {
    const picked = await vscode.window.showQuickPick(
      locations.map((loc) => ({ label: `${vscode.workspace.asRelativePath(loc.uri)}:${loc.range.start.line + 1}`, loc })),
      { placeHolder: 'Sources of truth for this claim' },
    );
    if (!picked) return;
    target = picked.loc;
  }
  await vscode.window.showTextDocument(target.uri, { viewColumn: vscode.ViewColumn.Beside, selection: target.range });
}

/** Opens the documentation of the Doc Truth rule behind the problem at the cursor. */
export async function openRuleDocs(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  const pos = editor.selection.active;
  const ours = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === SOURCE);
  const here = ours.filter((d) => d.range.contains(pos));
  const candidates = here.length ? here : ours.filter((d) => d.range.start.line <= pos.line && pos.line <= d.range.end.line);
  const rules = new Map<string, vscode.Uri>();
  for (const d of candidates) {
    if (typeof d.code === 'object' && d.code.target) rules.set(String(d.code.value), d.code.target);
  }
  if (rules.size === 0) {
    void vscode.window.showInformationMessage('Doc Truth: no problem at the cursor.');
    return;
  }
  let target = [...rules.values()][0];
  if (rules.size > 1) {
    const picked = await vscode.window.showQuickPick([...rules.keys()], { placeHolder: 'Open the documentation of rule…' });
    if (!picked) return;
    target = rules.get(picked)!;
  }
  await vscode.env.openExternal(target);
}
