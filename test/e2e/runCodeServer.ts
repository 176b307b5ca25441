// Runs the end-to-end suite in code-server (a real VS Code 1.100.3 workbench) driven by Chromium,
// then checks in the UI that the drift shows as squiggles and Problems-panel rows, and saves a
// screenshot of it. Exits with the suite's code; everything it starts is stopped on every path.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { launchBrowser, startCodeServer, workbenchUrl, type BrowserContext, type CodeServer, type Page } from './codeServer';
import { assertBuilt, copyFixtureWorkspace, repoRoot, suiteDir } from './paths';
import { checkProblemsUi } from './problemsUi';

const OVERALL_TIMEOUT_MS = Number(process.env.DOC_TRUTH_E2E_TIMEOUT_MS ?? 240_000);
const SCREENSHOT = resolve(repoRoot, process.env.DOC_TRUTH_E2E_SCREENSHOT ?? 'out/test/e2e/diagnostics.png');
const verbose = process.env.DOC_TRUTH_E2E_VERBOSE === '1';

function say(line: string): void {
  process.stderr.write(`[e2e code-server] ${line}\n`);
}

/** Runs the suite through `extensionTestsPath`; resolves with the exit code the workbench reports. */
async function runSuite(page: Page, server: CodeServer, workspace: string): Promise<number> {
  let settle!: (code: number) => void;
  const exited = new Promise<number>((r) => (settle = r));
  await page.exposeFunction('codeAutomationExit', (code: number) => settle(code));
  // The workbench forwards the extension host's console here, printf-style.
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
    const text = format(...(Array.isArray(args) ? args : [args]));
    if (type === 'error') process.stderr.write(`${text}\n`);
    else process.stdout.write(`${text}\n`);
  });
  await page.goto(
    workbenchUrl(server, workspace, [
      ['extensionDevelopmentPath', server.remoteUri(repoRoot)],
      ['extensionTestsPath', server.remoteUri(suiteDir)],
      ['skipWelcome', 'true'],
    ]),
  );
  return exited;
}

async function main(): Promise<number> {
  assertBuilt();
  const tmp = mkdtempSync(join(tmpdir(), 'doc-truth-e2e-'));
  let server: CodeServer | undefined;
  let browser: BrowserContext | undefined;
  const cleanup = async () => {
    await browser?.close().catch(() => undefined);
    browser = undefined;
    await server?.stop();
    server = undefined;
    rmSync(tmp, { recursive: true, force: true });
  };
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => void cleanup().finally(() => process.exit(130)));
  }

  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Gave up after ${OVERALL_TIMEOUT_MS / 1000} s.`)), OVERALL_TIMEOUT_MS);
  });
  try {
    const work = (async () => {
      const workspace = copyFixtureWorkspace(tmp);
      server = await startCodeServer(tmp, workspace, say);
      browser = await launchBrowser(tmp);
      const page = browser.pages()[0] ?? (await browser.newPage());
      page.on('pageerror', (err) => verbose && say(`page error: ${err.message}`));
      if (verbose) page.on('console', (msg) => say(`console.${msg.type()}: ${msg.text()}`));

      const started = Date.now();
      const code = await runSuite(page, server, workspace);
      say(`suite finished with exit code ${code} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      if (process.env.DOC_TRUTH_E2E_SKIP_UI === '1') return code;

      // Run even after a failing suite: what the user sees is evidence of its own. A fresh window
      // on a fresh copy, since the suite edited its doc.
      const uiWorkspace = copyFixtureWorkspace(join(tmp, 'ui'));
      const uiPage = await browser.newPage();
      await page.close();
      try {
        await checkProblemsUi(uiPage, server, uiWorkspace, {
          payload: [['extensionDevelopmentPath', server.remoteUri(repoRoot)]],
          screenshot: SCREENSHOT,
          log: say,
          verbose,
        });
      } catch (err) {
        say(`UI check FAILED: ${(err as Error).message ?? err}`);
        return code || 1;
      }
      return code;
    })();
    return await Promise.race([work, timeout]);
  } catch (err) {
    say(`FAILED: ${(err as Error).message ?? err}`);
    return 1;
  } finally {
    clearTimeout(timer);
    await cleanup();
  }
}

main().then((code) => process.exit(code));
