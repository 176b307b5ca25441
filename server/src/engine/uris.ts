// Workspace-relative paths <-> file URIs, the one place that knows how they map.
import { pathToFileURL, fileURLToPath } from 'node:url';
import { isAbsolute, join, relative, sep } from 'node:path';

export function pathToUri(root: string, relPath: string): string {
  return pathToFileURL(join(root, ...relPath.split('/'))).href;
}

/** The workspace-relative path of a file URI, or undefined when it lies outside the root. */
export function uriToPath(root: string, uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  let abs: string;
  try {
    abs = fileURLToPath(uri);
  } catch {
    // A file URI with a host or an encoded slash names no local path.
    return undefined;
  }
  const rel = relative(root, abs);
  // `..notes.md` is a file in the root; only a whole `..` segment (or another drive) leaves it.
  if (!rel || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}
