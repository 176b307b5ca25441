// Which backing systems (MongoDB, NATS, MinIO, Docker...) each service's code talks to, through its
// own imports or those of workspace packages it imports (a `store` package that wraps the Mongo
// driver counts for every service that imports `store`).
import type { SourceLocation } from '../engine/types';
import type { IndexSnapshot, ServiceInfo } from './snapshot';
import { memoize } from '../engine/memo';

export interface Backend {
  name: string;
  /** Words docs use for it. */
  words: RegExp;
  /** Import path prefixes of its client libraries. */
  imports: string[];
}

export const BACKENDS: Backend[] = [
  { name: 'MongoDB', words: /\bmongo(db)?\b/i, imports: ['go.mongodb.org/mongo-driver'] },
  { name: 'NATS', words: /\b(nats|jetstream)\b/i, imports: ['github.com/nats-io/nats.go'] },
  { name: 'MinIO', words: /\b(minio|object store|s3)\b/i, imports: ['github.com/minio/minio-go', 'github.com/aws/aws-sdk-go'] },
  { name: 'Docker', words: /\bdocker( daemon| engine)?\b/i, imports: ['github.com/docker/docker/client', 'github.com/moby/moby/client'] },
  { name: 'Redis', words: /\bredis\b/i, imports: ['github.com/redis/go-redis', 'github.com/go-redis/redis', 'github.com/gomodule/redigo'] },
  { name: 'PostgreSQL', words: /\b(postgres(ql)?|pg)\b/i, imports: ['github.com/jackc/pgx', 'github.com/lib/pq'] },
];

/** Import paths of a Go file with their 0-based lines, read from its import declarations. */
export function importsOf(text: string): { path: string; line: number }[] {
  const out: { path: string; line: number }[] = [];
  const header = text.slice(0, Math.min(text.length, 20000));
  const lineAt = (offset: number) => header.slice(0, offset).split('\n').length - 1;
  for (const block of header.matchAll(/^import\s*\(([\s\S]*?)^\)/gm)) {
    const base = block.index! + block[0].indexOf(block[1]);
    for (const m of block[1].matchAll(/"([^"]+)"/g)) out.push({ path: m[1], line: lineAt(base + m.index!) });
  }
  for (const m of header.matchAll(/^import\s+(?:[\w.]+\s+)?"([^"]+)"/gm)) out.push({ path: m[1], line: lineAt(m.index!) });
  return out;
}

interface ImportSite {
  importPath: string;
  loc: SourceLocation;
}

interface PackageGraph {
  /** Folder → the imports of its files, with where each is written. */
  imports: Map<string, ImportSite[]>;
  /** Import path → folder, for the workspace's own packages. */
  folderOf: Map<string, string>;
}

const graphOf = memoize((index: IndexSnapshot): PackageGraph => {
  const imports = new Map<string, ImportSite[]>();
  const folderOf = new Map<string, string>();
  for (const f of index.goFiles) {
    const dir = f.path.includes('/') ? f.path.slice(0, f.path.lastIndexOf('/')) : '';
    const text = index.sourceText(f.path);
    if (!text) continue;
    const sites = imports.get(dir) ?? [];
    for (const imp of importsOf(text)) sites.push({ importPath: imp.path, loc: { path: f.path, range: { start: { line: imp.line, character: 0 }, end: { line: imp.line + 1, character: 0 } } } });
    imports.set(dir, sites);
    const mod = index.moduleOf(f.path);
    if (mod) folderOf.set(mod.dir === dir ? mod.modulePath : `${mod.modulePath}/${dir.slice(mod.dir ? mod.dir.length + 1 : 0)}`, dir);
  }
  return { imports, folderOf };
});

export interface BackendUse {
  /** The import in the service's own code that leads to the backend. */
  loc: SourceLocation;
  /** The workspace package it goes through, when the import is not the client library itself. */
  via?: string;
}

/** Backends a folder's package reaches, directly or through workspace packages. */
function backendsOfFolder(graph: PackageGraph, dir: string, seen = new Set<string>()): Map<string, { importPath: string }> {
  const out = new Map<string, { importPath: string }>();
  if (seen.has(dir) || seen.size > 50) return out;
  seen.add(dir);
  for (const site of graph.imports.get(dir) ?? []) {
    for (const b of BACKENDS) if (!out.has(b.name) && b.imports.some((p) => site.importPath === p || site.importPath.startsWith(`${p}/`))) out.set(b.name, site);
    const local = graph.folderOf.get(site.importPath);
    if (local) for (const name of backendsOfFolder(graph, local, seen).keys()) if (!out.has(name)) out.set(name, site);
  }
  return out;
}

/** Backend name → how the service's own code reaches it. */
export function backendsOfService(index: IndexSnapshot, service: ServiceInfo): Map<string, BackendUse> {
  const graph = graphOf(index);
  const out = new Map<string, BackendUse>();
  for (const [dir, sites] of graph.imports) {
    if (!index.belongsTo({ loc: { path: `${dir}/x.go` } }, service.name)) continue;
    for (const [name, first] of backendsOfFolder(graph, dir)) {
      if (out.has(name)) continue;
      const site = sites.find((s) => s.importPath === first.importPath)!;
      const local = graph.folderOf.get(first.importPath);
      out.set(name, { loc: site.loc, via: local });
    }
  }
  return out;
}
