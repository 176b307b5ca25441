// `doc-truth`: the command-line face of the engine, for CI. Exit codes: 0 no errors, 1 errors
// found, 2 usage, config or internal error (message on stderr).
import { parseArgs } from 'node:util';
import { runCheck, type OutputFormat } from './check';
import { rulesTable } from './rulesList';
import { VERSION } from './version';

const USAGE = `Usage:
  doc-truth check [FILE|GLOB...] [--root DIR] [--format text|json|sarif] [--fix] [--cache-dir DIR]
  doc-truth rules                 list the rules
  doc-truth lsp --stdio           start the language server over stdio
  doc-truth --version | --help

check: FILE and GLOB name Markdown documents (default: the "documents" globs of .doc-truth.json,
or **/runtime-services.md and docs/**/*.md under the root). --root is the workspace whose code is
the source of truth (default: the current folder). --fix applies every unambiguous fix in place.
--cache-dir keeps what was read from the Go sources in DIR, so the next run only reads what changed.`;

export class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (command === 'rules') {
    process.stdout.write(rulesTable());
    return 0;
  }
  if (command === 'lsp') {
    const { startServer } = await import('../lsp/server');
    startServer();
    return -1;
  }
  if (command !== 'check') throw new UsageError(`unknown command "${command}"`);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      root: { type: 'string' },
      'cache-dir': { type: 'string' },
      format: { type: 'string', default: 'text' },
      fix: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const format = values.format as OutputFormat;
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif (got "${values.format}")`);
  return runCheck({ root: values.root ?? process.cwd(), documents: positionals, format, fix: values.fix, cacheDir: values['cache-dir'], out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) });
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err: unknown) => {
    const usage = err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`doc-truth: ${(err as Error).message}\n${usage ? `\n${USAGE}\n` : ''}`);
    process.exitCode = 2;
  },
);
