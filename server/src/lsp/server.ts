// The Doc Truth language server: keeps one index per workspace folder in step with the files on
// disk, checks the open Markdown documents against it, and offers fixes, hovers, lenses and
// navigation from the last published result.
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  createConnection,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocuments,
  TextDocumentSyncKind,
  WatchKind,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type Location,
  type Position,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import pkg from '../../../package.json';
import { DocumentChecker, SOURCE } from '../engine/check';
import { MemoryGovernor } from './memoryGovernor';
import { CONFIG_FILE } from '../engine/config';
import { pathToUri } from '../engine/uris';
import { isDrift, sourcesAt, type CheckedDocument } from './checkedDocument';
import { codeActions, preferredFixEdits, workspaceEdit, type EditOptions } from './codeActions';
import { codeLenses } from './codeLens';
import { FileEventQueue } from './fileEventQueue';
import { runLater } from './runLater';
import { hoverAt } from './hover';
import { COMMANDS, FIX_ALL_KIND, SERVER_COMMANDS, SETTINGS_SECTION, STATUS_NOTIFICATION, type StatusParams } from './protocol';
import { DEFAULT_SERVER_OPTIONS, readServerOptions, type ServerOptions } from './serverOptions';
import { WorkspaceFolderHost, type FileEvent } from './workspaceFolder';

/** A bigger document is not documentation (the CLI applies the same cap). */
const MAX_DOC_CHARS = 4 * 1024 * 1024;
/** A client that never answers `workspace/configuration` must not stall every check. */
const SETTINGS_TIMEOUT_MS = 3000;

/** Files whose change can change a verdict. */
const WATCHED_SOURCES = ['**/*.go', '**/*.proto', '**/go.mod', '**/go.work', '**/.env.{example,sample,template,dist,defaults}', '**/{example,sample}.env', `**/${CONFIG_FILE}`];

/** Why a check runs: a change in `onSave` mode waits for the save; every other reason checks now. */
type Trigger = 'open' | 'change' | 'save' | 'recheck';

interface ClientFeatures {
  configuration: boolean;
  workspaceFolders: boolean;
  watchedFilesDynamic: boolean;
  configurationDynamic: boolean;
  codeLensRefresh: boolean;
  edit: EditOptions;
}

function clientFeatures(caps: ClientCapabilities): ClientFeatures {
  return {
    configuration: Boolean(caps.workspace?.configuration),
    workspaceFolders: Boolean(caps.workspace?.workspaceFolders),
    watchedFilesDynamic: Boolean(caps.workspace?.didChangeWatchedFiles?.dynamicRegistration),
    configurationDynamic: Boolean(caps.workspace?.didChangeConfiguration?.dynamicRegistration),
    codeLensRefresh: Boolean(caps.workspace?.codeLens?.refreshSupport),
    edit: { documentChanges: Boolean(caps.workspace?.workspaceEdit?.documentChanges) },
  };
}

class DocTruthServer {
  private readonly documents = new TextDocuments(TextDocument);
  private folders: WorkspaceFolderHost[] = [];
  private features: ClientFeatures = clientFeatures({});
  private initialized = false;
  /** Settings a client pushed with `didChangeConfiguration`, for clients that cannot be asked. */
  private pushedSettings: unknown;

  private readonly results = new Map<string, CheckedDocument & { key: string }>();
  private readonly timers = new Map<string, { cancel: () => void; trigger: Trigger }>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly openVersions = new Map<string, number>();
  private readonly configErrorsShown = new Set<string>();
  private readonly logged = new Set<string>();
  private lastStatus = '';
  private options: ServerOptions = DEFAULT_SERVER_OPTIONS;
  private fileEvents = new FileEventQueue((events) => this.applyFileEvents(events), DEFAULT_SERVER_OPTIONS.watchDebounceMs);
  /**
   * Per open document: its sections, parsed and checked, so an edit re-parses and re-checks only
   * the sections it touches instead of the whole document (tens of milliseconds on a long doc).
   */
  private readonly checkers = new Map<string, DocumentChecker>();
  private readonly memory = new MemoryGovernor();
  private memorySettled = false;

  constructor(private readonly connection: Connection) {}

