// Runs the end-to-end suite in code-server (a real VS Code 1.100.3 workbench) driven by Chromium,
// then checks in the UI that the drift shows as squiggles and Problems-panel rows, and saves a
// screenshot of it. Exits with the suite's code; everything it starts is stopped on every path.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { format } from 'node:util';
import { CHROMIUM_ARGS, chromiumPath, loadPlaywright, startCodeServer, workbenchUrl, type BrowserContext, type CodeServer, type Page } from './codeServer';
import { assertBuilt, copyFixtureWorkspace, repoRoot, suiteDir } from './paths';

const OVERALL_TIMEOUT_MS = Number(process.env.DOC_TRUTH_E2E_TIMEOUT_MS ?? 240_000);
const SCREENSHOT = resolve(repoRoot, process.env.DOC_TRUTH_E2E_SCREENSHOT ?? 'out/test/e2e/diagnostics.png');
const DOC = 'docs/runtime-services.md';
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

/** What a user sees: squiggles in the doc and doc-truth rows in the Problems panel. */
async function checkProblemsUi(page: Page, server: CodeServer, workspace: string): Promise<void> {
  await page.goto(
    workbenchUrl(server, workspace, [
      ['extensionDevelopmentPath', server.remoteUri(repoRoot)],
      ['openFile', server.remoteUri(join(workspace, DOC))],
      ['skipWelcome', 'true'],
    ]),
  );
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  try {
    await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 90_000 });
  } catch {
    throw new Error(`No error squiggle appeared in ${DOC}: the extension did not activate or published no diagnostics.`);
  }
  // Focus the editor so the keybinding reaches the workbench, then open the Problems panel.
  await page.click('.monaco-editor .view-lines');
  await page.keyboard.press('Control+Shift+M');
  await page.waitForSelector('.markers-panel .monaco-list-row', { timeout: 30_000 });
  const rows = await page.$$eval('.markers-panel .monaco-list-row', (els) => els.map((e) => e.getAttribute('aria-label') ?? e.textContent ?? ''));
  if (verbose) say(`Problems panel rows:\n  ${rows.join('\n  ')}`);
  const ours = rows.filter((r) => /doc-truth/.test(r));
  if (ours.length === 0) throw new Error(`The Problems panel lists no doc-truth problem; rows: ${JSON.stringify(rows)}`);
  if (!ours.some((r) => /v1\.60\.0/.test(r) && /v1\.64\.0/.test(r))) {
    throw new Error(`The Problems panel does not show the gRPC version drift; doc-truth rows: ${JSON.stringify(ours)}`);
  }
  mkdirSync(dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT, type: 'png' });
  say(`UI check passed: ${ours.length} doc-truth row(s) in the Problems panel; screenshot ${SCREENSHOT}`);
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
      browser = await loadPlaywright().chromium.launchPersistentContext(join(tmp, 'chromium'), {
        executablePath: chromiumPath,
        headless: true,
        args: CHROMIUM_ARGS,
        viewport: { width: 1280, height: 760 },
      });
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
        await checkProblemsUi(uiPage, server, uiWorkspace);
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
