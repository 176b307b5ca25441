// Which Go files can change each other's facts. Resolution follows imports, both ways: a file reads
// the constants and helpers of packages it imports, and a helper's facts are read at its callers,
// which import it. Nothing else links two files, so modules that no import chain connects (in
// either direction) are resolved apart: a changed file re-resolves its own group of modules and the
// others keep their facts. A workspace of one module is one group.
import type { GoModule } from '../../engine/types';

export interface GroupMember {
  path: string;
  /** The file's folder ('' at the root). */
  dir: string;
  /** Import alias → import path. */
  imports: Readonly<Record<string, string>>;
}

/** Indices of `files` per group, each in input order; groups in the order of their first file. */
export function resolutionGroups(files: readonly GroupMember[], modules: readonly GoModule[]): number[][] {
  const deepestFirst = [...modules].sort((a, b) => b.dir.length - a.dir.length);
  const moduleOfDir = new Map<string, string>();
  const moduleOf = (dir: string): string => {
    let m = moduleOfDir.get(dir);
    if (m === undefined) moduleOfDir.set(dir, (m = deepestFirst.find((x) => x.dir === '' || dir === x.dir || dir.startsWith(x.dir + '/'))?.dir ?? ''));
    return m;
  };
  const byPath = [...modules].filter((m) => m.modulePath).sort((a, b) => b.modulePath.length - a.modulePath.length);
  const dirs = new Set(files.map((f) => f.dir));

  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let root = k;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(k, root);
    return root;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };

  // The same rules the resolver uses to find a package by import path: a module path prefix, or
  // for a path no module claims, the deepest folder the path ends with.
  const targetOf = new Map<string, string | undefined>();
  const target = (importPath: string): string | undefined => {
    if (targetOf.has(importPath)) return targetOf.get(importPath);
    let found: string | undefined;
    const m = byPath.find((x) => importPath === x.modulePath || importPath.startsWith(x.modulePath + '/'));
    if (m) found = moduleOf([m.dir, importPath.slice(m.modulePath.length).replace(/^\//, '')].filter(Boolean).join('/'));
    else if (importPath.split('/')[0].includes('.')) {
      const segs = importPath.split('/');
      for (let i = 0; i < segs.length && found === undefined; i++) {
        const suffix = segs.slice(i).join('/');
        if (dirs.has(suffix)) found = moduleOf(suffix);
      }
    }
    targetOf.set(importPath, found);
    return found;
  };

  const keys = files.map((f) => moduleOf(f.dir));
  files.forEach((f, i) => {
    find(keys[i]);
    for (const p of Object.values(f.imports)) {
      const t = target(p);
      if (t !== undefined) union(keys[i], t);
    }
  });
  const groups = new Map<string, number[]>();
  keys.forEach((k, i) => {
    const root = find(k);
    const g = groups.get(root);
    if (g) g.push(i);
    else groups.set(root, [i]);
  });
  return [...groups.values()];
}
