// Bundles the end-to-end suite for the VS Code extension host: CommonJS, `vscode` provided by the
// host, mocha required from the project's node_modules at run time.
import { build } from 'esbuild';

await build({
  entryPoints: {
    index: 'test/e2e/suite/index.ts',
    'docTruth.test': 'test/e2e/suite/docTruth.test.ts',
  },
  outdir: 'out/test/e2e/suite',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  external: ['vscode', 'mocha'],
});
