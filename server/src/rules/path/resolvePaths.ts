// Resolves the paths a doc names against the files the index saw. A doc may write a path from the
// workspace root, from the service or module its section is about, from its own folder, or as the
// tail of a real path (`internal/store/mongo.go` inside a service); any of these counts as existing.
import { distance } from 'fastest-levenshtein';
import type { IndexSnapshot } from '../../index/snapshot';
import type { PathKind } from './pathLike';

/** Joins and normalises `a/b/../c`; undefined when `..` climbs above the root. */
export function joinPath(base: string, rel: string): string | undefined {
  const out: string[] = base ? base.split('/').filter(Boolean) : [];
  for (const seg of rel.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(seg);
  }
  return out.join('/');
}

export function existsAs(index: IndexSnapshot, path: string, kind: PathKind): boolean {
  if (path === '') return kind !== 'file';
  if (kind !== 'dir' && index.filePaths.has(path)) return true;
  if (kind !== 'file' && index.dirPaths.has(path)) return true;
  return false;
}

const suffixCache = new WeakMap<IndexSnapshot, { files: string[]; dirs: string[] }>();

function allPaths(index: IndexSnapshot): { files: string[]; dirs: string[] } {
  let v = suffixCache.get(index);
  if (!v) suffixCache.set(index, (v = { files: [...index.filePaths].sort(), dirs: [...index.dirPaths].sort() }));
  return v;
}

/** Real paths ending with `/path`. */
export function suffixMatches(index: IndexSnapshot, path: string, kind: PathKind): string[] {
  const { files, dirs } = allPaths(index);
  const tail = '/' + path;
  const pool = kind === 'file' ? files : kind === 'dir' ? dirs : [...files, ...dirs];
  return pool.filter((p) => p.endsWith(tail));
}

/** The real path a claim resolves to, trying each base in turn and then a unique-or-not suffix. */
export function resolveClaim(index: IndexSnapshot, path: string, kind: PathKind, bases: readonly string[]): string | undefined {
  for (const base of bases) {
    const full = joinPath(base, path);
    if (full !== undefined && existsAs(index, full, kind)) return full;
  }
  const tails = suffixMatches(index, path, kind);
  return tails[0];
}

export interface NearestPath {
  /** The real path, from the root. */
  real: string;
  /** The same path written the way the doc wrote its claim (same base, same depth). */
  written: string;
  distance: number;
  /** True when another real path is just as near. */
  tied: boolean;
}

/** The existing path nearest to a claim, compared in the frame the claim was written in. */
export function nearestPath(index: IndexSnapshot, path: string, kind: PathKind, bases: readonly string[]): NearestPath | undefined {
  const { files, dirs } = allPaths(index);
  const pool = kind === 'file' ? files : kind === 'dir' ? dirs : [...files, ...dirs];
  const depth = path.split('/').length;
  let best: NearestPath | undefined;
  for (const real of pool) {
    const forms = new Set<string>([real]);
    for (const b of bases) if (b && real.startsWith(b + '/')) forms.add(real.slice(b.length + 1));
    const segs = real.split('/');
    if (segs.length > depth) forms.add(segs.slice(segs.length - depth).join('/'));
    for (const written of forms) {
      if (Math.abs(written.length - path.length) > Math.max(8, path.length)) continue;
      const d = distance(path, written);
      if (!best || d < best.distance) best = { real, written, distance: d, tied: false };
      else if (d === best.distance && real !== best.real) best.tied = true;
    }
  }
  return best;
}

/** Near enough to be the same path mistyped or renamed a little. */
export function isNearMiss(claim: string, near: NearestPath | undefined): boolean {
  if (!near) return false;
  if (near.distance <= Math.max(2, Math.floor(claim.length * 0.25))) return true;
  return isRenamedInPlace(claim, near.written);
}

/** `store/mongo.go` → `store/mongo_store.go`: same folder and extension, one name contains the other. */
function isRenamedInPlace(claim: string, real: string): boolean {
  const split = (p: string) => {
    const i = p.lastIndexOf('/');
    const base = p.slice(i + 1);
    const dot = base.lastIndexOf('.');
    return { dir: p.slice(0, i + 1), stem: dot > 0 ? base.slice(0, dot) : base, ext: dot > 0 ? base.slice(dot) : '' };
  };
  const a = split(claim);
  const b = split(real);
  if (a.dir !== b.dir || a.ext !== b.ext || !a.ext || Math.min(a.stem.length, b.stem.length) < 3) return false;
  return a.stem !== b.stem && (a.stem.includes(b.stem) || b.stem.includes(a.stem));
}

/** Near enough to be worth naming in a message. */
export function isWorthNaming(claim: string, near: NearestPath | undefined): boolean {
  if (!near) return false;
  if (isNearMiss(claim, near)) return true;
  // `internal/notify` is not "near" `internal/config` just because the folders above match.
  const last = (p: string) => p.slice(p.lastIndexOf('/') + 1);
  const a = last(claim);
  const b = last(near.written);
  return near.distance <= Math.max(3, Math.floor(claim.length * 0.5)) && distance(a, b) <= Math.max(2, Math.floor(a.length * 0.4));
}
