// The vocabulary the language server and its clients share beyond standard LSP: command ids, the
// status notification, the setting names and how to start the server. Kept free of server code so
// the client bundle can use it.

/**
 * Node flags to start the server with. V8's young generation grows to 16 MB per semi-space, and
 * on a large workspace that kept ~25 MB more resident than 8 MB does, for a few percent more time
 * in scavenges (measured with `npm run bench`). A flag for the process, not something the server
 * can set once running: clients pass it (the VS Code client does; other editors may).
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8'];

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