  listen(): void {
    const c = this.connection;
    c.onInitialize((params) => this.initialize(params));
    c.onInitialized(() => void this.guard('initialized', () => this.onInitialized(), undefined));
    c.onDidChangeConfiguration((params) => {
      this.pushedSettings = (params.settings as Record<string, unknown> | null)?.[SETTINGS_SECTION];
      for (const f of this.folders) f.invalidateSettings();
      this.recheck(this.folders);
    });
    c.onDidChangeWatchedFiles((params) => {
      this.memory.busy();
      this.fileEvents.add(params.changes);
    });

    this.documents.onDidOpen((e) => {
      this.openVersions.set(e.document.uri, e.document.version);
      this.schedule(e.document.uri, 0, 'open');
    });
    this.documents.onDidChangeContent((e) => {
      // The open event also reports content; only later versions are edits.
      if (this.openVersions.get(e.document.uri) === e.document.version) return;
      this.schedule(e.document.uri, this.options.debounceMs, 'change');
    });
    this.documents.onDidSave((e) => this.schedule(e.document.uri, 0, 'save'));
    this.documents.onDidClose((e) => this.close(e.document.uri));

    // Requests that arrive while a check is pending wait for it (a typing pause at most), so they
    // answer from the text the editor shows rather than refusing.
    c.onCodeAction((params, token) =>
      this.guard('code actions', async () => {
        await this.settled(params.textDocument.uri, token);
        const checked = this.current(params.textDocument.uri);
        // Fixes carry ranges of the version they were computed for; on a newer text they would corrupt it.
        if (!checked) return [];
        return codeActions(checked, params.range, params.context.only, this.features.edit);
      }, []),
    );
    c.onHover((params, token) =>
      this.guard('hover', async () => {
        await this.settled(params.textDocument.uri, token);
        const checked = this.current(params.textDocument.uri);
        return checked ? hoverAt(checked, params.position) : null;
      }, null),
    );
    c.onDefinition((params, token) =>
      this.guard('definition', async () => {
        await this.settled(params.textDocument.uri, token);
        const checked = this.current(params.textDocument.uri);
        const locations = checked ? sourcesAt(checked, params.position) : [];
        return locations.length ? locations : null;
      }, null),
    );
    c.onCodeLens((params, token) => this.guard('code lens', async () => {
      await this.settled(params.textDocument.uri, token);
      const checked = this.current(params.textDocument.uri);
      return checked ? codeLenses(checked) : [];
    }, []));
    c.onExecuteCommand((params) => this.guard(`command ${params.command}`, () => this.executeCommand(params.command, params.arguments ?? []), null));

    this.documents.listen(c);
    c.listen();
  }

  // ------------------------------------------------------------------ lifecycle

