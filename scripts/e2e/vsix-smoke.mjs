// `npm run test:e2e:vsix`: packages the extension with `npm run package`, installs the .vsix into
// code-server and checks that opening the fixture doc shows its drift. Needs the tools
// scripts/e2e/provision.sh installs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function step(title, cmd, args) {
  const started = Date.now();
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  const code = res.status ?? 1;
  console.error(`[e2e vsix] ${title}: ${code === 0 ? 'ok' : `exit ${code}`} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return code;
}

const out = mkdtempSync(join(tmpdir(), 'doc-truth-vsix-'));
const vsix = join(out, 'doc-truth.vsix');
let code = 1;
try {
  if (step('build', npm, ['run', '--silent', 'build']) !== 0) code = 1;
  else if (step('package', npm, ['run', '--silent', 'package', '--', '--out', vsix]) !== 0) code = 1;
  else if (step('provision', 'bash', ['scripts/e2e/provision.sh']) !== 0) code = 1;
  else code = step('smoke test', process.execPath, ['--import', 'tsx', 'test/e2e/vsixSmoke.ts', vsix]);
} finally {
  rmSync(out, { recursive: true, force: true });
}
process.exit(code);
