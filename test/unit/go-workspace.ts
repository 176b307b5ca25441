// Loads a Go fixture workspace through the real index, the way the CLI and the server feed it.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LineIndex } from '../../server/src/engine/lineIndex';
import type { SourceLocation } from '../../server/src/engine/types';
import type { IndexSnapshot } from '../../server/src/index/snapshot';
import { WorkspaceIndex } from '../../server/src/index/workspaceIndex';
import { filesUnder } from '../helpers/fixtureFiles';

export const GO_FIXTURES = join(__dirname, '..', 'fixtures', 'go');

export interface LoadedWorkspace {
  index: WorkspaceIndex;
  snapshot: IndexSnapshot;
  /** Text of a workspace file (paths relative to the fixture root). */
  text(path: string): string;
}

export async function loadWorkspace(root: string): Promise<LoadedWorkspace> {
  const index = await WorkspaceIndex.create();
  const texts = new Map<string, string>();
  for (const full of filesUnder(root).sort()) {
    const path = relative(root, full).split('\\').join('/');
    const text = readFileSync(full, 'utf8');
    texts.set(path, text);
    index.applyChange(path, text);
  }
  return {
    index,
    snapshot: index.snapshot(),
    text: (path) => {
      const t = texts.get(path);
      if (t === undefined) throw new Error(`no fixture file ${path}`);
      return t;
    },
  };
}

/** 1-based line of the first line containing `needle` (the n-th occurrence when asked). */
export function lineOf(text: string, needle: string, occurrence = 1): number {
  const lines = text.split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].includes(needle) && ++seen === occurrence) return i + 1;
  }
  throw new Error(`"${needle}" not found`);
}

/** The exact text a location covers. */
export function sliceOf(text: string, loc: SourceLocation): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(loc.range.start), lines.offsetAt(loc.range.end));
}

/** 1-based start line of a location. */
export const lineAt = (loc: SourceLocation): number => loc.range.start.line + 1;
