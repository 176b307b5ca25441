// `npm run test:e2e`: builds the extension and the end-to-end suite, provisions the offline
// VS Code (code-server + Chromium), and runs the suite with the launcher this machine supports.
//   DOC_TRUTH_E2E=code-server  insist on code-server + Chromium (fail if they cannot be provisioned)
//   DOC_TRUTH_E2E=electron     desktop VS Code via @vscode/test-electron (downloads VS Code, or
//                              uses VSCODE_EXECUTABLE_PATH); skips provisioning
// Without it, code-server is used when provisioning succeeds and Chromium is there, else electron.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const chromium = process.env.DOC_TRUTH_E2E_CHROMIUM ?? '/usr/bin/chromium';
const wanted = process.env.DOC_TRUTH_E2E;
if (wanted && wanted !== 'code-server' && wanted !== 'electron') {
  console.error(`[e2e] DOC_TRUTH_E2E must be "code-server" or "electron", not "${wanted}".`);
  process.exit(2);
}

function step(title, cmd, args) {
  const started = Date.now();
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  const code = res.status ?? 1;
  console.error(`[e2e] ${title}: ${code === 0 ? 'ok' : `exit ${code}`} (${secs} s)`);
  return code;
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
if (step('build', npm, ['run', '--silent', 'build']) !== 0) process.exit(1);
if (step('build suite', process.execPath, ['scripts/e2e/build-suite.mjs']) !== 0) process.exit(1);

let launcher = wanted;
if (launcher !== 'electron') {
  const provisioned = step('provision code-server and Chromium', 'bash', ['scripts/e2e/provision.sh']) === 0;
  if (provisioned && existsSync(chromium)) launcher = 'code-server';
  else if (launcher === 'code-server') {
    console.error(`[e2e] code-server was asked for but could not be provisioned (or ${chromium} is missing).`);
    process.exit(1);
  } else launcher = 'electron';
}

const script = launcher === 'code-server' ? 'test/e2e/runCodeServer.ts' : 'test/e2e/runTestElectron.ts';
console.error(`[e2e] launcher: ${launcher} (${script})`);
process.exit(step(`suite under ${launcher}`, process.execPath, ['--import', 'tsx', script]));
