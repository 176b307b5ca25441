// Resolves values across the workspace: packages by import path (through go.mod module paths),
// constants of any package, one-expression helper functions, and facts written inside helpers whose
// inputs are parameters (found again at each call site with the arguments substituted).
import type { GoModule, SourceLocation } from '../../engine/types';
import { calleeName, calleeRecv, fieldsOf, stripAddr, type Expr } from './expr';
import type { CallRec, ConstInfo, FileExtract, FuncInfo, StructInfo, VarInfo } from './extract';
import { mentions } from './shared';
import { asParts, binary, formatDuration, knownString, normParts, str, unary, UNKNOWN, WILD, type Part, type Val } from './values';

export interface Pkg {
  key: string;
  dir: string;
  name: string;
  files: FileExtract[];
  consts: Map<string, { c: ConstInfo; f: FileExtract }>;
  vars: Map<string, { v: VarInfo; f: FileExtract }>;
  funcs: Map<string, FuncRef>;
  methods: Map<string, FuncRef[]>;
  structs: Map<string, { st: StructInfo; f: FileExtract }>;
  /** Every import path some file of the package imports. */
  imports: Set<string>;
  /** Answers of `importsMatching`, by pattern. */
  importMemo: Map<string, boolean>;
  /** Outline-only files of the package not yet read in full. */
  outlines: FileExtract[];
  /** Names already looked for among them. */
  asked: Set<string>;
}

export interface FuncRef {
  fn: FuncInfo;
  file: FileExtract;
  pkg: Pkg;
}

/** A call site of a helper: where a fact written in the helper really happens. */
export interface SiteRef {
  call: CallRec;
  file: FileExtract;
}

export interface Ctx {
  file: FileExtract;
  fn?: FuncInfo;
  /** Parameters bound to the arguments of a call site, evaluated in the caller's context. */
  bind?: Map<string, { x: Expr; ctx: Ctx }>;
  iota?: number;
  /** The outermost call site of a chain of helpers: facts whose value is not an argument land there. */
  site?: { file: FileExtract; s: number; e: number };
  /** Parameters read while unbound: the value depends on the caller. */
  open: Set<string>;
  depth: number;
}

const MAX_DEPTH = 24;
const MAX_FORWARD = 3;
const MAX_STEPS = 5_000_000;
const MAX_FORWARDS = 50_000;

const TIME_UNITS: Record<string, number> = { Nanosecond: 1, Microsecond: 1e3, Millisecond: 1e6, Second: 1e9, Minute: 60e9, Hour: 3600e9 };
/** Library constants that commonly serve as defaults; their values are part of the libraries' APIs. */
const KNOWN_EXTERNAL: Record<string, string | number> = {
  'github.com/nats-io/nats.go.DefaultURL': 'nats://127.0.0.1:4222',
  'github.com/nats-io/nats.go.DefaultPort': 4222,
  'net/http.DefaultMaxHeaderBytes': 1 << 20,
};
const INT_TYPES = /^u?int(8|16|32|64)?$|^uintptr$|^byte$|^rune$/;
const CONVERSIONS = new Set(['NetworkMode', 'IpcMode', 'PidMode', 'UsernsMode', 'CgroupnsMode', 'UTSMode', 'RestartPolicyMode', 'StrSlice', 'Duration']);
const POINTER_PKGS = /(^|\/)(ptr|pointer|to|lo|aws|utils?|ptrs?)$/;
const POINTER_FUNCS = /^(ptr|Ptr|toPtr|ToPtr|To|Of|Int|Int32|Int64|Uint64|String|Bool|Float64|New|Pointer)$/;

export class Workspace {
  readonly pkgs = new Map<string, Pkg>();
  private readonly pkgOfPath = new Map<string, Pkg>();
  private readonly modulesLongestFirst: GoModule[];
  private readonly importCache = new Map<string, Pkg | undefined>();
  private readonly constMemo = new Map<string, Val>();
  private readonly constBusy = new Set<string>();
  private callIndex?: Map<string, SiteRef[]>;
  private readonly importedMemo = new Map<FileExtract, Set<Pkg>>();
  private readonly namesMemo = new Map<string, unknown>();
  private readonly sitesMemo = new Map<FuncInfo, SiteRef[]>();
  /** Locals and helpers being evaluated right now: recursion ends in "unknown". */
  private readonly busy = new Set<object>();
  /** Evaluation steps so far; a pathological workspace stops folding instead of hanging. */
  private steps = 0;
  /** Call-site chains explored so far. */
  private forwards = 0;
  /** Every file, outlines included, in path order; outlines are replaced as they are read in full. */
  private readonly all: FileExtract[];
  private readonly position = new Map<string, number>();
  private readonly expanded = new Map<FileExtract, FileExtract>();
  private readonly callersRead = new Set<string>();

