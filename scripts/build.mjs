// Bundles the client, the language server and the CLI into CommonJS for Node 20, and copies the
// tree-sitter runtime and Go grammar .wasm files beside them (they are loaded from disk, never fetched).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const out = 'dist';
mkdirSync(out, { recursive: true });

// web-tree-sitter's ESM build relies on import.meta.url, which a CJS bundle does not have: take
// its CommonJS build for the bare import (subpaths such as the .wasm resolve as usual).
const webTreeSitterCjs = {
  name: 'web-tree-sitter-cjs',
  setup(b) {
    b.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: require.resolve('web-tree-sitter') }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  plugins: [webTreeSitterCjs],
  // Query files are data next to the code that uses them; inline them as strings.
  loader: { '.scm': 'text' },
};

await Promise.all([
  build({ ...common, entryPoints: { client: 'client/src/extension.ts' }, outdir: out, external: ['vscode'] }),
  build({ ...common, entryPoints: { server: 'server/src/lsp/main.ts', cli: 'server/src/cli/main.ts' }, outdir: out }),
]);

copyFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), join(out, 'web-tree-sitter.wasm'));
copyFileSync(join(dirname(require.resolve('tree-sitter-go/package.json')), 'tree-sitter-go.wasm'), join(out, 'tree-sitter-go.wasm'));
