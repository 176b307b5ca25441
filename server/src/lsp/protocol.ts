// The vocabulary the language server and its clients share beyond standard LSP: command ids, the
// status notification and the setting names. Kept free of server code so the client bundle can use it.

export const COMMANDS = {
  /** Args `(uri, position)` or `({ uri, position })`; returns the `Location[]` of the claim's source of truth. */
  showSourceOfTruth: 'docTruth.showSourceOfTruth',
  /** Args `(uri)`; applies every preferred fix in the document through `workspace/applyEdit`. */
  fixAll: 'docTruth.fixAll',
  /** No args; re-reads the workspace sources and re-checks the open documents. */
  recheck: 'docTruth.recheck',
} as const;

/** Server-side commands, advertised through `executeCommandProvider`. */
export const SERVER_COMMANDS: readonly string[] = Object.values(COMMANDS);

/** Code action kind of "fix all doc-truth problems", so `editor.codeActionsOnSave` can name it. */
export const FIX_ALL_KIND = 'source.fixAll.docTruth';

export const STATUS_NOTIFICATION = 'docTruth/status';

export interface DocumentStatus {
  uri: string;
  claimsChecked: number;
  drifted: number;
}

export interface StatusParams {
  state: 'indexing' | 'ready' | 'error';
  /** Workspace files the index knows about, over every folder. */
  files: number;
  /** Totals over the documents currently checked. */
  claimsChecked: number;
  drifted: number;
  message?: string;
  /** Per-document numbers, so a client can show the ones of the active editor. */
  documents?: DocumentStatus[];
}

/** The settings section; every setting below lives under it. */
export const SETTINGS_SECTION = 'docTruth';

export type RunMode = 'onType' | 'onSave';
