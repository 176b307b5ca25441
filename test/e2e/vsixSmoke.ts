// Smoke test of the packaged extension: installs the .vsix into a fresh code-server, opens the
// fixture workspace as a user would (no development path, no test runner) and checks that the
// drift shows as squiggles and Problems-panel rows. Usage: vsixSmoke.ts <path/to/doc-truth.vsix>
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { installVsix, launchBrowser, startCodeServer, type BrowserContext, type CodeServer } from './codeServer';
import { copyFixtureWorkspace } from './paths';
import { checkProblemsUi } from './problemsUi';

const OVERALL_TIMEOUT_MS = Number(process.env.DOC_TRUTH_E2E_TIMEOUT_MS ?? 240_000);

function say(line: string): void {
  process.stderr.write(`[e2e vsix] ${line}\n`);
}

async function main(): Promise<number> {
  const vsix = process.argv[2] && resolve(process.argv[2]);
  if (!vsix || !existsSync(vsix)) {
    say(`usage: vsixSmoke.ts <doc-truth.vsix> (got ${process.argv[2] ?? 'nothing'})`);
    return 2;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'doc-truth-e2e-vsix-'));
  let server: CodeServer | undefined;
  let browser: BrowserContext | undefined;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Gave up after ${OVERALL_TIMEOUT_MS / 1000} s.`)), OVERALL_TIMEOUT_MS);
  });
  try {
    const work = (async () => {
      installVsix(tmp, vsix);
      say(`installed ${vsix}`);
      const workspace = copyFixtureWorkspace(tmp);
      server = await startCodeServer(tmp, workspace, say);
      browser = await launchBrowser(tmp);
      const page = browser.pages()[0] ?? (await browser.newPage());
      await checkProblemsUi(page, server, workspace, { log: say, verbose: process.env.DOC_TRUTH_E2E_VERBOSE === '1' });
      return 0;
    })();
    return await Promise.race([work, timeout]);
  } catch (err) {
    say(`FAILED: ${(err as Error).message ?? err}`);
    return 1;
  } finally {
    clearTimeout(timer);
    await browser?.close().catch(() => undefined);
    await server?.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code));
