// Small pieces every fact family uses: where facts are collected, how typed literals nest, struct
// tags, and recognising a context argument.
import type { ContainerFact, DataFact, EnvFact, GoFileFacts, NatsFact, SourceLocation, StreamFact } from '../../engine/types';
import type { Expr } from './expr';
import type { FileExtract } from './extract';

/** Collects facts by the file their location is in; files that only hold tests get none. */
export class Sink {
  readonly byPath = new Map<string, GoFileFacts>();
  private readonly seen = new Set<string>();

  constructor(files: readonly FileExtract[]) {
    for (const f of files) {
      if (!f.factsAllowed) this.blocked.add(f.path);
      this.byPath.set(f.path, this.entry(f));
    }
  }

  /** A file first known by its outline was read in full: its declarations and syntax errors are the parse's. */
  replace(f: FileExtract): void {
    const facts = this.byPath.get(f.path);
    if (!facts) return;
    const fresh = this.entry(f);
    facts.decls = fresh.decls;
    facts.syntaxErrors = fresh.syntaxErrors;
  }

  private entry(f: FileExtract): GoFileFacts {
    return {
      path: f.path,
      packageName: f.pkg,
      isMain: f.pkg === 'main',
      env: [],
      nats: [],
      streams: [],
      container: [],
      data: [],
      decls: f.decls,
      commands: [],
      syntaxErrors: f.syntaxErrors.map((r) => ({ path: f.path, range: { start: f.lines.positionAt(r.s), end: f.lines.positionAt(r.e) } })),
    };
  }

  private target(loc: SourceLocation, key: string): GoFileFacts | undefined {
    const facts = this.byPath.get(loc.path);
    if (!facts || this.blocked.has(loc.path)) return undefined;
    // The same fact reached twice (a helper called with the same constant) is kept once.
    const id = `${key}@${loc.path}:${loc.range.start.line}:${loc.range.start.character}:${loc.range.end.line}:${loc.range.end.character}`;
    if (this.seen.has(id)) return undefined;
    this.seen.add(id);
    return facts;
  }

  /** Files whose facts are not taken (tests, vendor, testdata). */
  readonly blocked = new Set<string>();

  env(f: EnvFact): void {
    this.target(f.loc, `env:${f.name}:${f.command ?? ''}`)?.env.push(f);
  }
  nats(f: NatsFact): void {
    this.target(f.loc, `nats:${f.role}:${f.subject}:${f.stream ?? ''}`)?.nats.push(f);
  }
  stream(f: StreamFact): void {
    this.target(f.loc, `stream:${f.name}`)?.streams.push(f);
  }
  container(f: ContainerFact): void {
    this.target(f.loc, `container:${f.setting}:${JSON.stringify(f.value)}`)?.container.push(f);
  }
  data(f: DataFact): void {
    this.target(f.loc, `data:${f.kind}:${f.value}:${f.detail ?? ''}`)?.data.push(f);
  }
  command(name: string, loc: SourceLocation): void {
    this.target(loc, `cmd:${name}`)?.commands.push({ name, loc });
  }
}

/**
 * The literals of the interesting type inside a typed literal: itself for `T{...}`, the elided
 * elements of `[]T{{...}}`, and the values of `map[K]T{k: {...}}` / `map[K][]T{k: {{...}}}`,
 * each with the map key it sits under.
 */
export function elementsOf(lit: Expr & { t: 'lit' }, typeText?: string, key?: Expr): { lit: Expr & { t: 'lit' }; key?: Expr }[] {
  const type = (typeText ?? lit.type ?? '').trim();
  const slice = /^\[[^\]]*\]\*?(.*)$/.exec(type);
  if (slice) {
    return lit.elems.flatMap((el) => (el.v.t === 'lit' && el.v.type === undefined ? elementsOf(el.v, slice[1], key) : []));
  }
  const map = /^map\[/.test(type) ? mapValueType(type) : undefined;
  if (map !== undefined) {
    return lit.elems.flatMap((el) => (el.v.t === 'lit' && el.v.type === undefined ? elementsOf(el.v, map, el.key) : []));
  }
  return [{ lit, key }];
}

function mapValueType(type: string): string | undefined {
  let depth = 0;
  for (let i = 3; i < type.length; i++) {
    if (type[i] === '[') depth++;
    else if (type[i] === ']') {
      depth--;
      if (depth === 0) return type.slice(i + 1).replace(/^\*/, '');
    }
  }
  return undefined;
}

/** `ctx`, `context.Background()`, `r.Context()`: a first argument that is not the payload. */
export function looksLikeCtx(x: Expr | undefined, imports: Record<string, string>): boolean {
  if (!x) return false;
  if (x.t === 'id') return /ctx|^c$/i.test(x.name) && !/subj|topic/i.test(x.name);
  if (x.t === 'call') {
    if (x.fn.t === 'sel' && x.fn.x.t === 'id' && imports[x.fn.x.name] === 'context') return true;
    if (x.fn.t === 'sel' && x.fn.f === 'Context' && x.args.length === 0) return true;
  }
  return false;
}

export interface TagValue {
  value: string;
  /** Offset of the value's first character within the tag text. */
  at: number;
}

/** Go struct tag syntax: `key:"value" other:"v2"`. */
export function parseTag(tag: string | undefined): Map<string, TagValue> {
  const out = new Map<string, TagValue>();
  if (!tag) return out;
  const re = /([A-Za-z_][\w.-]*):"((?:[^"\\]|\\.)*)"/g;
  for (const m of tag.matchAll(re)) out.set(m[1], { value: m[2], at: (m.index ?? 0) + m[1].length + 2 });
  return out;
}

/** Collects the identifiers and called function names inside an expression. */
export function mentions(x: Expr, out = new Set<string>()): Set<string> {
  switch (x.t) {
    case 'id':
      out.add(x.name);
      break;
    case 'sel':
      mentions(x.x, out);
      break;
    case 'call':
      mentions(x.fn, out);
      for (const a of x.args) mentions(a, out);
      break;
    case 'bin':
      mentions(x.l, out);
      mentions(x.r, out);
      break;
    case 'un':
      mentions(x.x, out);
      break;
    case 'lit':
      for (const el of x.elems) mentions(el.v, out);
      break;
    default:
      break;
  }
  return out;
}

/** Runs one fact extraction; an unexpected shape of code loses that fact, never the others. */
export function guard(run: () => void): void {
  try {
    run();
  } catch {
    // Deliberately silent: the index reports what it could read.
  }
}
