// Finds every path a document claims exists (inline code, local links, folder trees) and resolves
// it against the workspace. Both path rules read this one analysis, computed once per document.
import { distance } from 'fastest-levenshtein';
import type { Link, Image, Definition } from 'mdast';
import type { BlockRef, DocModel } from '../../markdown/docModel';
import type { IndexSnapshot } from '../../index/snapshot';
import type { Finding, Fix, Range } from '../../engine/types';
import { sentenceAt, serviceForBlock, serviceAt } from '../../markdown/claims';
import { fencedContent } from '../../markdown/fencedCode';
import { serviceFolderClaim } from '../service/serviceFolders';
import { docLocation, projectRoot, type DocLocation } from './docLocation';
import { hasFileExtension, pathClaimOf, type PathKind } from './pathLike';
import { existsAs, isNearMiss, isWorthNaming, joinPath, nearestPath, resolveClaim, suffixMatches } from './resolvePaths';
import { parseTree, type TreeEntry } from './treeBlock';
import { memoize2 } from '../../engine/memo';

export interface PathAnalysis {
  missing: Finding[];
  outside: Finding[];
  /** Where each judged path sits, true or not: a counted claim belongs to the section it lies in. */
  missingClaims: Range[];
  outsideClaims: Range[];
}

const TREE_LANGS = new Set(['', 'text', 'txt', 'tree', 'plain', 'plaintext', 'none']);
/** Paths that come from outside the repository: well-known proto imports and the like. */
const EXTERNAL_PREFIXES = ['google/protobuf/', 'google/api/', 'google/rpc/', 'google/type/', 'validate/', 'buf/validate/', 'gogoproto/', 'protoc-gen-openapiv2/'];

/** Once per check: every rule of the family reads the same analysis. */
export const analysePaths = memoize2((doc: DocModel, index: IndexSnapshot): PathAnalysis => analyse(doc, index));

function analyse(doc: DocModel, index: IndexSnapshot): PathAnalysis {
  const out: PathAnalysis = { missing: [], outside: [], missingClaims: [], outsideClaims: [] };
  // An empty index (nothing loaded) cannot tell a missing path from an unread one.
  if (index.filePaths.size === 0) return out;
  const loc = docLocation(doc, index);
  checkInlineCode(doc, index, loc, out);
  // Links are relative to the document; without knowing where it sits they cannot be resolved.
  if (loc.placed) checkLinks(doc, index, loc, out);
  checkTrees(doc, index, loc, out);
  return out;
}

function kindWord(kind: PathKind): string {
  return kind === 'dir' ? 'folder' : kind === 'file' ? 'file' : 'file or folder';
}

function basesFor(index: IndexSnapshot, loc: DocLocation, serviceDir: string | undefined): string[] {
  const bases = [''];
  const project = projectRoot(loc.dir, index);
  if (project) bases.push(project);
  if (serviceDir && !bases.includes(serviceDir)) bases.push(serviceDir);
  if (loc.dir && !bases.includes(loc.dir)) bases.push(loc.dir);
  for (const m of index.modules) if (m.dir && !bases.includes(m.dir)) bases.push(m.dir);
  return bases;
}

function isExternal(index: IndexSnapshot, path: string): boolean {
  if (EXTERNAL_PREFIXES.some((p) => path.startsWith(p))) return true;
  return index.protoFiles.some((f) => f.imports.includes(path));
}

// ---------------------------------------------------------------- inline code

function checkInlineCode(doc: DocModel, index: IndexSnapshot, loc: DocLocation, out: PathAnalysis): void {
  for (const block of doc.blocks) {
    for (const ic of block.inlineCodes) {
      const claim = pathClaimOf(ic.value);
      if (!claim || isExternal(index, claim.path) || aboutObjectStorage(doc, block, ic.start)) continue;
      const serviceDir = serviceForBlock(doc, index, block)?.dir;
      const bases = basesFor(index, loc, serviceDir);
      const range = doc.range(ic.start, ic.start + claim.length);
      if (resolveClaim(index, claim.path, claim.kind, bases)) {
        out.missingClaims.push(range);
        continue;
      }
      if (!isJudged(index, claim.path, claim.kind, bases)) continue;
      if (serviceFolderClaim(claim.path, index)) continue;
      out.missingClaims.push(range);
      const near = nearestPath(index, claim.path, claim.kind, bases);
      const named = isWorthNaming(claim.path, near) ? ` (nearest: \`${near!.real}${claim.kind === 'dir' ? '/' : ''}\`)` : '';
      const lead = ic.value.startsWith('./') ? 2 : 0;
      const start = ic.start + lead;
      const end = start + claim.path.length;
      const fixes: Fix[] = [];
      if (near && isNearMiss(claim.path, near)) {
        fixes.push({ title: `Change to \`${near.written}\``, edits: [{ range: doc.range(start, end), newText: near.written }], isPreferred: !near.tied });
      }
      out.missing.push({
        range,
        message: `Doc names \`${claim.path}${claim.kind === 'dir' ? '/' : ''}\`; the workspace has no such ${kindWord(claim.kind)}${named}.`,
        sources: near && named ? [{ loc: { path: near.real, range: zero }, message: 'nearest existing path' }] : undefined,
        fixes: fixes.length ? fixes : undefined,
      });
    }
  }
}

