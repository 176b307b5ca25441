// A minimal LSP client for tests: spawns the bundled server over stdio and speaks real JSON-RPC to
// it, keeping every notification it sends so tests can wait for the one they expect.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  ErrorCodes,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  ResponseError,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type WorkspaceEdit,
  type WorkspaceFolder,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const REPO = resolve(__dirname, '..', '..');
export const SERVER = join(REPO, 'dist', 'server.js');
export const FIXTURE = join(REPO, 'test', 'fixtures', 'lsp-workspace');

/** Fails with a clear message when the bundle the tests talk to is missing. */
export function requireServerBuild(): void {
  if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first (\`npm test\` builds before testing).`);
}

/** A throw-away copy of a fixture workspace, so tests can edit files on disk. */
export function copyWorkspace(fixture = FIXTURE): string {
  const dir = mkdtempSync(join(tmpdir(), 'doc-truth-lsp-'));
  cpSync(fixture, dir, { recursive: true });
  return dir;
}

export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}

export interface ClientOptions {
  folders: WorkspaceFolder[];
  /**
   * What the client answers to `workspace/configuration` for the `docTruth` section. `'none'`:
   * the client announces the capability but answers every such request with an error.
   */
  settings?: Record<string, unknown> | 'none';
  capabilities?: ClientCapabilities;
}

export const FULL_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    applyEdit: true,
    workspaceEdit: { documentChanges: true },
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
  },
  textDocument: {
    synchronization: { didSave: true, dynamicRegistration: false },
    publishDiagnostics: { versionSupport: true, relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true, dataSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
};

export class TestClient {
  readonly publishes: PublishDiagnosticsParams[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  readonly appliedEdits: WorkspaceEdit[] = [];
  readonly configurationRequests: unknown[] = [];
  settings: Record<string, unknown> | 'none';
  private readonly waiters: { check: () => boolean; resolve: () => void }[] = [];
  private readonly docs = new Map<string, TextDocument>();
  initializeResult?: InitializeResult;

  private constructor(
    private readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
    opts: ClientOptions,
  ) {
    this.settings = opts.settings ?? {};
  }

  static async start(opts: ClientOptions): Promise<TestClient> {
    requireServerBuild();
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestClient(child, connection, opts);
    client.listen();
    connection.listen();
    client.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: opts.folders[0]?.uri ?? null,
      workspaceFolders: opts.folders,
      capabilities: opts.capabilities ?? FULL_CAPABILITIES,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  private listen(): void {
    const c = this.connection;
    c.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.publishes.push(p);
      this.wake();
    });
    c.onUnhandledNotification((n) => {
      this.notifications.push({ method: n.method, params: n.params });
      this.wake();
    });
    c.onRequest('workspace/configuration', (params: { items: unknown[] }) => {
      this.configurationRequests.push(params);
      if (this.settings === 'none') throw new ResponseError(ErrorCodes.MethodNotFound, 'configuration is not supported by this client');
      return params.items.map(() => this.settings);
    });
    c.onRequest('client/registerCapability', (params: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      this.registrations.push(...params.registrations);
      this.wake();
      return null;
    });
    c.onRequest('client/unregisterCapability', () => null);
    c.onRequest('workspace/applyEdit', (params: { edit: WorkspaceEdit }) => {
      this.appliedEdits.push(params.edit);
      this.wake();
      return { applied: true };
    });
    c.onRequest('workspace/codeLens/refresh', () => null);
  }

  private wake(): void {
    for (const w of [...this.waiters]) {
      if (w.check()) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  }

  /** Resolves once `check` holds (now or after a later message); the mocha timeout bounds the wait. */
  until(check: () => boolean): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ check, resolve }));
  }

  /** Waits for a publish for `uri` after the `after`-th publish that satisfies `match`. */
  async nextPublish(uri: string, match: (p: PublishDiagnosticsParams) => boolean = () => true, after = this.publishes.length): Promise<PublishDiagnosticsParams> {
    let found: PublishDiagnosticsParams | undefined;
    await this.until(() => {
      found = this.publishes.slice(after).find((p) => p.uri === uri && match(p));
      return found !== undefined;
    });
    return found!;
  }

  publishesFor(uri: string): PublishDiagnosticsParams[] {
    return this.publishes.filter((p) => p.uri === uri);
  }

  // ---------------------------------------------------------------- documents

  async open(uri: string, text: string, languageId = 'markdown'): Promise<TextDocument> {
    const doc = TextDocument.create(uri, languageId, 1, text);
    this.docs.set(uri, doc);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return doc;
  }

  doc(uri: string): TextDocument {
    const d = this.docs.get(uri);
    if (!d) throw new Error(`${uri} is not open`);
    return d;
  }

  /** Replaces the whole text (a full-content change, which incremental servers accept too). */
  async change(uri: string, text: string): Promise<TextDocument> {
    const prev = this.doc(uri);
    const doc = TextDocument.create(uri, prev.languageId, prev.version + 1, text);
    this.docs.set(uri, doc);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: doc.version }, contentChanges: [{ text }] });
    return doc;
  }

  async save(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
  }

  async close(uri: string): Promise<void> {
    this.docs.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // Already gone.
    }
    this.connection.dispose();
    if (this.child.exitCode === null) this.child.kill();
  }
}

export function removeWorkspace(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** The text a WorkspaceEdit makes of `doc` (only edits for that document). */
export function applyWorkspaceEdit(doc: TextDocument, edit: WorkspaceEdit): string {
  const edits = [
    ...(edit.changes?.[doc.uri] ?? []),
    ...(edit.documentChanges ?? []).flatMap((c) => ('textDocument' in c && c.textDocument.uri === doc.uri ? c.edits : [])),
  ];
  return TextDocument.applyEdits(doc, edits as Parameters<typeof TextDocument.applyEdits>[1]);
}