  private initialize(params: InitializeParams): InitializeResult {
    this.features = clientFeatures(params.capabilities);
    this.options = readServerOptions(params.initializationOptions);
    this.fileEvents = new FileEventQueue((events) => this.applyFileEvents(events), this.options.watchDebounceMs);
    const folders: WorkspaceFolder[] = params.workspaceFolders?.length
      ? params.workspaceFolders
      : params.rootUri
        ? [{ uri: params.rootUri, name: basename(fileURLToPath(params.rootUri)) }]
        : [];
    this.folders = folders.flatMap((f) => this.makeFolder(f));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        definitionProvider: true,
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: [...SERVER_COMMANDS] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'doc-truth', version: pkg.version },
    };
  }

  private async onInitialized(): Promise<void> {
    this.initialized = true;
    const c = this.connection;
    this.sendStatus();
    // Indexing starts before any registration round trip: a client slow to answer must not delay it.
    const loading = Promise.all(this.folders.map((f) => f.load()));
    if (this.features.workspaceFolders) c.workspace.onDidChangeWorkspaceFolders((e) => this.changeFolders(e.added, e.removed));
    if (this.features.configurationDynamic) {
      await this.guard('registering for settings changes', () => c.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }), undefined);
    }
    if (this.features.watchedFilesDynamic) {
      const watchers = [
        ...WATCHED_SOURCES.map((globPattern) => ({ globPattern })),
        // Any file appearing or going away can make a path claim true or false.
        { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete },
      ];
      await this.guard('registering file watchers', () => c.client.register(DidChangeWatchedFilesNotification.type, { watchers }), undefined);
    }
    await loading;
  }

  private changeFolders(added: readonly WorkspaceFolder[], removed: readonly WorkspaceFolder[]): void {
    const removedUris = new Set(removed.map((f) => f.uri));
    const gone = this.folders.filter((f) => removedUris.has(f.uri));
    const fresh = added.filter((f) => !this.folders.some((h) => h.uri === f.uri)).flatMap((f) => this.makeFolder(f));
    this.folders = [...this.folders.filter((f) => !removedUris.has(f.uri)), ...fresh];
    for (const f of gone) this.publishConfigError(f, true);
    for (const f of fresh) void f.load();
    // Every open document may now belong to another folder, or to none (which clears it).
    for (const doc of this.documents.all()) this.schedule(doc.uri, 0, 'recheck');
    this.sendStatus();
  }

  private makeFolder(f: WorkspaceFolder): WorkspaceFolderHost[] {
    if (!f.uri.startsWith('file:')) {
      this.log(`workspace folder ${f.uri} is not on disk; not indexed`);
      return [];
    }
    const root = fileURLToPath(f.uri);
    return [
      new WorkspaceFolderHost(f.uri, root, f.name, {
        cacheDir: this.options.cacheDir,
        log: (m) => this.log(m),
        fetchSettings: (scopeUri) => this.fetchSettings(scopeUri),
        changed: (folder) => {
          this.publishConfigError(folder);
          this.logProblems(folder);
          this.sendStatus();
          this.recheck([folder]);
        },
      }),
    ];
  }

  private async fetchSettings(scopeUri: string): Promise<unknown> {
    if (!this.features.configuration) return this.pushedSettings;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer to workspace/configuration in ${SETTINGS_TIMEOUT_MS} ms`)), SETTINGS_TIMEOUT_MS);
      timer.unref?.();
    });
    try {
      return await Promise.race([this.connection.workspace.getConfiguration({ scopeUri, section: SETTINGS_SECTION }), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  // ------------------------------------------------------------------ checking

  /** The folder a document belongs to: the deepest one holding it; untitled buffers use the first. */
  private folderFor(uri: string): WorkspaceFolderHost | undefined {
    if (uri.startsWith('untitled:')) return this.folders[0];
    let best: WorkspaceFolderHost | undefined;
    for (const f of this.folders) if (f.relPath(uri) !== undefined && (!best || f.root.length > best.root.length)) best = f;
    return best;
  }

  private schedule(uri: string, delay: number, trigger: Trigger): void {
    this.memory.busy();
    const prev = this.timers.get(uri);
    if (prev) prev.cancel();
    // A pending open, save or recheck is not downgraded to an edit by typing that follows it.
    const effective = prev && prev.trigger !== 'change' ? prev.trigger : trigger;
    const start = () => {
      this.timers.delete(uri);
      const run = this.guard(`check ${uri}`, () => this.check(uri, effective), undefined).finally(() => {
        if (this.running.get(uri) === run) this.running.delete(uri);
      });
      this.running.set(uri, run);
    };
    this.timers.set(uri, { cancel: runLater(start, delay), trigger: effective });
  }

  private recheck(folders: readonly WorkspaceFolderHost[]): void {
    for (const doc of this.documents.all()) {
      // One document whose folder cannot be worked out must not stop the others' re-checks.
      try {
        const f = this.folderFor(doc.uri);
        if (f && folders.includes(f)) this.schedule(doc.uri, 0, 'recheck');
      } catch (err) {
        this.log(`re-check of ${doc.uri} skipped: ${(err as Error).message}`);
      }
    }
  }

  /** Resolves when no check is scheduled or running for the document. */
  private async settled(uri: string, token?: CancellationToken): Promise<void> {
    for (let i = 0; i < 50 && !token?.isCancellationRequested; i++) {
      const running = this.running.get(uri);
      if (running) {
        await running;
        continue;
      }
      if (!this.timers.has(uri)) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private async check(uri: string, trigger: Trigger): Promise<void> {
    const folder = this.folderFor(uri);
    if (!folder) return this.clear(uri);
    await folder.whenReady();
    const settings = await folder.settings();
    // Everything below is synchronous: the text checked is the text whose version is published.
    const doc = this.documents.get(uri);
    if (!doc) return;
    if (trigger === 'change' && settings.run === 'onSave') return;
    if (!settings.enable || !folder.isCheckedDocument(uri, settings)) return this.clear(uri);
    const snapshot = folder.snapshot();
    if (!snapshot) return this.clear(uri);
    if (doc.getText().length > MAX_DOC_CHARS) {
      this.logOnce(`${uri}: larger than 4 MB; not checked`);
      return this.clear(uri);
    }
    const key = `${doc.version}|${snapshot.version}|${folder.generation}`;
    if (this.results.get(uri)?.key === key) return;

    let checker = this.checkers.get(uri);
    if (!checker) this.checkers.set(uri, (checker = new DocumentChecker(uri)));
    const result = checker.check(doc.getText(), snapshot, folder.config(settings), { root: folder.root });
    for (const e of result.ruleErrors) this.logOnce(`rule ${e.ruleId} failed on ${uri}: ${e.message}`);
    const checked = {
      uri,
      version: doc.version,
      root: folder.root,
      model: result.model,
      snapshot,
      diagnostics: result.diagnostics,
      claimsChecked: result.claimsChecked,
      claims: result.claims,
      key,
    };
    this.results.set(uri, checked);
    void this.connection.sendDiagnostics({ uri, version: doc.version, diagnostics: result.diagnostics });
    this.sendStatus();
    // Once the diagnostics are on their way: the first check takes the memory level, later ones
    // keep to it.
    setImmediate(() => {
      if (this.memorySettled) return this.memory.afterWork();
      this.memory.settle();
      this.memorySettled = true;
    });
    // Lenses follow text edits on their own; a change that came from the sources needs a nudge.
    if (this.features.codeLensRefresh && (trigger === 'recheck' || trigger === 'save')) {
      this.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    }
  }

  private clear(uri: string): void {
    if (!this.results.delete(uri)) return;
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.sendStatus();
  }

  private close(uri: string): void {
    this.timers.get(uri)?.cancel();
    this.timers.delete(uri);
    this.openVersions.delete(uri);
    this.checkers.delete(uri);
    this.results.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.sendStatus();
  }

  /** The result for the document's current version, or undefined when it is out of date. */
  private current(uri: string): CheckedDocument | undefined {
    const checked = this.results.get(uri);
    const doc = this.documents.get(uri);
    return checked && doc && checked.version === doc.version ? checked : undefined;
  }

  private async applyFileEvents(events: FileEvent[]): Promise<void> {
    const byFolder = new Map<WorkspaceFolderHost, FileEvent[]>();
    for (const e of events) {
      const f = this.folderFor(e.uri);
      if (!f) continue;
      byFolder.set(f, [...(byFolder.get(f) ?? []), e]);
    }
    for (const [folder, list] of byFolder) {
      await this.guard(`file changes in ${folder.name}`, () => folder.applyFileEvents(list), false);
    }
  }

  // ------------------------------------------------------------------ commands

  private async executeCommand(command: string, args: unknown[]): Promise<unknown> {
    switch (command) {
      case COMMANDS.showSourceOfTruth: {
        const target = commandTarget(args);
        if (!target?.position) return [];
        await this.settled(target.uri);
        const checked = this.current(target.uri);
        return checked ? sourcesAt(checked, target.position) : ([] as Location[]);
      }
      case COMMANDS.fixAll: {
        const target = commandTarget(args);
        if (!target) return { applied: 0 };
        await this.settled(target.uri);
        const checked = this.current(target.uri);
        if (!checked) return { applied: 0 };
        const edits = preferredFixEdits(checked.diagnostics);
        if (edits.length === 0) return { applied: 0 };
        const res = await this.connection.workspace.applyEdit({ label: 'Fix all Doc Truth problems', edit: workspaceEdit(checked, edits, this.features.edit) });
        return { applied: res.applied ? edits.length : 0, failureReason: res.failureReason };
      }
      case COMMANDS.recheck: {
        await this.fileEvents.idle();
        await Promise.all(this.folders.map((f) => f.load()));
        for (const f of this.folders) f.invalidateSettings();
        const uris = this.documents.all().map((d) => d.uri);
        for (const uri of uris) {
          this.timers.get(uri)?.cancel();
          this.timers.delete(uri);
        }
        await Promise.all(uris.map((uri) => this.guard(`check ${uri}`, () => this.check(uri, 'recheck'), undefined)));
        return { documents: uris.filter((u) => this.results.has(u)).length };
      }
      default:
        throw new Error(`unknown command ${command}`);
    }
  }

  // ------------------------------------------------------------------ reporting

  private sendStatus(): void {
    if (!this.initialized) return;
    const docs = [...this.results.values()].map((r) => ({ uri: r.uri, claimsChecked: r.claimsChecked, drifted: r.diagnostics.filter(isDrift).length }));
    const failing = this.folders.find((f) => f.state === 'error' || f.configError);
    const state: StatusParams['state'] = this.folders.some((f) => f.state === 'indexing') ? 'indexing' : failing ? 'error' : 'ready';
    const status: StatusParams = {
      state,
      files: this.folders.reduce((n, f) => n + (f.snapshot()?.filePaths.size ?? 0), 0),
      claimsChecked: docs.reduce((n, d) => n + d.claimsChecked, 0),
      drifted: docs.reduce((n, d) => n + d.drifted, 0),
      documents: docs,
    };
    if (state === 'error' && failing) status.message = failing.message ?? failing.configError;
    const json = JSON.stringify(status);
    if (json === this.lastStatus) return;
    this.lastStatus = json;
    void this.connection.sendNotification(STATUS_NOTIFICATION, status);
  }

  /** An invalid `.doc-truth.json` is reported on the file itself, where it can be fixed. */
  private publishConfigError(folder: WorkspaceFolderHost, clearOnly = false): void {
    const uri = pathToUri(folder.root, CONFIG_FILE);
    if (folder.configError && !clearOnly) {
      const diagnostic: Diagnostic = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, severity: DiagnosticSeverity.Error, source: SOURCE, message: folder.configError };
      this.configErrorsShown.add(uri);
      void this.connection.sendDiagnostics({ uri, diagnostics: [diagnostic] });
    } else if (this.configErrorsShown.delete(uri)) {
      void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  }

  /** Indexing problems go to the log once each, not on every snapshot. */
  private logProblems(folder: WorkspaceFolderHost): void {
    for (const p of folder.snapshot()?.problems ?? []) this.logOnce(`${folder.name}: ${p.path}${p.line ? `:${p.line}` : ''}: ${p.message}`);
  }

  private logOnce(message: string): void {
    if (this.logged.has(message)) return;
    this.logged.add(message);
    this.log(message);
  }

  private log(message: string): void {
    this.connection.console.log(message);
  }

  /** Runs a handler so that nothing it throws reaches the connection: log and answer `fallback`. */
  private async guard<T>(what: string, fn: () => T | Promise<T>, fallback: T): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      this.connection.console.error(`${what} failed: ${(err as Error)?.stack ?? String(err)}`);
      return fallback;
    }
  }
}

/** Command arguments as `(uri, position)`, `({ uri, position })` or `({ textDocument: { uri }, position })`. */
function commandTarget(args: unknown[]): { uri: string; position?: Position } | undefined {
  const [a, b] = args;
  if (typeof a === 'string') return { uri: a, position: isPosition(b) ? b : undefined };
  if (a && typeof a === 'object') {
    const o = a as { uri?: unknown; textDocument?: { uri?: unknown }; position?: unknown };
    const uri = typeof o.uri === 'string' ? o.uri : typeof o.textDocument?.uri === 'string' ? o.textDocument.uri : undefined;
    if (uri) return { uri, position: isPosition(o.position) ? o.position : undefined };
  }
  return undefined;
}

function isPosition(p: unknown): p is Position {
  return Boolean(p && typeof p === 'object' && typeof (p as Position).line === 'number' && typeof (p as Position).character === 'number');
}

/**
 * Starts the server on `connection`, or on one made from the process arguments (`--stdio`,
 * `--node-ipc`, `--socket=`, `--pipe=`). Returns the connection it listens on.
 */
export function startServer(connection: Connection = createConnection()): Connection {
  // A failure anywhere is logged; a linter that dies takes every editor feature with it.
  process.on('uncaughtException', (err) => connection.console.error(`unexpected error: ${err.stack ?? err}`));
  process.on('unhandledRejection', (err) => connection.console.error(`unexpected rejection: ${(err as Error)?.stack ?? err}`));
  new DocTruthServer(connection).listen();
  return connection;
}
