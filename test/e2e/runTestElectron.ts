// Runs the end-to-end suite in desktop VS Code through @vscode/test-electron: downloads VS Code
// (or uses VSCODE_EXECUTABLE_PATH), opens a copy of the fixture workspace with every other
// extension disabled, and exits with the suite's outcome.
import { runTests } from '@vscode/test-electron';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertBuilt, copyFixtureWorkspace, repoRoot, suiteDir } from './paths';

async function main(): Promise<number> {
  assertBuilt();
  const tmp = mkdtempSync(join(tmpdir(), 'doc-truth-e2e-electron-'));
  try {
    const workspace = copyFixtureWorkspace(tmp);
    await runTests({
      version: process.env.VSCODE_VERSION,
      vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: join(suiteDir, 'index'),
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${join(tmp, 'user-data')}`,
        `--extensions-dir=${join(tmp, 'extensions')}`,
      ],
    });
    return 0;
  } catch (err) {
    console.error(`End-to-end suite failed under @vscode/test-electron: ${(err as Error).message ?? err}`);
    return 1;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code));
