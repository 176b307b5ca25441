// Workspace-relative paths <-> file URIs, the one place that knows how they map.
import { pathToFileURL, fileURLToPath } from 'node:url';
import { join, relative, sep } from 'node:path';

export function pathToUri(root: string, relPath: string): string {
  return pathToFileURL(join(root, ...relPath.split('/'))).href;
}

/** The workspace-relative path of a file URI, or undefined when it lies outside the root. */
export function uriToPath(root: string, uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  const rel = relative(root, fileURLToPath(uri));
  if (!rel || rel.startsWith('..') || rel.includes(`..${sep}`)) return undefined;
  return rel.split(sep).join('/');
}