/** Keys in a bucket look like paths (`exports/2024/report.csv`); the sentence or column says which they are. */
function aboutObjectStorage(doc: DocModel, block: BlockRef, offset: number): boolean {
  if (block.kind === 'table-cell') return /\b(object|key|bucket|s3|minio|blob)/.test(block.table?.header[block.column ?? -1] ?? '');
  return /\b(objects?|object keys?|buckets?|s3|minio|blob storage|uploaded|object store)\b/i.test(sentenceAt(doc, block, offset).text);
}

/**
 * A path is judged only when it is recognisably about this repository: it names a file by its
 * extension, or it starts from a folder the workspace has. `req/s` or `deployment/app` are not.
 */
function isJudged(index: IndexSnapshot, path: string, kind: PathKind, bases: readonly string[]): boolean {
  const segs = path.split('/');
  if (segs.length === 1) return kind === 'file';
  if (kind === 'file' || hasFileExtension(segs[segs.length - 1])) return true;
  const first = segs[0];
  // Only a folder where the doc's frame puts it counts: a `workspace/` somewhere deep in the tree
  // does not make `workspace/configuration` a path.
  for (const b of bases) {
    const d = joinPath(b, first);
    if (d !== undefined && index.dirPaths.has(d)) return true;
  }
  return false;
}

// ---------------------------------------------------------------- links

function checkLinks(doc: DocModel, index: IndexSnapshot, loc: DocLocation, out: PathAnalysis): void {
  // The model lists them in document order without building the whole tree with absolute positions.
  for (const n of doc.links) checkLink(doc, index, loc, n, out);
}

