// What a family of rules read of an index snapshot, so that after a source change its findings can
// be kept when nothing it read changed. Each family sees the snapshot through its own recording
// view (one per family and snapshot, so per-snapshot tables rules build stay built). Snapshots
// keep unchanged parts as the very same objects (see WorkspaceIndex.snapshot); a part is unchanged
// when it is identical, a source text when the text is equal, and a derived value when it is
// equal as JSON.
import type { IndexSnapshot } from '../index/snapshot';

/**
 * Property names of the snapshot, `sourceText\0<path>` for each text read, `selectorCalls\0<name>`
 * and `filesContaining\0<word>` for each such list, and `derive\0<key>` for each derived value.
 */
export type Reads = ReadonlySet<string>;

/** Functions of a snapshot, by the part they answer from. */
const ANSWERS_FROM: Record<string, string> = {
  belongsTo: 'services',
  belongsToAnyService: 'services',
  serviceByKey: 'services',
  moduleOf: 'modules',
};

/** The computation behind each derived value's key, to work it out for a newer snapshot. */
const computations = new Map<string, (s: IndexSnapshot) => unknown>();

const views = new WeakMap<IndexSnapshot, Map<string, { view: IndexSnapshot; reads: Set<string> }>>();

/**
 * Snapshot functions that answer for one key (a path, a name, a word), recorded as
 * `<function>\0<key>`, with how two answers are compared: a text by equality, a list as JSON.
 */
const KEYED: Record<string, (a: unknown, b: unknown) => boolean> = {
  sourceText: (a, b) => a === b,
  selectorCalls: sameJson,
  filesContaining: sameJson,
};

type Keyed = (key: string) => unknown;

/** The snapshot as `family` sees it, recording what it reads. */
export function recordingView(snapshot: IndexSnapshot, family: string): { view: IndexSnapshot; reads: Reads } {
  let byFamily = views.get(snapshot);
  if (!byFamily) views.set(snapshot, (byFamily = new Map()));
  let entry = byFamily.get(family);
  if (!entry) {
    const reads = new Set<string>();
    const keyed = new Map<string, Keyed>(
      Object.keys(KEYED).map((fn) => [
        fn,
        (key: string) => {
          reads.add(`${fn}\u0000${key}`);
          return keyedOf(snapshot, fn)(key);
        },
      ]),
    );
    // A derived value is read as a whole: what it was worked out from is not the family's read.
    const derive = <T>(key: string, compute: (s: IndexSnapshot) => T): T => {
      reads.add(`derive\u0000${key}`);
      computations.set(key, compute);
      return snapshot.derive(key, compute);
    };
    const view = new Proxy(snapshot, {
      get(target, prop) {
        if (prop === 'derive') return derive;
        if (typeof prop === 'string') {
          const fn = keyed.get(prop);
          if (fn) return fn;
          reads.add(ANSWERS_FROM[prop] ?? prop);
        }
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
    const sep = r.indexOf('\u0000');
    if (sep < 0) {
      if (r !== 'version' && (before as unknown as Record<string, unknown>)[r] !== (after as unknown as Record<string, unknown>)[r]) return false;
      continue;
    }
    const [fn, key] = [r.slice(0, sep), r.slice(sep + 1)];
    if (fn === 'derive') {
      const compute = computations.get(key)!;
      if (derivedJson(before, key, compute) !== derivedJson(after, key, compute)) return false;
    } else if (!KEYED[fn](keyedOf(before, fn)(key), keyedOf(after, fn)(key))) return false;
  }
  return true;
}

function keyedOf(snapshot: IndexSnapshot, fn: string): Keyed {
  return (key) => (snapshot as unknown as Record<string, Keyed>)[fn](key);
}

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

const jsonOf = new WeakMap<IndexSnapshot, Map<string, string>>();

/** A derived value as JSON, once per snapshot and key. */
function derivedJson(snapshot: IndexSnapshot, key: string, compute: (s: IndexSnapshot) => unknown): string {
  let byKey = jsonOf.get(snapshot);
  if (!byKey) jsonOf.set(snapshot, (byKey = new Map()));
  let json = byKey.get(key);
  if (json === undefined) byKey.set(key, (json = JSON.stringify(snapshot.derive(key, compute))));
  return json;
}
