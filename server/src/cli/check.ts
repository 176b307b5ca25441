// `doc-truth check`: load the workspace, check the documents, print, optionally fix in place.
import { readFile, realpath, stat, writeFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import type { Diagnostic } from 'vscode-languageserver-types';
import { applyFixes } from '../engine/applyFixes';
import { checkText } from '../engine/check';
import { ConfigError } from '../engine/config';
import { pathToUri } from '../engine/uris';
import { openFactCache, saveFactCache } from '../host/factCacheFile';
import { isDirectory, loadConfig, loadWorkspace } from '../host/workspaceLoader';
import { WorkspaceIndex } from '../index/workspaceIndex';
import { formatJson, formatSarif, formatText, printable, type FileReport } from './formatters';

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface CheckRun {
  root: string;
  documents: string[];
  format: OutputFormat;
  fix: boolean;
  /** Folder for the Go fact cache: a rerun reuses what was read from unchanged files. */
  cacheDir?: string;
  out: (s: string) => void;
  err: (s: string) => void;
}

/** Markdown documents are capped like sources: a bigger one is not documentation. */
const MAX_DOC_BYTES = 4 * 1024 * 1024;

export async function runCheck(checkRun: CheckRun): Promise<number> {
  // Paths and messages quote files anyone can write; stderr shows them escaped (see printable).
  const run: CheckRun = { ...checkRun, err: (s) => checkRun.err(printable(s)) };
  const root = resolve(run.root);
  if (!(await isDirectory(root))) {
    run.err(`doc-truth: root ${root} does not exist or is not a folder\n`);
    return 2;
  }
  let config;
  try {
    config = await loadConfig(root);
  } catch (err) {
    if (err instanceof ConfigError) {
      run.err(`doc-truth: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const cacheDir = run.cacheDir ? resolve(run.cacheDir) : undefined;
  const index = await WorkspaceIndex.create(cacheDir ? { go: { cache: await openFactCache(cacheDir, root) } } : {});
  const logLines: string[] = [];
  await loadWorkspace(root, index, { exclude: config.exclude, log: (m) => logLines.push(m) });
  const snapshot = index.snapshot();
  for (const p of snapshot.problems) logLines.push(`${p.path}${p.line ? `:${p.line}` : ''}: ${p.message}`);
  if (run.format === 'text') for (const l of logLines) run.err(`doc-truth: ${l}\n`);

  const docPaths = selectDocuments(root, run.documents, config.documents, [...snapshot.filePaths]);
  if (docPaths.length === 0) {
    run.err(`doc-truth: no documents to check (looked for ${run.documents.length ? run.documents.join(', ') : config.documents.join(', ')} under ${root})\n`);
    return 2;
  }

  const realRoot = await realpath(root);
  const reports: FileReport[] = [];
  let claimsChecked = 0;
  let internalErrors = 0;
  for (const abs of docPaths) {
    const rel = relative(root, abs).split(sep).join('/');
    const doc = await readDocument(realRoot, abs);
    if (doc.kind === 'too-big') {
      run.err(`doc-truth: ${rel}: larger than 4 MB; not checked\n`);
      continue;
    }
    if (doc.kind === 'refused') {
      run.err(`doc-truth: ${rel}: ${doc.reason}\n`);
      internalErrors++;
      continue;
    }
    const { bytes, real } = doc;
    let text = bytes.toString('utf8');
    let result = checkText(pathToUri(root, rel), text, snapshot, config, { root });
    for (const e of result.ruleErrors) {
      run.err(`doc-truth: rule ${e.ruleId} failed on ${rel}: ${e.message}\n`);
      internalErrors++;
    }
    let fixed: string[] | undefined;
    if (run.fix) {
      const { text: newText, applied } = applyFixes(text, result.diagnostics);
      // Written at the path that was read: a link swapped in since then is not followed.
      const refusal = applied.length ? await whyNotWrite(real, bytes, text) : undefined;
      if (refusal) {
        run.err(`doc-truth: ${rel}: ${refusal}; not fixed\n`);
        internalErrors++;
      } else if (applied.length) {
        await writeFile(real, newText);
        fixed = applied;
        text = newText;
        result = checkText(pathToUri(root, rel), newText, snapshot, config, { root });
      }
    }
    claimsChecked += result.claimsChecked;
    reports.push({ path: rel, text, diagnostics: result.diagnostics, claimsChecked: result.claimsChecked, fixed });
  }

  const summary = summarize(reports.flatMap((r) => r.diagnostics), claimsChecked);
  if (run.format === 'json') run.out(formatJson(root, reports, summary));
  else if (run.format === 'sarif') run.out(formatSarif(root, reports));
  else run.out(formatText(reports, summary));
  const cache = cacheDir ? index.refreshFactCache() : undefined;
  if (cache) {
    // A cache that cannot be written costs the next run time, not this run its result.
    await saveFactCache(cacheDir!, root, cache).catch((err: Error) => run.err(`doc-truth: fact cache not written: ${err.message}\n`));
  }
  if (internalErrors) return 2;
  return summary.errors > 0 ? 1 : 0;
}

type DocumentRead = { kind: 'text'; bytes: Buffer; real: string } | { kind: 'too-big' } | { kind: 'refused'; reason: string };

/**
 * Reads a document only when it really lies inside the workspace: a doc found by the globs may be
 * a link, and following it out of the root would read, and with --fix write, someone else's file.
 */
async function readDocument(realRoot: string, abs: string): Promise<DocumentRead> {
  try {
    const real = await realpath(abs);
    if (real !== realRoot && !real.startsWith(realRoot + sep)) return { kind: 'refused', reason: 'lies outside the workspace (or links there); not read' };
    const info = await stat(real);
    if (!info.isFile()) return { kind: 'refused', reason: 'not a regular file; not read' };
    if (info.size > MAX_DOC_BYTES) return { kind: 'too-big' };
    return { kind: 'text', bytes: await readFile(real), real };
  } catch (err) {
    return { kind: 'refused', reason: (err as Error).message };
  }
}

/**
 * A fix rewrites the whole file, so it must not lose what it did not mean to touch: bytes that are
 * not UTF-8 (decoding replaced them) or an edit saved while the check ran.
 */
async function whyNotWrite(abs: string, readBytes: Buffer, text: string): Promise<string | undefined> {
  if (!Buffer.from(text, 'utf8').equals(readBytes)) return 'not valid UTF-8, and rewriting it would change bytes no fix touches';
  let now: Buffer;
  try {
    now = await readFile(abs);
  } catch (err) {
    return `cannot be read again before writing (${(err as Error).message})`;
  }
  return now.equals(readBytes) ? undefined : 'changed on disk while it was being checked';
}

export interface Summary {
  errors: number;
  warnings: number;
  information: number;
  hints: number;
  claimsChecked: number;
}

function summarize(ds: Diagnostic[], claimsChecked: number): Summary {
  const count = (s: number) => ds.filter((d) => d.severity === s).length;
  return { errors: count(1), warnings: count(2), information: count(3), hints: count(4), claimsChecked };
}

/** Explicit files and globs (relative to the current folder) win; else the configured globs under the root. */
function selectDocuments(root: string, args: string[], configured: string[], workspaceFiles: string[]): string[] {
  const markdown = workspaceFiles.filter((p) => /\.(md|markdown|mdx)$/i.test(p));
  if (args.length === 0) {
    const match = picomatch(configured, { dot: false });
    return markdown.filter((p) => match(p)).sort().map((p) => resolve(root, p));
  }
  const out = new Set<string>();
  for (const a of args) {
    if (picomatch.scan(a).isGlob) {
      const abs = resolve(a);
      const relToRoot = relative(root, abs).split(sep).join('/');
      const match = picomatch(isAbsolute(a) || relToRoot.startsWith('..') ? a : relToRoot);
      for (const p of markdown) if (match(p)) out.add(resolve(root, p));
    } else out.add(resolve(a));
  }
  return [...out].sort();
}
