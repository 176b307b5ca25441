// Bundles a measurement entry point the way scripts/build.mjs bundles the server, so what is timed
// is the code users run (no on-the-fly TypeScript transform, no extra name-keeping wrappers).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

export async function bundle(entry: string, outFile: string): Promise<string> {
  mkdirSync(dirname(outFile), { recursive: true });
  await build({
    entryPoints: [entry],
    outfile: outFile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    loader: { '.scm': 'text' },
    plugins: [
      {
        name: 'web-tree-sitter-cjs',
        setup(b) {
          b.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: require.resolve('web-tree-sitter') }));
        },
      },
    ],
  });
  const out = dirname(outFile);
  copyFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), join(out, 'web-tree-sitter.wasm'));
  copyFileSync(join(dirname(require.resolve('tree-sitter-go/package.json')), 'tree-sitter-go.wasm'), join(out, 'tree-sitter-go.wasm'));
  return outFile;
}
