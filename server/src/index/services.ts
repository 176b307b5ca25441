// Finds the platform's services without assuming a layout: Go modules, folders with a `main`
// package (`services/x`, `cmd/x`, `runtime/internal/x`), and subcommands of a single binary.
import type { GoFileFacts, GoModule } from '../engine/types';
import type { ServiceInfo } from './snapshot';

/** `Bot Runner`, `bot-runner`, `bot_runner`, `botRunner` → `botrunner`. */
export function serviceKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Folder names that group code rather than name a service. */
const CONTAINER_DIRS = new Set(['cmd', 'services', 'service', 'internal', 'pkg', 'apps', 'app', 'runtime', 'src', 'api', 'proto', 'lib', 'libs', 'tools', 'server', 'main']);

export function discoverServices(modules: readonly GoModule[], goFiles: readonly GoFileFacts[]): ServiceInfo[] {
  const out: ServiceInfo[] = [];
  const seen = new Set<string>();
  const add = (s: ServiceInfo) => {
    const id = `${s.kind}:${s.key}:${s.dir}`;
    if (!s.key || seen.has(id)) return;
    seen.add(id);
    out.push(s);
  };
  const mainDirs = new Set(goFiles.filter((f) => f.isMain).map((f) => dirOf(f.path)));
  for (const m of modules) {
    if (m.dir === '') continue;
    const name = m.dir.split('/').pop()!;
    const runnable = [...mainDirs].some((d) => d === m.dir || d.startsWith(m.dir + '/'));
    add({ key: serviceKey(name), name, kind: 'module', dir: m.dir, runnable, loc: { path: m.path, range: zero } });
  }
  for (const dir of mainDirs) {
    // cmd/bot-runner → bot-runner; services/bot-runner/cmd/server → bot-runner.
    const segs = dir.split('/').filter(Boolean);
    const named = [...segs].reverse().find((s) => !CONTAINER_DIRS.has(s.toLowerCase()));
    if (!named) continue;
    const at = segs.lastIndexOf(named);
    add({ key: serviceKey(named), name: named, kind: 'folder', dir: segs.slice(0, at + 1).join('/'), runnable: true, loc: { path: `${dir}/`, range: zero } });
  }
  for (const f of goFiles) {
    if (!f.isMain) continue;
    for (const c of f.commands) add({ key: serviceKey(c.name), name: c.name, kind: 'command', dir: dirOf(f.path), runnable: true, loc: c.loc });
  }
  return out;
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
