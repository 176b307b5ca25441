// Where the document sits in the workspace, for links written relative to it. Rules do not know the
// workspace root, so the document's URI is matched against the paths the index saw.
import { fileURLToPath } from 'node:url';
import type { DocModel } from '../../markdown/docModel';
import type { IndexSnapshot } from '../../index/snapshot';

export interface DocLocation {
  /** The document's path from the root, when known. */
  path?: string;
  /** Its folder from the root ('' for the root). */
  dir: string;
  /** False when nothing ties the document to the workspace (it may lie outside the root). */
  placed: boolean;
}

export function docLocation(doc: DocModel, index: IndexSnapshot): DocLocation {
  let segs: string[];
  try {
    segs = doc.uri.startsWith('file:') ? fileURLToPath(doc.uri).split(/[\\/]/).filter(Boolean) : [];
  } catch {
    segs = [];
  }
  // The longest tail of the URI the index knows as a file is the document itself.
  for (let i = 0; i < segs.length; i++) {
    const rel = segs.slice(i).join('/');
    if (index.filePaths.has(rel)) return { path: rel, dir: segs.slice(i, -1).join('/'), placed: true };
  }
  // Otherwise the longest tail whose folder the index knows.
  for (let i = 0; i < segs.length - 1; i++) {
    const dir = segs.slice(i, -1).join('/');
    if (index.dirPaths.has(dir)) return { path: segs.slice(i).join('/'), dir, placed: true };
  }
  return { path: segs.length ? segs[segs.length - 1] : undefined, dir: '', placed: false };
}

/** The nearest folder at or above `dir` holding a go.mod or go.work: the project a doc belongs to. */
export function projectRoot(dir: string, index: IndexSnapshot): string {
  const segs = dir ? dir.split('/') : [];
  for (let i = segs.length; i > 0; i--) {
    const d = segs.slice(0, i).join('/');
    if (index.filePaths.has(`${d}/go.mod`) || index.filePaths.has(`${d}/go.work`)) return d;
  }
  return '';
}
