// An immutable view of everything the workspace's code says, built from per-file facts. Rules query
// a snapshot; an edit to a source file produces a new snapshot, so a check never mixes states.
import type {
  ContainerFact,
  DataFact,
  DotenvEntry,
  EnvFact,
  GoDecl,
  GoFileFacts,
  GoModule,
  NatsFact,
  ProtoFile,
  SourceLocation,
  StreamFact,
} from '../engine/types';
import { serviceKey } from './services';
import { DECLARED_NAMES, type DeclaredNames } from './declaration';

/** A runnable unit of the platform: a Go module, a service-looking folder, or a CLI subcommand. */
export interface ServiceInfo {
  /** Normalised key: lower-case letters and digits only (`bot-runner`, `Bot Runner` → `botrunner`). */
  key: string;
  /** The name as the code spells it (`bot-runner`, `ingest`). */
  name: string;
  kind: 'module' | 'folder' | 'command';
  /** Folder that holds it, relative to the root ('' for the root). */
  dir: string;
  /** True when it has a Go `main` package (or is a subcommand of one). */
  runnable: boolean;
  loc: SourceLocation;
}

export interface IndexSnapshot {
  readonly version: number;
  readonly modules: readonly GoModule[];
  readonly goFiles: readonly GoFileFacts[];
  readonly protoFiles: readonly ProtoFile[];
  readonly dotenv: readonly DotenvEntry[];
  /** Every workspace file path (relative, `/`-separated) the index saw, indexed or not. */
  readonly filePaths: ReadonlySet<string>;
  /** Every folder that holds at least one of those files (relative, no trailing slash). */
  readonly dirPaths: ReadonlySet<string>;
  readonly services: readonly ServiceInfo[];
  /** Files that could not be indexed, with why (parse errors, size cap...). */
  readonly problems: readonly { path: string; message: string; line?: number }[];

  readonly env: readonly EnvFact[];
  readonly nats: readonly NatsFact[];
  readonly streams: readonly StreamFact[];
  readonly container: readonly ContainerFact[];
  readonly data: readonly DataFact[];
  readonly decls: readonly GoDecl[];
  /**
   * The names Go declarations give, and the receiver types of methods. Rules that only ask whether
   * a name is declared read this: it stays the same object while no declaration is added, removed
   * or renamed, which a body edit never does.
   */
  readonly declaredNames: { readonly names: ReadonlySet<string>; readonly receivers: ReadonlySet<string> };
  /** Names of the variables the code reads and the config keys they map to; the same object while those stay the same. */
  readonly envNames: { readonly names: ReadonlySet<string>; readonly keys: ReadonlySet<string> };

  /**
   * A value worked out from this snapshot alone, once per snapshot (`key` names the computation,
   * and must name one computation only). Rules that read the workspace through such a value are
   * held to the value: after a source change that leaves it equal (as JSON), their findings stand.
   */
  derive<T>(key: string, compute: (snapshot: IndexSnapshot) => T): T;

  /**
   * Argument lists of every `.name(...)` call in the workspace's Go files (in path order): the
   * values builder methods are called with.
   */
  selectorCalls(name: string): readonly string[][];
  /** The Go files whose text contains `word`, in path order. */
  filesContaining(word: string): readonly string[];
  /** Text of an indexed source file, for hovers, snippets and "show source". */
  sourceText(path: string): string | undefined;
  /** The module whose folder holds a path (the deepest one). */
  moduleOf(path: string): GoModule | undefined;
  /** Whether a fact located at `loc` (optionally read by CLI subcommand `command`) belongs to a service. */
  belongsTo(fact: { loc: { path: string }; command?: string }, service: string): boolean;
  /** Whether a fact belongs to any of `services` (else it is shared by all). */
  belongsToAnyService(fact: { loc: { path: string }; command?: string }): boolean;
  serviceByKey(key: string): ServiceInfo | undefined;
}