  constructor(
    files: readonly FileExtract[],
    private readonly modules: readonly GoModule[],
    /** Reads an outline-only file in full; without it every file must come fully read. */
    private readonly readFull?: (outline: FileExtract) => FileExtract,
    /** Told about each outline read in full, so per-file results can take its parse into account. */
    private readonly onRead?: (full: FileExtract) => void,
  ) {
    this.all = [...files];
    this.modulesLongestFirst = [...modules].filter((m) => m.modulePath).sort((a, b) => b.modulePath.length - a.modulePath.length);
    this.all.forEach((f, i) => {
      this.position.set(f.path, i);
      const isTestPkg = f.pkg.endsWith('_test');
      const key = isTestPkg ? `${f.dir}#test` : f.dir;
      let pkg = this.pkgs.get(key);
      if (!pkg) {
        pkg = { key, dir: f.dir, name: f.pkg, files: [], consts: new Map(), vars: new Map(), funcs: new Map(), methods: new Map(), structs: new Map(), imports: new Set(), importMemo: new Map(), outlines: [], asked: new Set() };
        this.pkgs.set(key, pkg);
      }
      pkg.files.push(f);
      this.pkgOfPath.set(f.path, pkg);
      for (const imp of Object.values(f.imports)) pkg.imports.add(imp);
      if (f.outline) pkg.outlines.push(f);
      else this.declare(pkg, f);
    });
  }

  /** Every file of the workspace in path order (outline-only ones carry declarations alone). */
  get files(): readonly FileExtract[] {
    return this.all;
  }

  /**
   * Adds a file's declarations to its package. Where two files declare a name (build-tagged
   * variants), the first in path order wins, whichever of them was read first.
   */
  private declare(pkg: Pkg, f: FileExtract): void {
    const first = <V extends { f: FileExtract }>(map: Map<string, V>, name: string, v: V) => {
      const prev = map.get(name);
      if (!prev || f.path < prev.f.path) map.set(name, v);
    };
    for (const c of f.consts) first(pkg.consts, c.name, { c, f });
    for (const v of f.vars) first(pkg.vars, v.name, { v, f });
    for (const st of f.structs) first(pkg.structs, st.name, { st, f });
    for (const fn of f.funcs) {
      const ref: FuncRef = { fn, file: f, pkg };
      if (fn.recv) {
        const list = pkg.methods.get(fn.name) ?? [];
        let at = list.length;
        while (at > 0 && list[at - 1].file.path > f.path) at--;
        list.splice(at, 0, ref);
        pkg.methods.set(fn.name, list);
      } else {
        const prev = pkg.funcs.get(fn.name);
        if (!prev || f.path < prev.file.path) pkg.funcs.set(fn.name, ref);
      }
    }
  }

  /** Has the outline-only files of a package that declare `name` read in full. */
  materialize(pkg: Pkg, name: string): void {
    if (pkg.outlines.length === 0 || pkg.asked.has(name)) return;
    pkg.asked.add(name);
    for (const f of pkg.outlines.filter((o) => declaredIn(o).has(name))) this.readInFull(f);
  }

  /** Has every outline-only file of a package read in full (for questions about all of it). */
  materializeAll(pkg: Pkg): void {
    for (const f of [...pkg.outlines]) this.readInFull(f);
  }

  private readInFull(outline: FileExtract): FileExtract {
    const done = this.expanded.get(outline);
    if (done || !outline.outline || !this.readFull) return done ?? outline;
    const full = this.readFull(outline);
    this.expanded.set(outline, full);
    const i = this.position.get(outline.path)!;
    this.all[i] = full;
    const pkg = this.pkgOfPath.get(outline.path)!;
    pkg.files[pkg.files.indexOf(outline)] = full;
    pkg.outlines.splice(pkg.outlines.indexOf(outline), 1);
    this.declare(pkg, full);
    if (this.callIndex) {
      for (const call of full.calls) {
        const name = calleeName(call.x);
        if (!name) continue;
        const list = this.callIndex.get(name) ?? [];
        // A new list, in file order: a loop over the old one is not disturbed.
        let at = list.length;
        while (at > 0 && this.position.get(list[at - 1].file.path)! > i) at--;
        while (at < list.length && list[at].file === full) at++;
        this.callIndex.set(name, [...list.slice(0, at), { call, file: full }, ...list.slice(at)]);
      }
    }
    this.onRead?.(full);
    return full;
  }

  /**
   * Before the call sites of a helper are listed: the outline-only files that could call it (in
   * its package, or importing it) and mention its name are read in full.
   */
  private readCallers(ref: FuncRef): void {
    if (!this.readFull) return;
    const key = `${ref.pkg.key}\u0000${ref.fn.name}`;
    if (this.callersRead.has(key)) return;
    this.callersRead.add(key);
    const word = new RegExp(`(?<![\\p{L}\\p{N}_])${ref.fn.name}(?![\\p{L}\\p{N}_])`, 'u');
    const candidates = new Set([...ref.pkg.files, ...(this.outlinesImporting().get(ref.pkg) ?? [])]);
    for (const f of candidates) {
      // Test files' calls are never read, so reading them in full would find nothing.
      if (!f.outline || !f.factsAllowed || this.expanded.has(f)) continue;
      if (word.test(f.text)) this.readInFull(f);
    }
  }

  /** Outline-only production files by each workspace package they import, worked out once. */
  private importers?: Map<Pkg, FileExtract[]>;

  private outlinesImporting(): Map<Pkg, FileExtract[]> {
    if (this.importers) return this.importers;
    const byPkg = new Map<Pkg, FileExtract[]>();
    for (const f of this.all) {
      if (!f.outline || !f.factsAllowed) continue;
      for (const pkg of this.importedPkgs(f)) {
        const list = byPkg.get(pkg);
        if (list) list.push(f);
        else byPkg.set(pkg, [f]);
      }
    }
    return (this.importers = byPkg);
  }

