// What a family of rules read of an index snapshot, so that after a source change its findings can
// be kept when nothing it read changed. Each family sees the snapshot through its own recording
// view (one per family and snapshot, so per-snapshot tables rules build stay built). Snapshots
// keep unchanged parts as the very same objects (see WorkspaceIndex.snapshot); a part is unchanged
// when it is identical, and a source text when the text is equal.
import type { IndexSnapshot } from '../index/snapshot';

/** Property names of the snapshot, and `sourceText\0<path>` for each text read. */
export type Reads = ReadonlySet<string>;

/** Functions of a snapshot, by the part they answer from. */
const ANSWERS_FROM: Record<string, string> = {
  belongsTo: 'services',
  belongsToAnyService: 'services',
  serviceByKey: 'services',
  moduleOf: 'modules',
};

const views = new WeakMap<IndexSnapshot, Map<string, { view: IndexSnapshot; reads: Set<string> }>>();

/** The snapshot as `family` sees it, recording what it reads. */
export function recordingView(snapshot: IndexSnapshot, family: string): { view: IndexSnapshot; reads: Reads } {
  let byFamily = views.get(snapshot);
  if (!byFamily) views.set(snapshot, (byFamily = new Map()));
  let entry = byFamily.get(family);
  if (!entry) {
    const reads = new Set<string>();
    const sourceText = (path: string) => {
      reads.add(`sourceText\u0000${path}`);
      return snapshot.sourceText(path);
    };
    const view = new Proxy(snapshot, {
      get(target, prop) {
        if (prop === 'sourceText') return sourceText;
        if (typeof prop === 'string') reads.add(ANSWERS_FROM[prop] ?? prop);
        return Reflect.get(target, prop, target);
      },
    });
    byFamily.set(family, (entry = { view, reads }));
  }
  return entry;
}

/** Whether everything in `reads` is the same in `after` as in `before`. */
export function sameReads(reads: Reads, before: IndexSnapshot, after: IndexSnapshot): boolean {
  if (before === after) return true;
  for (const r of reads) {
    if (r.startsWith('sourceText\u0000')) {
      const path = r.slice('sourceText\u0000'.length);
      if (before.sourceText(path) !== after.sourceText(path)) return false;
    } else if (r !== 'version' && (before as unknown as Record<string, unknown>)[r] !== (after as unknown as Record<string, unknown>)[r]) return false;
  }
  return true;
}
