// `cmd/<name>` and `services/<name>` name a service as much as a folder; when such a folder is
// missing, the service rule reports it (once) rather than the path rule.
import type { IndexSnapshot } from '../../index/snapshot';

export const SERVICE_CONTAINERS = new Set(['cmd', 'services', 'service', 'apps']);

/** `cmd/x` or `services/x/` whose container folder exists: a claim that service `x` exists. */
export function serviceFolderClaim(path: string, index: IndexSnapshot): { container: string; name: string } | undefined {
  const segs = path.replace(/\/$/, '').split('/');
  if (segs.length !== 2 || !SERVICE_CONTAINERS.has(segs[0])) return undefined;
  if (!index.dirPaths.has(segs[0])) return undefined;
  return { container: segs[0], name: segs[1] };
}