  pkgOf(file: FileExtract): Pkg {
    return this.pkgOfPath.get(file.path)!;
  }

  /** Whether any file of the package imports a path matching `re` (the gate for library-specific facts). */
  importsMatching(pkg: Pkg, re: RegExp): boolean {
    const key = re.source;
    let v = pkg.importMemo.get(key);
    if (v === undefined) {
      v = [...pkg.imports].some((p) => re.test(p));
      pkg.importMemo.set(key, v);
    }
    return v;
  }

  /** Workspace packages a file imports. */
  importedPkgs(file: FileExtract): Set<Pkg> {
    let set = this.importedMemo.get(file);
    if (!set) {
      set = new Set();
      for (const p of Object.values(file.imports)) {
        const pkg = this.pkgForImport(p);
        if (pkg) set.add(pkg);
      }
      this.importedMemo.set(file, set);
    }
    return set;
  }

  /** Names of a package's files, merged (container-typed names, viper instances). */
  pkgNames<K extends 'containerNames' | 'viperNames'>(pkg: Pkg, key: K): FileExtract[K] {
    const memoKey = `${pkg.key}\u0000${key}`;
    let v = this.namesMemo.get(memoKey) as FileExtract[K] | undefined;
    if (!v) {
      this.materializeAll(pkg);
      v = pkg.files.flatMap((f) => f[key] as unknown[]) as FileExtract[K];
      this.namesMemo.set(memoKey, v);
    }
    return v;
  }

