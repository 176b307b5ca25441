// Throw-away workspaces on disk, made at test time: a copy of the robustness fixture plus whatever
// a test adds (binary files, links, loops), so nothing odd has to be committed.
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCheck, type CheckRun } from '../../../server/src/cli/check';
import { WORKSPACE } from './seeds';

export interface TempDir {
  /** Real path of the folder (tmp may itself be a link). */
  dir: string;
  write(rel: string, content: string | Uint8Array): string;
  remove(): void;
}

export function tempDir(prefix = 'doc-truth-robust-'): TempDir {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  return {
    dir,
    write(rel, content) {
      const abs = join(dir, ...rel.split('/'));
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, content);
      return abs;
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A copy of the fixture workspace under `<tmp>/ws`, with room beside it for things outside the root. */
export function fixtureCopy(): TempDir & { root: string } {
  const t = tempDir();
  const root = join(t.dir, 'ws');
  cpSync(WORKSPACE, root, { recursive: true });
  return { ...t, root };
}

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** Runs `doc-truth check` in-process, capturing what it prints. */
export async function cli(run: Partial<CheckRun> & { root: string }): Promise<CliResult> {
  let out = '';
  let err = '';
  const code = await runCheck({ documents: [], format: 'text', fix: false, ...run, out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}
