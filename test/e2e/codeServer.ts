// code-server (VS Code 1.100.3 served to a browser) and Chromium driven by playwright-core: the way
// to run the extension in a real VS Code where VS Code itself cannot be downloaded. Both come from
// the cache folder scripts/e2e/provision.sh fills, not from the project's dependencies.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const toolsCache = process.env.DOC_TRUTH_E2E_CACHE ?? join(homedir(), '.cache', 'doc-truth-e2e');
export const chromiumPath = process.env.DOC_TRUTH_E2E_CHROMIUM ?? '/usr/bin/chromium';

/** The slice of playwright-core these scripts use; the package lives outside node_modules. */
export interface Page {
  exposeFunction(name: string, fn: (...args: never[]) => unknown): Promise<void>;
  goto(url: string, options?: { waitUntil?: 'load' | 'domcontentloaded'; timeout?: number }): Promise<unknown>;
  waitForSelector(selector: string, options?: { timeout?: number; state?: 'attached' | 'visible' }): Promise<unknown>;
  $$eval<R>(selector: string, fn: (elements: { getAttribute(name: string): string | null; textContent: string | null }[]) => R): Promise<R>;
  click(selector: string, options?: { timeout?: number }): Promise<void>;
  keyboard: { press(key: string): Promise<void> };
  screenshot(options: { path: string; type?: 'png' }): Promise<unknown>;
  on(event: 'console', fn: (msg: { type(): string; text(): string }) => void): void;
  on(event: 'pageerror', fn: (err: Error) => void): void;
  close(): Promise<void>;
}
export interface BrowserContext {
  pages(): Page[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}
interface PlaywrightCore {
  chromium: {
    launchPersistentContext(
      userDataDir: string,
      options: { executablePath: string; headless: boolean; args: string[]; viewport?: { width: number; height: number } },
    ): Promise<BrowserContext>;
  };
}

export function loadPlaywright(): PlaywrightCore {
  return createRequire(join(toolsCache, 'package.json'))('playwright-core') as PlaywrightCore;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export interface CodeServer {
  port: number;
  base: string;
  /** A `vscode-remote://` URI for an absolute path on this machine, as the workbench names it. */
  remoteUri(absPath: string): string;
  stop(): Promise<void>;
}

const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
};

const codeServerEntry = join(toolsCache, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/** Everything code-server writes goes under `tmp`: user data, extensions and the XDG folders it would take from $HOME. */
function isolatedDirs(tmp: string) {
  const dirs = { ud: join(tmp, 'user-data'), exts: join(tmp, 'extensions'), xdg: join(tmp, 'xdg') };
  mkdirSync(join(dirs.ud, 'User'), { recursive: true });
  mkdirSync(dirs.exts, { recursive: true });
  for (const d of ['config', 'data', 'cache']) mkdirSync(join(dirs.xdg, d), { recursive: true });
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: join(dirs.xdg, 'config'),
    XDG_DATA_HOME: join(dirs.xdg, 'data'),
    XDG_CACHE_HOME: join(dirs.xdg, 'cache'),
  };
  return { ...dirs, env, args: ['--user-data-dir', dirs.ud, '--extensions-dir', dirs.exts] };
}

/** Installs a packaged extension into the extensions folder the server started with the same `tmp` uses. */
export function installVsix(tmp: string, vsix: string): void {
  const dirs = isolatedDirs(tmp);
  const res = spawnSync(process.execPath, [codeServerEntry, ...dirs.args, '--install-extension', vsix], { env: dirs.env, encoding: 'utf8', timeout: 120_000 });
  if (res.status !== 0) throw new Error(`code-server --install-extension ${vsix} failed (${res.status ?? res.signal}):\n${res.stdout}${res.stderr}`);
}

/** Starts code-server on 127.0.0.1 with everything it writes under `tmp`, and waits until it answers. */
export async function startCodeServer(tmp: string, workspace: string, log: (line: string) => void): Promise<CodeServer> {
  const port = await freePort();
  const dirs = isolatedDirs(tmp);
  writeFileSync(join(dirs.ud, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  const config = join(tmp, 'code-server.yaml');
  writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);

  const child: ChildProcess = spawn(
    process.execPath,
    [
      codeServerEntry,
      '--config', config,
      ...dirs.args,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      workspace,
    ],
    // Its own process group, so stopping it also stops the extension host and language server.
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: dirs.env },
  );
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) output.push(line);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  child.on('exit', () => (exited = true));

  const stop = async () => {
    if (exited || child.pid === undefined) return;
    const signalGroup = (sig: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, sig);
      } catch {
        // Already gone.
      }
    };
    signalGroup('SIGTERM');
    const deadline = Date.now() + 5_000;
    while (!exited && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    signalGroup('SIGKILL');
  };

  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`code-server exited before it answered:\n${output.join('\n')}`);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer on ${base}/healthz within 30 s:\n${output.join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  log(`code-server listening on ${base} (pid ${child.pid})`);
  return { port, base, remoteUri: (p) => `vscode-remote://127.0.0.1:${port}${p}`, stop };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Headless Chromium with its profile under `tmp`, as every check against code-server runs it. */
export function launchBrowser(tmp: string): Promise<BrowserContext> {
  return loadPlaywright().chromium.launchPersistentContext(join(tmp, 'chromium'), {
    executablePath: chromiumPath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 760 },
  });
}

/** A workbench URL opening `folder`, with the payload entries VS Code web reads from the query. */
export function workbenchUrl(server: CodeServer, folder: string, payload: [string, string][]): string {
  return `${server.base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