  /** The workspace package an import path names, through module paths (or folder suffix without go.mod). */
  pkgForImport(importPath: string): Pkg | undefined {
    if (this.importCache.has(importPath)) return this.importCache.get(importPath);
    let found: Pkg | undefined;
    for (const m of this.modulesLongestFirst) {
      if (importPath === m.modulePath || importPath.startsWith(m.modulePath + '/')) {
        const rest = importPath.slice(m.modulePath.length).replace(/^\//, '');
        const dir = [m.dir, rest].filter(Boolean).join('/');
        found = this.pkgs.get(dir);
        break;
      }
    }
    if (!found && !this.modulesLongestFirst.some((m) => importPath.startsWith(m.modulePath + '/')) && importPath.split('/')[0].includes('.')) {
      let best = -1;
      for (const pkg of this.pkgs.values()) {
        if (!pkg.dir || pkg.key.endsWith('#test')) continue;
        if ((importPath === pkg.dir || importPath.endsWith('/' + pkg.dir)) && pkg.dir.length > best) {
          best = pkg.dir.length;
          found = pkg;
        }
      }
    }
    this.importCache.set(importPath, found);
    return found;
  }

  /** Folder of the module holding a path; viper's global state is shared within one binary's module. */
  moduleDirOf(path: string): string {
    let best: string | undefined;
    for (const m of this.modules) if ((m.dir === '' || path.startsWith(m.dir + '/')) && (best === undefined || m.dir.length > best.length)) best = m.dir;
    return best ?? '';
  }

  ctx(file: FileExtract, func: number): Ctx {
    return { file, fn: func >= 0 ? file.funcs[func] : undefined, open: new Set(), depth: 0 };
  }

  /** The import path an identifier names in a file, unless a local or parameter shadows it. */
  importOf(name: string, ctx: Ctx): string | undefined {
    if (ctx.fn && (ctx.fn.params.includes(name) || ctx.fn.locals.has(name))) return undefined;
    return ctx.file.imports[name];
  }

  // ---------------------------------------------------------------- evaluation

  eval(x: Expr, ctx: Ctx): Val {
    if (ctx.depth > MAX_DEPTH || ++this.steps > MAX_STEPS) return UNKNOWN;
    switch (x.t) {
      case 'str':
        return str(x.v);
      case 'int':
        return { k: 'int', n: x.v };
      case 'float':
        return { k: 'float', n: x.v };
      case 'bool':
        return { k: 'bool', b: x.v };
      case 'nil':
        return { k: 'nil' };
      case 'iota':
        return ctx.iota === undefined ? UNKNOWN : { k: 'int', n: ctx.iota };
      case 'id':
        return this.evalIdent(x.name, ctx);
      case 'sel': {
        if (x.x.t === 'id') {
          const imp = this.importOf(x.x.name, ctx);
          if (imp) return this.evalQualified(imp, x.f);
        }
        return UNKNOWN;
      }
      case 'bin':
        return binary(x.op, this.eval(x.l, ctx), this.eval(x.r, ctx));
      case 'un':
        return unary(x.op, this.eval(x.x, ctx));
      case 'call':
        return this.evalCall(x, ctx);
      case 'lit':
        return this.evalLit(x, ctx);
      default:
        return UNKNOWN;
    }
  }

  private nested(ctx: Ctx): Ctx {
    return { ...ctx, depth: ctx.depth + 1 };
  }

  private evalIdent(name: string, ctx: Ctx): Val {
    const b = ctx.bind?.get(name);
    if (b) return this.eval(b.x, this.nested(b.ctx));
    if (ctx.fn) {
      if (ctx.fn.params.includes(name)) {
        ctx.open.add(name);
        return UNKNOWN;
      }
      const local = ctx.fn.locals.get(name);
      if (local) {
        // `x := x + x` in an inner scope would otherwise unfold exponentially.
        if (local.k !== 'expr' || this.busy.has(local)) return UNKNOWN;
        this.busy.add(local);
        try {
          return this.eval(local.x, this.nested(ctx));
        } finally {
          this.busy.delete(local);
        }
      }
    }
    return this.pkgValue(this.pkgOf(ctx.file), name);
  }

  /** A package-level constant or variable with a single initialiser. */
  pkgValue(pkg: Pkg, name: string): Val {
    const key = `${pkg.key}\u0000${name}`;
    const memo = this.constMemo.get(key);
    if (memo) return memo;
    if (this.constBusy.has(key)) return UNKNOWN;
    this.constBusy.add(key);
    let v: Val = UNKNOWN;
    this.materialize(pkg, name);
    const c = pkg.consts.get(name);
    const pv = c ? undefined : pkg.vars.get(name);
    if (c?.c.x) v = this.withType(this.eval(c.c.x, { file: c.f, open: new Set(), depth: 1, iota: c.c.iota }), c.c.type, c.f);
    else if (pv?.v.x) v = this.withType(this.eval(pv.v.x, { file: pv.f, open: new Set(), depth: 1 }), pv.v.type, pv.f);
    this.constBusy.delete(key);
    this.constMemo.set(key, v);
    return v;
  }

  /** A declared type turns an untyped number into what the program holds (`time.Duration`, `int64`). */
  private withType(v: Val, type: string | undefined, file: FileExtract): Val {
    if (!type) return v;
    if (isDurationType(type, file.imports) && (v.k === 'int' || v.k === 'float')) return { k: 'dur', n: Math.trunc(v.n) };
    if (INT_TYPES.test(type) && v.k === 'float') return { k: 'int', n: Math.trunc(v.n) };
    if (/^float(32|64)$/.test(type) && v.k === 'int') return { k: 'float', n: v.n };
    return v;
  }

  evalQualified(importPath: string, name: string): Val {
    if (importPath === 'time' && name in TIME_UNITS) return { k: 'dur', n: TIME_UNITS[name] };
    const known = KNOWN_EXTERNAL[`${importPath}.${name}`];
    if (known !== undefined) return typeof known === 'string' ? str(known) : { k: 'int', n: known };
    const pkg = this.pkgForImport(importPath);
    if (pkg) return this.pkgValue(pkg, name);
    return { k: 'ext', pkg: importPath, name };
  }

  private evalLit(x: Expr & { t: 'lit' }, ctx: Ctx): Val {
    const type = x.type ?? '';
    if (type.startsWith('map[')) {
      return { k: 'map', entries: x.elems.map((el) => [el.key ? this.eval(el.key, ctx) : UNKNOWN, this.eval(el.v, ctx)] as [Val, Val]) };
    }
    if (type.startsWith('[') || /\.StrSlice$/.test(type) || (!type && x.elems.every((el) => !el.key))) {
      return { k: 'list', items: x.elems.map((el) => this.eval(el.v, ctx)) };
    }
    return UNKNOWN;
  }

  private evalCall(x: Expr & { t: 'call' }, ctx: Ctx): Val {
    const name = calleeName(x);
    const recv = calleeRecv(x);
    const args = x.args;
    const arg = (i: number): Val => (args[i] ? this.eval(args[i], ctx) : UNKNOWN);
    if (recv && recv.t === 'id') {
      const imp = this.importOf(recv.name, ctx);
      if (imp) return this.evalPackageCall(imp, name, x, ctx);
    }
    if (x.fn.t === 'id') {
      const fname = x.fn.name;
      if (INT_TYPES.test(fname)) {
        const v = arg(0);
        return v.k === 'int' || v.k === 'float' || v.k === 'dur' ? { k: 'int', n: Math.trunc(v.n) } : UNKNOWN;
      }
      if (fname === 'float64' || fname === 'float32') {
        const v = arg(0);
        return v.k === 'int' || v.k === 'float' || v.k === 'dur' ? { k: 'float', n: v.n } : UNKNOWN;
      }
      if (fname === 'string') {
        const v = arg(0);
        return v.k === 'str' ? v : UNKNOWN;
      }
      if (fname === 'append') {
        const first = arg(0);
        const items = first.k === 'list' ? [...first.items] : [];
        if (x.spread) {
          const rest = arg(1);
          if (rest.k === 'list') items.push(...rest.items);
        } else for (let i = 1; i < args.length; i++) items.push(arg(i));
        return { k: 'list', items };
      }
      const shadowed = ctx.fn && (ctx.fn.params.includes(fname) || ctx.fn.locals.has(fname));
      const ref = shadowed ? undefined : this.funcNamed(this.pkgOf(ctx.file), fname);
      if (ref) return this.callHelper(ref, x, ctx);
      if (/^(ptr|Ptr|toPtr|ToPtr)$/.test(fname) && args.length === 1) return arg(0);
      return UNKNOWN;
    }
    if (recv) {
      // Duration methods on a known duration.
      if (['Seconds', 'Minutes', 'Hours', 'Milliseconds', 'String'].includes(name) && args.length === 0) {
        const v = this.eval(recv, ctx);
        if (v.k === 'dur') {
          if (name === 'Seconds') return { k: 'float', n: v.n / 1e9 };
          if (name === 'Minutes') return { k: 'float', n: v.n / 60e9 };
          if (name === 'Hours') return { k: 'float', n: v.n / 3600e9 };
          if (name === 'Milliseconds') return { k: 'int', n: Math.trunc(v.n / 1e6) };
          return str(formatDuration(v.n));
        }
        return UNKNOWN;
      }
      const methods = this.methodsNamed(this.pkgOf(ctx.file), name);
      if (methods && methods.length === 1 && methods[0].fn.ret) return this.callHelper(methods[0], x, ctx);
    }
    return UNKNOWN;
  }

  private evalPackageCall(imp: string, name: string, x: Expr & { t: 'call' }, ctx: Ctx): Val {
    const args = x.args;
    const arg = (i: number): Val => (args[i] ? this.eval(args[i], ctx) : UNKNOWN);
    switch (imp) {
      case 'fmt':
        if (name === 'Sprintf') return this.sprintf(x, ctx);
        if (name === 'Sprint') return { k: 'str', parts: normParts(args.flatMap((a) => asParts(this.eval(a, ctx)))) };
        return UNKNOWN;
      case 'path':
      case 'path/filepath':
        if (name === 'Join') return joinPath(args.map((a) => this.eval(a, ctx)));
        return UNKNOWN;
      case 'strings': {
        if (name === 'Join' && args.length === 2) {
          const list = arg(0);
          const sep = knownString(arg(1));
          if (list.k !== 'list' || sep === undefined) return { k: 'str', parts: [WILD] };
          const parts: Part[] = [];
          list.items.forEach((it, i) => {
            if (i > 0) parts.push(sep);
            parts.push(...asParts(it));
          });
          return { k: 'str', parts: normParts(parts) };
        }
        const s = arg(0);
        if (s.k !== 'str') return UNKNOWN;
        const map = (f: (p: string) => string): Val => ({ k: 'str', parts: s.parts.map((p) => (p === WILD ? WILD : f(p))) });
        if (name === 'ToUpper') return map((p) => p.toUpperCase());
        if (name === 'ToLower') return map((p) => p.toLowerCase());
        const k = knownString(s);
        if (k === undefined) return UNKNOWN;
        if (name === 'TrimSpace') return str(k.trim());
        if (name === 'TrimPrefix' || name === 'TrimSuffix') {
          const a = knownString(arg(1));
          if (a === undefined) return UNKNOWN;
          if (name === 'TrimPrefix') return str(k.startsWith(a) ? k.slice(a.length) : k);
          return str(k.endsWith(a) ? k.slice(0, k.length - a.length) : k);
        }
        return UNKNOWN;
      }
      case 'strconv': {
        const v = arg(0);
        if ((name === 'Itoa' || name === 'FormatInt') && v.k === 'int') return str(String(v.n));
        if (name === 'FormatBool' && v.k === 'bool') return str(String(v.b));
        return name === 'Itoa' || name === 'FormatInt' || name === 'Quote' ? { k: 'str', parts: [WILD] } : UNKNOWN;
      }
      case 'time':
        if (name === 'Duration') {
          const v = arg(0);
          return v.k === 'int' || v.k === 'float' || v.k === 'dur' ? { k: 'dur', n: Math.trunc(v.n) } : UNKNOWN;
        }
        return UNKNOWN;
      case 'net':
        if (name === 'JoinHostPort') return { k: 'str', parts: normParts([...asParts(arg(0)), ':', ...asParts(arg(1))]) };
        return UNKNOWN;
      default:
        break;
    }
    const pkg = this.pkgForImport(imp);
    if (pkg) {
      const ref = this.funcNamed(pkg, name);
      if (ref) return this.callHelper(ref, x, ctx);
      return UNKNOWN;
    }
    if (CONVERSIONS.has(name) && args.length === 1) {
      const v = arg(0);
      return name === 'Duration' && (v.k === 'int' || v.k === 'float') ? { k: 'dur', n: Math.trunc(v.n) } : v;
    }
    if (POINTER_PKGS.test(imp) && POINTER_FUNCS.test(name) && args.length === 1) return arg(0);
    return UNKNOWN;
  }

  /** Evaluates a helper whose body is one `return` with the call's arguments in place of its parameters. */
  private callHelper(ref: FuncRef, x: Expr & { t: 'call' }, ctx: Ctx): Val {
    const { fn } = ref;
    if (!fn.ret || ctx.depth > MAX_DEPTH - 4 || this.busy.has(fn)) return UNKNOWN;
    const bind = new Map<string, { x: Expr; ctx: Ctx }>();
    fn.params.forEach((p, i) => {
      if (x.args[i] && !fn.paramTypes[i]?.startsWith('...')) bind.set(p, { x: x.args[i], ctx });
    });
    const inner: Ctx = { file: ref.file, fn, bind, open: new Set(), depth: ctx.depth + 1 };
    this.busy.add(fn);
    try {
      // A pointer helper (`func ptr[T any](v T) *T { return &v }`) hands back its argument.
      return this.eval(fn.ret, inner);
    } finally {
      this.busy.delete(fn);
    }
  }

  private sprintf(x: Expr & { t: 'call' }, ctx: Ctx): Val {
    const format = x.args[0] ? knownString(this.eval(x.args[0], ctx)) : undefined;
    if (format === undefined) return { k: 'str', parts: [WILD] };
    const parts: Part[] = [];
    let argi = 1;
    let lit = '';
    for (let i = 0; i < format.length; i++) {
      const ch = format[i];
      if (ch !== '%') {
        lit += ch;
        continue;
      }
      const m = /^%([-+# 0]*)(\d+|\*)?(?:\.(\d+|\*))?([a-zA-Z%])/.exec(format.slice(i));
      if (!m) {
        lit += ch;
        continue;
      }
      i += m[0].length - 1;
      if (m[4] === '%') {
        lit += '%';
        continue;
      }
      parts.push(lit);
      lit = '';
      const a = x.args[argi++];
      const v = a ? this.eval(a, ctx) : UNKNOWN;
      if (m[4] === 'q') {
        const k = knownString(v);
        parts.push(k === undefined ? WILD : JSON.stringify(k));
      } else if (m[1] || m[2] || m[3]) parts.push(WILD);
      else parts.push(...asParts(v));
    }
    parts.push(lit);
    return { k: 'str', parts: normParts(parts) };
  }

  /** Each value an identifier bound by `for _, v := range []T{...}` takes; otherwise just `x`. */
  alternatives(x: Expr, ctx: Ctx): Expr[] {
    if (x.t === 'id' && ctx.fn && !ctx.bind?.has(x.name)) {
      const local = ctx.fn.locals.get(x.name);
      if (local?.k === 'range' && local.i === 1 && local.x.t === 'lit') return local.x.elems.map((e) => e.v);
    }
    return [x];
  }

  /** Where a value was written: through bound parameters back to the argument at the call site. */
  locOf(x: Expr, ctx: Ctx): SourceLocation {
    const cur = stripAddr(x);
    if (cur.t === 'id' && ctx.bind?.has(cur.name)) {
      const b = ctx.bind.get(cur.name)!;
      return this.locOf(b.x, b.ctx);
    }
    if (ctx.bind && ctx.site) {
      // `"bot.status." + state`: the argument that made the value is the one place to point at.
      const bound = [...mentions(cur)].filter((n) => ctx.bind!.has(n));
      if (bound.length === 1) {
        const b = ctx.bind.get(bound[0])!;
        return this.locOf(b.x, b.ctx);
      }
    }
    if (ctx.site) return this.loc(ctx.site.file, ctx.site.s, ctx.site.e);
    return this.loc(ctx.file, x.s, x.e);
  }

  loc(file: FileExtract, s: number, e: number): SourceLocation {
    return { path: file.path, range: { start: file.lines.positionAt(s), end: file.lines.positionAt(e) } };
  }

  /** Exact source of an expression; for a bound parameter, the argument at the call site. */
  sourceOf(x: Expr, ctx: Ctx): string {
    const cur = stripAddr(x);
    if (cur.t === 'id' && ctx.bind?.has(cur.name)) {
      const b = ctx.bind.get(cur.name)!;
      return this.sourceOf(b.x, b.ctx);
    }
    return ctx.file.text.slice(x.s, x.e);
  }

  /** The file a fact at this context lands in (the outermost call site for forwarded facts). */
  factFile(ctx: Ctx): FileExtract {
    return ctx.site?.file ?? ctx.file;
  }

  // ---------------------------------------------------------------- types

  /** A struct named by a type expression as written in `ctx` (`Config`, `*config.Config`). */
  structOf(type: string, file: FileExtract): { st: StructInfo; f: FileExtract; pkg: Pkg } | undefined {
    const t = type.trim().replace(/^\*/, '').replace(/\[.*\]$/, '');
    const dot = t.indexOf('.');
    if (dot < 0) {
      const pkg = this.pkgOf(file);
      this.materialize(pkg, t);
      const s = pkg.structs.get(t);
      return s ? { ...s, pkg } : undefined;
    }
    const imp = file.imports[t.slice(0, dot)];
    const pkg = imp ? this.pkgForImport(imp) : undefined;
    if (pkg) this.materialize(pkg, t.slice(dot + 1));
    const s = pkg?.structs.get(t.slice(dot + 1));
    return s && pkg ? { ...s, pkg } : undefined;
  }

  /** The declared or constructed type of a variable, when the code says it plainly. */
  typeOfExpr(x: Expr, ctx: Ctx): string | undefined {
    const cur = stripAddr(x);
    if (cur.t === 'lit') return cur.type;
    if (cur.t === 'call' && cur.fn.t === 'id' && cur.fn.name === 'new' && cur.args[0]) return ctx.file.text.slice(cur.args[0].s, cur.args[0].e);
    if (cur.t !== 'id') return undefined;
    const b = ctx.bind?.get(cur.name);
    if (b) return this.typeOfExpr(b.x, b.ctx);
    if (ctx.fn) {
      const i = ctx.fn.params.indexOf(cur.name);
      if (i >= 0) return ctx.fn.paramTypes[i];
      const local = ctx.fn.locals.get(cur.name);
      if (local?.k === 'typed') return local.type;
      if (local?.k === 'expr') return this.typeOfExpr(local.x, ctx);
      if (local) return undefined;
    }
    const v = this.varNamed(this.pkgOf(ctx.file), cur.name);
    if (v) return v.v.type ?? (v.v.x ? this.typeOfExpr(v.v.x, { file: v.f, open: new Set(), depth: 1 }) : undefined);
    return undefined;
  }

  /** A composite literal an expression stands for: the literal itself or a variable set to one. */
  literalOf(x: Expr, ctx: Ctx): { lit: Expr & { t: 'lit' }; ctx: Ctx } | undefined {
    const cur = stripAddr(x);
    if (cur.t === 'lit') return { lit: cur, ctx };
    if (cur.t !== 'id') return undefined;
    const b = ctx.bind?.get(cur.name);
    if (b) return this.literalOf(b.x, b.ctx);
    const local = ctx.fn?.locals.get(cur.name);
    if (local?.k === 'expr') return this.literalOf(local.x, ctx);
    return undefined;
  }

  /**
   * Values written into field `field` of the package's own struct types wherever the package builds
   * one (`outMsg{subject: ...}`, `&Store{runs: db.Collection(...)}`), keyed or positional.
   */
  fieldValues(file: FileExtract, field: string): { x: Expr; ctx: Ctx }[] {
    const pkg = this.pkgOf(file);
    this.materializeAll(pkg);
    const out: { x: Expr; ctx: Ctx }[] = [];
    for (const { st } of pkg.structs.values()) {
      const index = st.fields.findIndex((f) => f.name === field && !f.embedded);
      if (index < 0) continue;
      for (const f of pkg.files) {
        for (const rec of f.lits) {
          if (rec.type !== `.${st.name}`) continue;
          const lit = rec.x;
          const byKey = fieldsOf(lit).get(field);
          const positional = lit.elems.length > 0 && lit.elems.every((el) => !el.key) ? lit.elems[index]?.v : undefined;
          const vx = byKey ?? positional;
          if (vx) out.push({ x: vx, ctx: this.ctx(f, rec.func) });
        }
      }
    }
    return out;
  }

  /** A workspace function or method a call names: `f(...)`, `pkg.F(...)`, or the package's only method `M`. */
  calleeRef(x: Expr & { t: 'call' }, ctx: Ctx): FuncRef | undefined {
    const name = calleeName(x);
    if (x.fn.t === 'id') return this.funcNamed(this.pkgOf(ctx.file), name);
    const recv = calleeRecv(x);
    if (recv?.t === 'id') {
      const imp = this.importOf(recv.name, ctx);
      if (imp) {
        const pkg = this.pkgForImport(imp);
        return pkg ? this.funcNamed(pkg, name) : undefined;
      }
    }
    const methods = this.methodsNamed(this.pkgOf(ctx.file), name);
    return methods?.length === 1 ? methods[0] : undefined;
  }

  /** A package's function of that name (reading in full the outline-only files that declare it). */
  funcNamed(pkg: Pkg, name: string): FuncRef | undefined {
    this.materialize(pkg, name);
    return pkg.funcs.get(name);
  }

  methodsNamed(pkg: Pkg, name: string): FuncRef[] | undefined {
    this.materialize(pkg, name);
    return pkg.methods.get(name);
  }

  varNamed(pkg: Pkg, name: string): { v: VarInfo; f: FileExtract } | undefined {
    this.materialize(pkg, name);
    return pkg.vars.get(name);
  }

  /** A context for evaluating inside a helper with its parameters bound to a call's arguments. */
  helperCtx(ref: FuncRef, x: Expr & { t: 'call' }, ctx: Ctx): Ctx {
    const bind = new Map<string, { x: Expr; ctx: Ctx }>();
    ref.fn.params.forEach((p, i) => {
      if (x.args[i]) bind.set(p, { x: x.args[i], ctx });
    });
    return { file: ref.file, fn: ref.fn, bind, open: new Set(), depth: ctx.depth + 1 };
  }

  // ---------------------------------------------------------------- helpers and their call sites

  /** Every call in the workspace whose function or method has this name, in file order. */
  callsNamed(name: string): SiteRef[] {
    return this.sitesByName().get(name) ?? [];
  }

  private sitesByName(): Map<string, SiteRef[]> {
    if (this.callIndex) return this.callIndex;
    const idx = new Map<string, SiteRef[]>();
    for (const file of this.all) {
      for (const call of file.calls) {
        const name = calleeName(call.x);
        if (!name) continue;
        let list = idx.get(name);
        if (!list) idx.set(name, (list = []));
        list.push({ call, file });
      }
    }
    this.callIndex = idx;
    return idx;
  }

  funcRef(file: FileExtract, fn: FuncInfo): FuncRef {
    return { fn, file, pkg: this.pkgOf(file) };
  }

  /** Calls of a function or method anywhere in the workspace whose callee plausibly is `ref`. */
  callSitesOf(ref: FuncRef): SiteRef[] {
    const { fn } = ref;
    const memo = this.sitesMemo.get(fn);
    if (memo) return memo;
    this.readCallers(ref);
    const out: SiteRef[] = [];
    this.sitesMemo.set(fn, out);
    const variadic = fn.paramTypes.some((t) => t.startsWith('...'));
    for (const site of this.sitesByName().get(fn.name) ?? []) {
      const { x } = site.call;
      if (variadic ? x.args.length < fn.params.length - 1 : x.args.length !== fn.params.length) continue;
      const callerPkg = this.pkgOf(site.file);
      if (x.fn.t === 'id') {
        if (!fn.recv && callerPkg === ref.pkg) out.push(site);
        continue;
      }
      if (x.fn.t !== 'sel') continue;
      const q = x.fn.x;
      const imp = q.t === 'id' ? site.file.imports[q.name] : undefined;
      if (imp) {
        if (!fn.recv && this.pkgForImport(imp) === ref.pkg) out.push(site);
        continue;
      }
      if (!fn.recv) continue;
      if (callerPkg === ref.pkg || this.importedPkgs(site.file).has(ref.pkg)) out.push(site);
    }
    return out;
  }

  /**
   * Runs `emit` in the context of a fact's own code; when its value depends on the enclosing
   * function's parameters, runs it again at each call site with the arguments bound (up to three
   * helpers deep). `emit(ctx, final)` returns false when it needs the caller; with `final` it must
   * record what it has.
   */
  expand(file: FileExtract, func: number, emit: (ctx: Ctx, final: boolean) => boolean): void {
    const start = this.ctx(file, func);
    this.expandFrom(file, func, [], emit, start);
  }

  private expandFrom(file: FileExtract, func: number, sites: SiteRef[], emit: (ctx: Ctx, final: boolean) => boolean, built?: Ctx): void {
    const { inner, top } = built ? { inner: built, top: built } : this.chain(file, func, sites);
    if (this.safeEmit(emit, inner, false)) return;
    const topFile = sites.length ? sites[sites.length - 1].file : file;
    const topFunc = sites.length ? sites[sites.length - 1].call.func : func;
    const finish = () => this.safeEmit(emit, this.chain(file, func, sites).inner, true);
    if (top.open.size === 0 || topFunc < 0 || sites.length >= MAX_FORWARD) {
      finish();
      return;
    }
    const topFn = topFile.funcs[topFunc];
    const callers = this.callSitesOf(this.funcRef(topFile, topFn)).filter((s) => !sites.some((p) => p.call === s.call));
    // Only callers that pass something known (or their own parameters) for the open parameters can
    // say more than the helper itself; the rest are represented by one fact at the helper.
    const helpful = callers.filter((site) => this.passesKnown(site, topFn, top.open));
    if (helpful.length < callers.length || helpful.length === 0) finish();
    for (const site of helpful) {
      if (++this.forwards > MAX_FORWARDS) return;
      this.expandFrom(file, func, [...sites, site], emit);
    }
  }

  private safeEmit(emit: (ctx: Ctx, final: boolean) => boolean, ctx: Ctx, final: boolean): boolean {
    try {
      return emit(ctx, final);
    } catch {
      // One odd expression must not cost the other facts.
      return true;
    }
  }

  private passesKnown(site: SiteRef, fn: FuncInfo, open: Set<string>): boolean {
    const ctx = this.ctx(site.file, site.call.func);
    for (const p of open) {
      const i = fn.params.indexOf(p);
      const a = site.call.x.args[i];
      if (!a) continue;
      const v = this.eval(a, ctx);
      if (ctx.open.size > 0) return true;
      // A partly known string ("runner-" + id) rarely says more than the helper's own wildcard.
      if (v.k === 'str' ? !v.parts.includes(WILD) : v.k !== 'unknown' && v.k !== 'nil') return true;
    }
    return false;
  }

  /** Contexts for a fact inside `func`, called through `sites` (innermost call first). */
  private chain(file: FileExtract, func: number, sites: SiteRef[]): { inner: Ctx; top: Ctx } {
    if (sites.length === 0) {
      const c = this.ctx(file, func);
      return { inner: c, top: c };
    }
    const outer = sites[sites.length - 1];
    // A fact not tied to one argument points at the arguments of the outermost call, not at the
    // start of a long method chain.
    const args = outer.call.x.args;
    const site = args.length ? { file: outer.file, s: args[0].s, e: args[args.length - 1].e } : { file: outer.file, s: outer.call.x.e, e: outer.call.x.e };
    const top = this.ctx(outer.file, outer.call.func);
    let caller = top;
    for (let i = sites.length - 1; i >= 0; i--) {
      const call = sites[i].call;
      const calleeFile = i === 0 ? file : sites[i - 1].file;
      const calleeFunc = i === 0 ? func : sites[i - 1].call.func;
      const fn = calleeFile.funcs[calleeFunc];
      const bind = new Map<string, { x: Expr; ctx: Ctx }>();
      fn.params.forEach((p, j) => {
        if (call.x.args[j]) bind.set(p, { x: call.x.args[j], ctx: caller });
      });
      caller = { file: calleeFile, fn, bind, site, open: new Set(), depth: 0 };
    }
    return { inner: caller, top };
  }
}

/** The names an outline-only file declares (the outline reader's set when it gave one). */
function declaredIn(f: FileExtract): ReadonlySet<string> {
  return f.declared ?? new Set(f.decls.map((d) => d.name));
}

export function isDurationType(type: string, imports: Record<string, string>): boolean {
  const m = /^\*?([A-Za-z_]\w*)\.Duration$/.exec(type.trim());
  return !!m && imports[m[1]] === 'time';
}

function joinPath(vals: Val[]): Val {
  const parts: Part[] = [];
  for (const v of vals) {
    const p = asParts(v);
    if (v.k === 'str' && knownString(v) === '') continue;
    if (parts.length) parts.push('/');
    parts.push(...p);
  }
  const joined = normParts(parts).map((p) => (p === WILD ? p : p.replace(/\/{2,}/g, '/')));
  return { k: 'str', parts: joined };
}