export function createSnapshot(
  parts: Omit<IndexSnapshot, 'env' | 'nats' | 'streams' | 'container' | 'data' | 'decls' | 'declaredNames' | 'envNames' | 'derive' | 'moduleOf' | 'belongsTo' | 'belongsToAnyService' | 'serviceByKey' | 'sourceText' | 'selectorCalls' | 'filesContaining'> & {
    texts: { get(path: string): { readonly text: string } | undefined };
    selectorCalls: (name: string) => string[][];
    filesContaining: (word: string) => string[];
  },
  /**
   * The snapshot before, while the host still links it (only the latest two are linked, so old
   * snapshots are not kept alive): what no file changed keeps its value, as the same object.
   */
  previous: () => IndexSnapshot | undefined = () => undefined,
): IndexSnapshot {
  /** The previous snapshot, when its files line up with these and `same` holds for each pair. */
  const unchangedSince = (same: (now: GoFileFacts, before: GoFileFacts) => boolean): IndexSnapshot | undefined => {
    const prev = previous();
    const before = prev?.goFiles;
    // The same facts object is the same file as it was: nothing of it needs comparing (nor building).
    return prev && before && before.length === parts.goFiles.length && parts.goFiles.every((f, i) => f === before[i] || same(f, before[i])) ? prev : undefined;
  };
  const flat = <K extends 'env' | 'nats' | 'streams' | 'container' | 'data' | 'decls'>(k: K): GoFileFacts[K] => {
    const prev = unchangedSince((f, b) => f[k] === b[k]);
    return prev ? (prev[k] as GoFileFacts[K]) : (parts.goFiles.flatMap((f) => f[k] as unknown[]) as GoFileFacts[K]);
  };
  const modulesDeepestFirst = [...parts.modules].sort((a, b) => b.dir.length - a.dir.length);
  const byKey = new Map<string, ServiceInfo>();
  for (const s of parts.services) if (!byKey.has(s.key) || s.kind === 'module') byKey.set(s.key, s);
  // Rules ask whether a fact belongs to a service once per claim and fact: the keys of a path's
  // folders and of a service's name are worked out once per snapshot.
  const folderKeys = new Map<string, Set<string>>();
  const keysOfFolders = (path: string): Set<string> => {
    let keys = folderKeys.get(path);
    if (!keys) folderKeys.set(path, (keys = new Set(path.split('/').slice(0, -1).map(serviceKey))));
    return keys;
  };
  const nameKeys = new Map<string, string>();
  const keyOf = (name: string): string => {
    let key = nameKeys.get(name);
    if (key === undefined) nameKeys.set(name, (key = serviceKey(name)));
    return key;
  };
  const serviceKeys = new Set(parts.services.map((s) => keyOf(s.name)).filter(Boolean));
  const belongsTo: IndexSnapshot['belongsTo'] = (fact, service) => {
    const key = keyOf(service);
    if (!key) return false;
    if (fact.command && keyOf(fact.command) === key) return true;
    return keysOfFolders(fact.loc.path).has(key);
  };
  let decls: readonly GoDecl[] | undefined;
  let declaredNames: IndexSnapshot['declaredNames'] | undefined;
  let envNames: IndexSnapshot['envNames'] | undefined;
  const env = flat('env');
  const derived = new Map<string, unknown>();
  const snapshot: IndexSnapshot = {
    ...parts,
    derive<T>(key: string, compute: (s: IndexSnapshot) => T): T {
      if (!derived.has(key)) derived.set(key, compute(snapshot));
      return derived.get(key) as T;
    },
    // A hundred thousand declarations: the flat list is built when a rule first asks for it.
    get decls() {
      if (decls) return decls;
      const prev = unchangedSince((f, b) => f.decls === b.decls);
      if (prev) return (decls = prev.decls);
      const all: GoDecl[] = [];
      for (const f of parts.goFiles) for (const d of f.decls) all.push(d);
      return (decls = all);
    },
    get declaredNames() {
      if (declaredNames) return declaredNames;
      // Files whose declarations kept their names leave the previous sets standing.
      const prev = unchangedSince((f, b) => f.decls === b.decls || namesOf(f.decls) === namesOf(b.decls));
      if (prev) return (declaredNames = prev.declaredNames);
      const names = new Set<string>();
      const receivers = new Set<string>();
      for (const f of parts.goFiles) {
        // Facts served from the fact cache know their names without building their declarations.
        const known = (f as { [DECLARED_NAMES]?: DeclaredNames })[DECLARED_NAMES];
        if (known) {
          for (const n of known.names) names.add(n);
          for (const r of known.receivers) if (r) receivers.add(r);
          continue;
        }
        for (const d of f.decls) {
          names.add(d.name);
          if (d.receiver) receivers.add(d.receiver);
        }
      }
      return (declaredNames = { names, receivers });
    },
    get envNames() {
      if (envNames) return envNames;
      const names = new Set(env.map((e) => e.name));
      const keys = new Set(env.flatMap((e) => (e.key ? [e.key] : [])));
      const was = previous()?.envNames;
      return (envNames = was && sameSet(was.names, names) && sameSet(was.keys, keys) ? was : { names, keys });
    },
    env,
    nats: flat('nats'),
    streams: flat('streams'),
    container: flat('container'),
    data: flat('data'),
    sourceText: (path) => parts.texts.get(path)?.text,
    selectorCalls: oncePerKey(parts.selectorCalls),
    filesContaining: oncePerKey(parts.filesContaining),
    moduleOf: (path) => modulesDeepestFirst.find((m) => m.dir === '' || path === m.dir || path.startsWith(m.dir + '/')),
    belongsTo,
    belongsToAnyService: (fact) => {
      if (fact.command && serviceKeys.has(keyOf(fact.command))) return true;
      for (const k of keysOfFolders(fact.loc.path)) if (serviceKeys.has(k)) return true;
      return false;
    },
    serviceByKey: (key) => byKey.get(serviceKey(key)),
  };
  return snapshot;
}

/** `answer` asked once per key in this snapshot. */
function oncePerKey<T>(answer: (key: string) => T): (key: string) => T {
  const answers = new Map<string, T>();
  return (key) => {
    if (!answers.has(key)) answers.set(key, answer(key));
    return answers.get(key)!;
  };
}

function namesOf(decls: readonly GoDecl[]): string {
  return decls.map((d) => `${d.receiver ?? ''}.${d.name}`).join('\n');
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}
