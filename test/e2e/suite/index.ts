// Entry point the VS Code extension host loads through `extensionTestsPath`: runs the end-to-end
// mocha suite inside the real editor and resolves or rejects with its outcome. Used unchanged by
// @vscode/test-electron and by the code-server launcher.
import Mocha from 'mocha';
import * as path from 'node:path';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  // The test module is bundled beside this one (see scripts/e2e/build-suite.mjs).
  mocha.addFile(path.join(__dirname, 'docTruth.test.js'));
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} end-to-end test(s) failed.`)) : resolve()));
    } catch (err) {
      reject(err);
    }
  });
}
