// The Doc Truth entry in the Markdown language status area: indexing, or how many claims of the
// active document were checked and how many drifted. Clicking it opens the output channel.
import * as vscode from 'vscode';
import type { StatusParams } from '../../server/src/lsp/protocol';

export const SHOW_OUTPUT_COMMAND = 'docTruth.showOutput';

export class DocTruthStatus implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('docTruth.status', { language: 'markdown' });
  private last?: StatusParams;
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.item.name = 'Doc Truth';
    this.item.command = { title: 'Show Output', command: SHOW_OUTPUT_COMMAND };
    this.item.text = '$(sync~spin) Doc Truth: starting…';
    this.item.busy = true;
    this.subscription = vscode.window.onDidChangeActiveTextEditor(() => this.render());
  }

  update(status: StatusParams): void {
    this.last = status;
    this.render();
  }

  stopped(message: string): void {
    this.last = undefined;
    this.item.busy = false;
    this.item.severity = vscode.LanguageStatusSeverity.Error;
    this.item.text = 'Doc Truth: stopped';
    this.item.detail = message;
  }

  private render(): void {
    const s = this.last;
    if (!s) return;
    this.item.busy = s.state === 'indexing';
    if (s.state === 'indexing') {
      this.item.text = '$(sync~spin) Doc Truth: indexing…';
      this.item.detail = undefined;
      this.item.severity = vscode.LanguageStatusSeverity.Information;
      return;
    }
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    const doc = s.documents?.find((d) => d.uri === active);
    const counts = doc ?? s;
    const summary = doc || !s.documents ? `${plural(counts.claimsChecked, 'claim')} checked, ${counts.drifted} drifted` : 'not a checked document';
    this.item.text = s.state === 'error' ? `$(error) Doc Truth: ${summary}` : `Doc Truth: ${summary}`;
    this.item.detail = s.state === 'error' ? s.message : `${plural(s.files, 'workspace file')} indexed`;
    this.item.severity = s.state === 'error' ? vscode.LanguageStatusSeverity.Error : counts.drifted > 0 ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