function checkLink(doc: DocModel, index: IndexSnapshot, loc: DocLocation, node: Link | Image | Definition, out: PathAnalysis): void {
  const url = node.url.trim();
  if (!url || url.startsWith('#') || url.startsWith('//') || /^[a-z][a-z0-9+.-]*:/i.test(url) || /{{|%7B%7B/.test(url)) return;
  let target = url.replace(/[?#].*$/, '');
  try {
    target = decodeURIComponent(target);
  } catch {
    return;
  }
  if (!target) return;
  const s = node.position?.start.offset ?? 0;
  const e = node.position?.end.offset ?? s;
  const raw = doc.text.slice(s, e);
  const at = raw.lastIndexOf(url.replace(/[?#].*$/, ''));
  const start = at >= 0 ? s + at : s;
  const end = at >= 0 ? start + url.replace(/[?#].*$/, '').length : e;
  const range = doc.range(start, end);
  const resolved = target.startsWith('/') ? joinPath('', target) : joinPath(loc.dir, target);
  if (resolved === undefined) {
    out.outsideClaims.push(range);
    out.outside.push({
      range,
      message: `Link \`${url}\` points outside the workspace; it is not followed or checked.`,
    });
    return;
  }
  out.missingClaims.push(range);
  if (resolved === '' || resolved === loc.path || index.filePaths.has(resolved) || index.dirPaths.has(resolved)) return;
  const kind: PathKind = target.endsWith('/') ? 'dir' : hasFileExtension(resolved.split('/').pop()!) ? 'file' : 'either';
  const near = nearestPath(index, resolved, kind, ['']);
  const named = isWorthNaming(resolved, near) ? ` (nearest: \`${near!.real}\`)` : '';
  const fixes: Fix[] = [];
  if (near && isNearMiss(resolved, near)) {
    const rel = relativeLink(loc.dir, near.real, target.startsWith('/'));
    fixes.push({ title: `Link to \`${near.real}\``, edits: [{ range, newText: rel + (target.endsWith('/') ? '/' : '') }], isPreferred: !near.tied });
  }
  out.missing.push({
    range,
    message: `Link target \`${target}\` (\`${resolved}\` from the workspace root) does not exist${named}.`,
    sources: near && named ? [{ loc: { path: near.real, range: zero }, message: 'nearest existing path' }] : undefined,
    fixes: fixes.length ? fixes : undefined,
  });
}

/** The link text that reaches `to` from a document in `fromDir`. */
function relativeLink(fromDir: string, to: string, rootRelative: boolean): string {
  if (rootRelative) return '/' + to;
  const a = fromDir ? fromDir.split('/') : [];
  const b = to.split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  const up = a.length - i;
  return [...Array(up).fill('..'), ...b.slice(i)].join('/');
}

// ---------------------------------------------------------------- trees

function checkTrees(doc: DocModel, index: IndexSnapshot, loc: DocLocation, out: PathAnalysis): void {
  for (const block of doc.codeBlocks) {
    if (!TREE_LANGS.has(block.lang)) continue;
    const content = fencedContent(doc, block);
    if (!content) continue;
    const entries = parseTree(content.text, content.start, content.firstLine);
    if (!entries) continue;
    const serviceDir = serviceAt(doc, index, block.start)?.dir;
    // In a service's section its folder comes first: a tree there is most likely drawn from it.
    const bases = basesFor(index, loc, serviceDir);
    checkTree(doc, index, entries, serviceDir ? [serviceDir, ...bases.filter((b) => b !== serviceDir)] : bases, out);
  }
}

const trimSlash = (n: string) => n.replace(/\/+$/, '');

function entryKind(e: TreeEntry): PathKind {
  if (e.name.endsWith('/')) return 'dir';
  if (e.children === 0 && hasFileExtension(trimSlash(e.name).split('/').pop()!)) return 'file';
  return e.children > 0 ? 'dir' : 'either';
}

function checkTree(doc: DocModel, index: IndexSnapshot, entries: TreeEntry[], bases: string[], out: PathAnalysis): void {
  const resolved = new Map<TreeEntry, string | null>();
  const childrenOf = (p: TreeEntry | undefined) => entries.filter((c) => c.parent === p);
  // A base scores one point for every entry below it that resolves there, at any depth.
  const score = (base: string, kids: TreeEntry[]): number => {
    let n = 0;
    for (const k of kids) {
      if (k.skip) continue;
      const p = joinPath(base, trimSlash(k.name));
      if (p === undefined || !existsAs(index, p, entryKind(k))) continue;
      n += 1 + score(p, childrenOf(k));
    }
    return n;
  };

  // Top-level entries: a root line (the repo's or a folder's name) or entries straight from a base.
  const top = childrenOf(undefined);
  const looseTop = top.filter((t) => !t.isRoot);
  if (looseTop.length) {
    const base = pick(bases, (b) => score(b, looseTop));
    for (const t of looseTop) resolved.set(t, base === undefined ? null : base);
  }
  for (const root of top.filter((t) => t.isRoot)) {
    const name = trimSlash(root.name);
    const kids = childrenOf(root);
    const candidates = new Set<string>(['']);
    for (const b of bases) {
      const d = joinPath(b, name);
      if (d !== undefined && index.dirPaths.has(d)) candidates.add(d);
    }
    for (const d of suffixMatches(index, name, 'dir')) candidates.add(d);
    const base = pick([...candidates].reverse(), (b) => score(b, kids));
    root.skip = true;
    resolved.set(root, base ?? '');
  }

  for (const e of entries) {
    if (e.isRoot && !e.parent) continue;
    const parentPath = e.parent ? resolved.get(e.parent) : resolved.get(e);
    if (parentPath === null || parentPath === undefined || e.skip) {
      resolved.set(e, null);
      continue;
    }
    const path = joinPath(parentPath, trimSlash(e.name));
    if (path === undefined) {
      resolved.set(e, null);
      continue;
    }
    const kind = entryKind(e);
    out.missingClaims.push(doc.range(e.start, e.end));
    if (existsAs(index, path, kind)) {
      resolved.set(e, path);
      continue;
    }
    resolved.set(e, null);
    reportTreeEntry(doc, index, e, path, parentPath, kind, entries, out);
  }
}

/** The candidate with the best score; undefined when nothing scores. Earlier candidates win ties. */
function pick(candidates: readonly string[], score: (c: string) => number): string | undefined {
  let best: string | undefined;
  let bestScore = 0;
  for (const c of candidates) {
    const s = score(c);
    if (s > bestScore) {
      best = c;
      bestScore = s;
    }
  }
  return best ?? (candidates.includes('') ? '' : undefined);
}

function reportTreeEntry(doc: DocModel, index: IndexSnapshot, e: TreeEntry, path: string, parentPath: string, kind: PathKind, entries: TreeEntry[], out: PathAnalysis): void {
  const name = trimSlash(e.name);
  const near = nearestPath(index, path, kind, [parentPath]);
  const underParent = near && (parentPath === '' || near.real.startsWith(parentPath + '/'));
  const relName = near && underParent ? (parentPath ? near.real.slice(parentPath.length + 1) : near.real) : undefined;
  const named = near && isWorthNaming(path, near) ? ` (nearest: \`${near.real}${kind === 'dir' ? '/' : ''}\`)` : '';
  const siblingsListed = new Set(entries.filter((s) => s.parent === e.parent && s !== e).map((s) => trimSlash(s.name)));
  const fixes: Fix[] = [];
  if (near && relName && isNearMiss(name, { ...near, distance: distance(name, relName) }) && !siblingsListed.has(relName)) {
    fixes.push({ title: `Change to \`${relName}\``, edits: [{ range: doc.range(e.start, e.start + name.length), newText: relName }], isPreferred: !near.tied });
  }
  out.missing.push({
    range: doc.range(e.start, e.end),
    message: `Tree lists \`${path}${kind === 'dir' ? '/' : ''}\`; the workspace has no such ${kindWord(kind)}${named}.`,
    sources: named ? [{ loc: { path: near!.real, range: zero }, message: 'nearest existing path' }] : undefined,
    fixes: fixes.length ? fixes : undefined,
  });
}

const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
