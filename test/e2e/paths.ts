// Where the end-to-end launchers find the extension, the bundled suite and the fixture workspace.
import { cpSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '..', '..');

/** The suite's entry as bundled by scripts/e2e/build-suite.mjs (`exports.run`). */
export const suiteDir = join(repoRoot, 'out', 'test', 'e2e', 'suite');

export function assertBuilt(): void {
  for (const file of [join(repoRoot, 'dist', 'client.js'), join(repoRoot, 'dist', 'server.js'), join(suiteDir, 'index.js')]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` and \`node scripts/e2e/build-suite.mjs\` first.`);
  }
}

/**
 * A throwaway copy of the fixture workspace: the tests edit the doc, and an accidental save must
 * never change the committed fixture.
 */
export function copyFixtureWorkspace(into: string): string {
  const target = join(into, 'inventory-sync');
  cpSync(join(repoRoot, 'test', 'e2e', 'fixture-workspace'), target, { recursive: true });
  return target;
}
