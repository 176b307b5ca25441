// Drives the built language server over stdio JSON-RPC the way an editor does, and timestamps
// what it publishes: how long from a change (a keystroke, a changed .go file) to the diagnostics
// for it. Typing and file-event debounces are turned off through initializationOptions so the
// figures measure the work, not the wait.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

export interface Published {
  params: PublishDiagnosticsParams;
  at: number;
}

export class LspDriver {
  private waiters: { check: (p: Published) => boolean; resolve: (p: Published) => void }[] = [];
  private version = 1;

  private constructor(
    private readonly child: ChildProcess,
    private readonly connection: ProtocolConnection,
  ) {}

  static async start(serverJs: string, root: string, initializationOptions: Record<string, unknown>, nodeArgs: string[] = []): Promise<LspDriver> {
    const child = spawn(process.execPath, [...nodeArgs, serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const driver = new LspDriver(child, connection);
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => driver.onPublish({ params, at: performance.now() }));
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/codeLens/refresh', () => null);
    connection.onUnhandledNotification(() => undefined);
    connection.listen();
    const uri = pathToFileURL(root).href;
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: 'bench' }],
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: { synchronization: { didSave: true }, publishDiagnostics: { versionSupport: true } },
      },
      initializationOptions,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return driver;
  }

  get pid(): number {
    return this.child.pid!;
  }

  // Publishes are not kept: a thousand edits' diagnostics would grow the driver's heap, and its
  // collections would show in the latencies it measures.
  private onPublish(p: Published): void {
    this.waiters = this.waiters.filter((w) => {
      if (!w.check(p)) return true;
      w.resolve(p);
      return false;
    });
  }

  /** The next publish (after now) that satisfies `check`. */
  next(check: (p: Published) => boolean): Promise<Published> {
    return new Promise((resolve) => this.waiters.push({ check, resolve }));
  }

  async open(uri: string, text: string): Promise<Published> {
    this.version = 1;
    const got = this.next((p) => p.params.uri === uri);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    return got;
  }

  /** Sends one incremental change; resolves with the time until that version's diagnostics. */
  async edit(uri: string, change: TextDocumentContentChangeEvent): Promise<number> {
    const version = ++this.version;
    const got = this.next((p) => p.params.uri === uri && p.params.version === version);
    const t0 = performance.now();
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    const p = await got;
    return p.at - t0;
  }

  /** Reports a changed file on disk; resolves with the time until the doc's diagnostics are republished. */
  async fileChanged(fileUri: string, docUri: string): Promise<number> {
    const got = this.next((p) => p.params.uri === docUri);
    const t0 = performance.now();
    await this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri, type: 2 }] });
    const p = await got;
    return p.at - t0;
  }

  /** Resident and peak resident memory of the server process, from /proc. */
  memory(): { rssMB: number; hwmMB: number } {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMB: kb('VmRSS') / 1024, hwmMB: kb('VmHWM') / 1024 };
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // Already gone.
    }
    this.connection.dispose();
    // A profiling server writes its profile on a clean exit; give it a moment before insisting.
    if (this.child.exitCode === null) await new Promise<void>((res) => {
      const timer = setTimeout(() => {
        this.child.kill();
        res();
      }, 5000);
      this.child.once('exit', () => {
        clearTimeout(timer);
        res();
      });
    });
  }
}
