// Environment variables the code reads, with defaults and whether they are required: os.Getenv and
// its wrappers, envconfig and caarlos0/env struct tags, viper keys, urfave/cli and cobra flags.
import type { ConfigValue, EnvFact, SourceLocation } from '../../engine/types';
import { calleeName, calleeRecv, fieldsOf, rootIdent, stripAddr, type Expr } from './expr';
import type { FieldInfo, FileExtract, LitRec, StructInfo } from './extract';
import type { Ctx, Pkg, Workspace } from './resolve';
import { isDurationType } from './resolve';
import { elementsOf, guard, mentions, parseTag, type Sink } from './shared';
import { configValue, knownString, parseDuration, typedFromString, type Val } from './values';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const ENVCONFIG = 'github.com/kelseyhightower/envconfig';
const CAARLOS0 = /^github\.com\/caarlos0\/env(\/v\d+)?$/;
const VIPER = 'github.com/spf13/viper';
const CLI = /^github\.com\/urfave\/cli(\/v\d+)?$/;

export function envFacts(ws: Workspace, sink: Sink): void {
  // `cmp.Or(os.Getenv("X"), "def")`: the first non-empty argument wins, so the rest is the default.
  const orDefaults = new Map<string, Expr>();
  for (const { call, file } of ws.callsNamed('Or')) {
    const recv = calleeRecv(call.x);
    const first = call.x.args[0];
    if (recv?.t === 'id' && file.imports[recv.name] === 'cmp' && first?.t === 'call' && calleeName(first) === 'Getenv' && call.x.args[1]) {
      orDefaults.set(`${file.path}:${first.s}`, call.x.args[1]);
    }
  }
  for (const name of ['Getenv', 'LookupEnv']) {
    for (const { call, file } of ws.callsNamed(name)) {
      if (!file.factsAllowed) continue;
      const recv = calleeRecv(call.x);
      if (recv?.t === 'id' && file.imports[recv.name] === 'os' && call.x.args[0]) getenv(ws, sink, file, call.func, call.x, name, orDefaults.get(`${file.path}:${call.x.s}`), call.field);
    }
  }
  structTags(ws, sink);
  viper(ws, sink);
  cliFlags(ws, sink);
}

// ---------------------------------------------------------------- os.Getenv and wrappers

function getenv(ws: Workspace, sink: Sink, file: FileExtract, func: number, call: Expr & { t: 'call' }, api: string, orDefault?: Expr, field?: string): void {
  const arg = call.args[0];
  ws.expand(file, func, (ctx, final) => {
    const name = knownString(ws.eval(arg, ctx));
    if (name === undefined) return final;
    if (!ENV_NAME.test(name)) return true;
    const wrapped = !!ctx.bind;
    const fact: EnvFact = { name, required: false, via: wrapped ? 'wrapper' : api === 'Getenv' ? 'getenv' : 'lookupenv', loc: ws.locOf(arg, ctx) };
    const fn = ctx.fn;
    const fnIndex = fn ? ctx.file.funcs.indexOf(fn) : -1;
    // `v := os.Getenv("X"); if v == "" { v = "def" }` or `{ log.Fatal(...) }`.
    const bound = fn ? [...fn.locals].filter(([, l]) => (l.k === 'expr' || l.k === 'tuple') && l.x.s === call.s) : [];
    const value = bound.find(([, l]) => l.k === 'expr' || (l.k === 'tuple' && l.i === 0))?.[0];
    const found = bound.find(([, l]) => l.k === 'tuple' && l.i === 1)?.[0];
    const check = ctx.file.ifEmpty.find(
      (r) => r.func === fnIndex && ((value !== undefined && r.name === value && (!r.target || r.target === value)) || (found !== undefined && r.name === found && (!r.target || r.target === value))),
    );
    let fallback: Expr | undefined = check?.fallback ?? orDefault;
    if (wrapped && fn) {
      const keyParam = arg.t === 'id' ? fn.params.indexOf(arg.name) : -1;
      const returned = fn.returnedParams.find((i) => i !== keyParam);
      if (!fallback && returned !== undefined) fallback = { t: 'id', name: fn.params[returned], s: call.s, e: call.e };
      if (!fallback && fn.fails) fact.required = true;
    }
    if (check?.fails) fact.required = true;
    // `Key: os.Getenv("K")` and later `if c.Key == "" { return errors.New(...) }`.
    if (field && ctx.file.ifEmpty.some((r) => r.field && r.func === fnIndex && r.name === field && r.fails)) fact.required = true;
    if (fallback) {
      const v = ws.eval(fallback, ctx);
      fact.default = configValue(v, ws.sourceOf(fallback, ctx));
      fact.defaultLoc = ws.locOf(fallback, ctx);
      fact.required = false;
    }
    sink.env(fact);
    return true;
  });
}

// ---------------------------------------------------------------- struct tags

interface StructRef {
  st: StructInfo;
  f: FileExtract;
}

function structTags(ws: Workspace, sink: Sink): void {
  const visited = new Set<StructInfo>();
  for (const site of ['Process', 'MustProcess', 'Parse', 'ParseWithOptions', 'ParseAs', 'ParseAsWithOptions'].flatMap((n) => ws.callsNamed(n))) {
    const { call, file } = site;
    if (!file.factsAllowed) continue;
    {
      const recv = calleeRecv(call.x);
      const imp = recv?.t === 'id' ? file.imports[recv.name] : undefined;
      if (!imp) continue;
      const name = calleeName(call.x);
      const x = call.x;
      if (imp === ENVCONFIG && (name === 'Process' || name === 'MustProcess') && x.args.length >= 2) {
        ws.expand(file, call.func, (ctx, final) => {
          const prefixVal = ws.eval(x.args[0], ctx);
          const prefix = knownString(prefixVal);
          if (prefix === undefined && !final) return false;
          const target = rootStruct(ws, x.args[1], ctx);
          if (!target) return true;
          walkEnvconfig(ws, sink, target, (prefix ?? '').toUpperCase(), !!prefix, visited, 0);
          return true;
        });
      } else if (CAARLOS0.test(imp) && /^(Parse|ParseWithOptions|ParseAs|ParseAsWithOptions)$/.test(name)) {
        ws.expand(file, call.func, (ctx, final) => {
          const generic = name.startsWith('ParseAs');
          const optsExpr = generic ? x.args[0] : x.args[1];
          const opts = optsExpr ? ws.literalOf(optsExpr, ctx) : undefined;
          const prefixExpr = opts ? fieldsOf(opts.lit).get('Prefix') : undefined;
          const prefix = prefixExpr ? knownString(ws.eval(prefixExpr, opts!.ctx)) : '';
          if (prefix === undefined && !final) return false;
          const reqExpr = opts ? fieldsOf(opts.lit).get('RequiredIfNoDef') : undefined;
          const requiredIfNoDef = reqExpr ? ws.eval(reqExpr, opts!.ctx) : undefined;
          const target = generic ? (x.targs?.[0] ? ws.structOf(x.targs[0], ctx.file) : undefined) : rootStruct(ws, x.args[0], ctx);
          if (!target) return true;
          walkCaarlos(ws, sink, target, prefix ?? '', requiredIfNoDef?.k === 'bool' && requiredIfNoDef.b, visited, 0);
          return true;
        });
      }
    }
  }
  // Tagged structs no Process/Parse call was traced to: names without a prefix.
  const nestedTypes = new Set<StructInfo>();
  const candidates: { ref: StructRef; lib: 'envconfig' | 'caarlos0' }[] = [];
  for (const pkg of ws.pkgs.values()) {
    const importsCaarlos = ws.importsMatching(pkg, CAARLOS0);
    // Files with tagged structs mention the tag (`envconfig:"`, `env:"`), so they are always read
    // in full: outline-only files need not be read for this.
    for (const { st, f } of pkg.structs.values()) {
      if (!f.factsAllowed) continue;
      const tags = st.fields.map((fl) => parseTag(fl.tag));
      const lib = tags.some((t) => t.has('envconfig')) ? 'envconfig' : importsCaarlos && tags.some((t) => t.has('env') || t.has('envPrefix')) ? 'caarlos0' : undefined;
      if (!lib) continue;
      candidates.push({ ref: { st, f }, lib });
      for (const fl of st.fields) {
        const inner = ws.structOf(fl.type, f);
        if (inner && inner.st !== st) nestedTypes.add(inner.st);
      }
    }
  }
  for (const c of candidates) {
    if (visited.has(c.ref.st) || nestedTypes.has(c.ref.st)) continue;
    guard(() => (c.lib === 'envconfig' ? walkEnvconfig(ws, sink, c.ref, '', false, visited, 0) : walkCaarlos(ws, sink, c.ref, '', false, visited, 0)));
  }
}

function rootStruct(ws: Workspace, target: Expr, ctx: Ctx): StructRef | undefined {
  const type = ws.typeOfExpr(stripAddr(target), ctx);
  return type ? ws.structOf(type, ctx.file) : undefined;
}

function tagLoc(ws: Workspace, field: FieldInfo, f: FileExtract, at: number | undefined, len: number): SourceLocation {
  if (field.tagS !== undefined && at !== undefined) return ws.loc(f, field.tagS + at, field.tagS + at + len);
  return ws.loc(f, field.s, field.e);
}

const SELF_DECODING = /^\*?(time\.Time|url\.URL|net\.IP|big\.\w+|regexp\.Regexp)$/;

function walkEnvconfig(ws: Workspace, sink: Sink, ref: StructRef, prefix: string, prefixGiven: boolean, visited: Set<StructInfo>, depth: number): void {
  if (depth > 6) return;
  visited.add(ref.st);
  for (const field of ref.st.fields) {
    const tags = parseTag(field.tag);
    if (tags.get('ignored')?.value === 'true' || field.name === '_') continue;
    const tag = tags.get('envconfig');
    const tagName = tag?.value.split(',')[0] || undefined;
    const split = tags.get('split_words')?.value === 'true';
    const key = tagName ?? (split ? splitWords(field.name) : field.name);
    const full = (prefix ? `${prefix}_${key}` : key).toUpperCase();
    const inner = SELF_DECODING.test(field.type) ? undefined : ws.structOf(field.type, ref.f);
    if (inner && inner.st !== ref.st) {
      walkEnvconfig(ws, sink, inner, field.embedded ? prefix : full, prefixGiven || !field.embedded, visited, depth + 1);
      continue;
    }
    const def = tags.get('default');
    const req = tags.get('required');
    if (!tag && !def && !req && !(prefixGiven && prefix)) continue;
    const fact: EnvFact = {
      name: full,
      required: req?.value === 'true',
      via: 'envconfig',
      loc: tag && tagName ? tagLoc(ws, field, ref.f, tag.at, tagName.length) : ws.loc(ref.f, field.s, field.e),
    };
    if (def) {
      fact.default = typedFromString(def.value, goType(field.type, ref.f), `default:"${def.value}"`);
      fact.defaultLoc = tagLoc(ws, field, ref.f, def.at, def.value.length);
    }
    sink.env(fact);
  }
}

function walkCaarlos(ws: Workspace, sink: Sink, ref: StructRef, prefix: string, requiredIfNoDef: boolean, visited: Set<StructInfo>, depth: number): void {
  if (depth > 6) return;
  visited.add(ref.st);
  for (const field of ref.st.fields) {
    const tags = parseTag(field.tag);
    const env = tags.get('env');
    const [name, ...opts] = (env?.value ?? '').split(',').map((s) => s.trim());
    const inner = SELF_DECODING.test(field.type) ? undefined : ws.structOf(field.type, ref.f);
    if (inner && inner.st !== ref.st && !name) {
      walkCaarlos(ws, sink, inner, prefix + (tags.get('envPrefix')?.value ?? ''), requiredIfNoDef, visited, depth + 1);
      continue;
    }
    if (!env || !name || name === '-') continue;
    const def = tags.get('envDefault');
    const fact: EnvFact = {
      name: prefix + name,
      required: opts.includes('required') || opts.includes('notEmpty') || (requiredIfNoDef && !def),
      via: 'caarlos0',
      loc: tagLoc(ws, field, ref.f, env.at, name.length),
    };
    if (def) {
      fact.default = typedFromString(def.value, goType(field.type, ref.f), `envDefault:"${def.value}"`);
      fact.defaultLoc = tagLoc(ws, field, ref.f, def.at, def.value.length);
    }
    sink.env(fact);
  }
}

/** `time.Duration` under whatever alias the file gives the time package. */
function goType(type: string, f: FileExtract): string {
  return isDurationType(type, f.imports) ? 'time.Duration' : type.replace(/^\*/, '');
}

/** envconfig's split_words, with its own two expressions: `MaxLease` → `Max_Lease`, `HTTPServer` → `HTTP_Server`. */
function splitWords(name: string): string {
  const words = name.match(/[^A-Z]+|[A-Z]+[^A-Z]+|[A-Z]+/g);
  if (!words) return name;
  return words
    .flatMap((w) => {
      const m = /^([A-Z]+)([A-Z][^A-Z]+)$/.exec(w);
      return m ? [m[1], m[2]] : [w];
    })
    .join('_');
}

// ---------------------------------------------------------------- viper

interface ViperKey {
  key: string;
  loc: SourceLocation;
  defaultVal?: { v: Val; source: string; loc: SourceLocation };
  envNames?: { name: string; loc: SourceLocation }[];
  bindOnly?: boolean;
  getter?: string;
  flag?: { name: string; root?: string; pkg: Pkg };
  flagsOf?: { root?: string; pkg: Pkg };
}

interface ViperScope {
  prefix?: string;
  replacer: [string, string][];
  automatic: boolean;
  keys: Map<string, ViperKey>;
  order: string[];
  bindAll: { root?: string; pkg: Pkg; loc: SourceLocation }[];
}

interface FlagDef {
  name: string;
  root?: string;
  x: Expr;
  ctx: Ctx;
  type: string;
  pkg: Pkg;
}

const VIPER_GET = /^Get(String|Int|Int32|Int64|Uint|Uint16|Uint32|Uint64|Float64|Bool|Duration|Time|StringSlice|IntSlice|StringMap|StringMapString|StringMapStringSlice|SizeInBytes)?$/;
const PFLAG = /^(String|Int|Int8|Int16|Int32|Int64|Uint|Uint8|Uint16|Uint32|Uint64|Bool|Duration|Float32|Float64|StringSlice|StringArray|IntSlice|IP)(Var)?(P)?$/;

/** Calls that set viper up come first, so keys know their prefix, replacer and defaults. */
const VIPER_ORDER = ['SetEnvPrefix', 'SetEnvKeyReplacer', 'AutomaticEnv', 'SetDefault', 'BindEnv', 'BindPFlag', 'BindPFlags'];
const VIPER_GETTERS = ['Get', 'GetString', 'GetInt', 'GetInt32', 'GetInt64', 'GetUint', 'GetUint16', 'GetUint32', 'GetUint64', 'GetFloat64', 'GetBool', 'GetDuration', 'GetTime', 'GetStringSlice', 'GetIntSlice', 'GetStringMap', 'GetStringMapString', 'GetStringMapStringSlice', 'GetSizeInBytes'];
const PFLAG_KINDS = ['String', 'Int', 'Int8', 'Int16', 'Int32', 'Int64', 'Uint', 'Uint8', 'Uint16', 'Uint32', 'Uint64', 'Bool', 'Duration', 'Float32', 'Float64', 'StringSlice', 'StringArray', 'IntSlice', 'IP'];
const PFLAG_NAMES = PFLAG_KINDS.flatMap((k) => [k, `${k}P`, `${k}Var`, `${k}VarP`]);

function viper(ws: Workspace, sink: Sink): void {
  const scopes = new Map<string, ViperScope>();
  const flagDefs: FlagDef[] = [];
  for (const name of PFLAG_NAMES) {
    for (const { call, file } of ws.callsNamed(name)) {
      if (!file.factsAllowed) continue;
      const x = call.x;
      const recv = calleeRecv(x);
      if (!recv) continue;
      const ctx = ws.ctx(file, call.func);
      if (!isFlagSet(recv, ctx, ws)) continue;
      const m = PFLAG.exec(name)!;
      const at = m[2] ? 1 : 0;
      const nameArg = x.args[at];
      const defArg = x.args[at + (m[3] ? 2 : 1)];
      const flagName = nameArg ? knownString(ws.eval(nameArg, ctx)) : undefined;
      if (flagName && defArg) flagDefs.push({ name: flagName, root: rootIdent(recv), x: defArg, ctx, type: m[1], pkg: ws.pkgOf(file) });
    }
  }
  for (const name of [...VIPER_ORDER, ...VIPER_GETTERS]) {
    for (const { call, file } of ws.callsNamed(name)) {
      if (!file.factsAllowed) continue;
      const x = call.x;
      const recv = calleeRecv(x);
      if (!recv) continue;
      const pkg = ws.pkgOf(file);
      const ctx = ws.ctx(file, call.func);
      let scopeKey: string | undefined;
      if (recv.t === 'id' && file.imports[recv.name] === VIPER && !ctx.fn?.locals.has(recv.name)) scopeKey = `global:${ws.moduleDirOf(file.path)}`;
      else {
        const r = rootIdent(recv);
        const last = recv.t === 'sel' ? recv.f : r;
        if (last && ws.pkgNames(pkg, 'viperNames').includes(last)) scopeKey = `instance:${pkg.key}`;
      }
      if (!scopeKey) continue;
      let scope = scopes.get(scopeKey);
      if (!scope) scopes.set(scopeKey, (scope = { replacer: [], automatic: false, keys: new Map(), order: [], bindAll: [] }));
      const s = scope;
      guard(() => viperCall(ws, s, name, x, ctx, pkg));
    }
  }
  for (const scope of scopes.values()) guard(() => emitViper(ws, sink, scope, flagDefs));
}

function isFlagSet(recv: Expr, ctx: Ctx, ws: Workspace): boolean {
  // cmd.Flags().String(...), cmd.PersistentFlags().IntP(...), or `fs := cmd.Flags(); fs.Bool(...)`.
  if (recv.t === 'call' && /^(Flags|PersistentFlags|LocalFlags)$/.test(calleeName(recv))) return true;
  if (recv.t === 'id') {
    const imp = ws.importOf(recv.name, ctx);
    if (imp === 'github.com/spf13/pflag') return true;
    const local = ctx.fn?.locals.get(recv.name);
    if (local?.k === 'expr' && local.x.t === 'call' && /^(Flags|PersistentFlags|LocalFlags)$/.test(calleeName(local.x))) return true;
  }
  return false;
}

function viperCall(ws: Workspace, scope: ViperScope, name: string, x: Expr & { t: 'call' }, ctx: Ctx, pkg: Pkg): void {
  const arg = (i: number) => (x.args[i] ? knownString(ws.eval(x.args[i], ctx)) : undefined);
  const keyOf = (k: string, loc: SourceLocation): ViperKey => {
    const lk = k.toLowerCase();
    let key = scope.keys.get(lk);
    if (!key) {
      scope.keys.set(lk, (key = { key: k, loc }));
      scope.order.push(lk);
    }
    return key;
  };
  switch (name) {
    case 'SetEnvPrefix': {
      const p = arg(0);
      if (p !== undefined) scope.prefix = p;
      break;
    }
    case 'AutomaticEnv':
      scope.automatic = true;
      break;
    case 'SetEnvKeyReplacer': {
      let r = x.args[0];
      if (r?.t === 'id') {
        const local = ctx.fn?.locals.get(r.name);
        if (local?.k === 'expr') r = local.x;
      }
      if (r?.t === 'call' && calleeName(r) === 'NewReplacer') {
        const vals = r.args.map((a) => knownString(ws.eval(a, ctx)));
        for (let i = 0; i + 1 < vals.length; i += 2) {
          const from = vals[i];
          const to = vals[i + 1];
          if (from !== undefined && to !== undefined) scope.replacer.push([from, to]);
        }
      }
      break;
    }
    case 'SetDefault': {
      const k = arg(0);
      if (k === undefined || !x.args[1]) break;
      const key = keyOf(k, ws.locOf(x.args[0], ctx));
      if (!key.defaultVal) {
        key.loc = ws.locOf(x.args[0], ctx);
        key.defaultVal = { v: ws.eval(x.args[1], ctx), source: ws.sourceOf(x.args[1], ctx), loc: ws.locOf(x.args[1], ctx) };
      }
      break;
    }
    case 'BindEnv': {
      const k = arg(0);
      if (k === undefined) break;
      const key = keyOf(k, ws.locOf(x.args[0], ctx));
      key.envNames ??= [];
      if (x.args.length === 1) key.bindOnly = true;
      for (let i = 1; i < x.args.length; i++) {
        const n = arg(i);
        if (n !== undefined) key.envNames.push({ name: n, loc: ws.locOf(x.args[i], ctx) });
      }
      break;
    }
    case 'BindPFlag': {
      const k = arg(0);
      const lookup = x.args[1];
      if (k === undefined || lookup?.t !== 'call' || calleeName(lookup) !== 'Lookup') break;
      const flagName = lookup.args[0] ? knownString(ws.eval(lookup.args[0], ctx)) : undefined;
      if (!flagName) break;
      const key = keyOf(k, ws.locOf(x.args[0], ctx));
      const fr = calleeRecv(lookup);
      key.flag = { name: flagName, root: fr ? rootIdent(fr) : undefined, pkg };
      break;
    }
    case 'BindPFlags': {
      const fr = x.args[0];
      if (fr) scope.bindAll.push({ root: rootIdent(fr), pkg, loc: ws.locOf(fr, ctx) });
      break;
    }
    default:
      if (VIPER_GET.test(name) && x.args.length === 1) {
        const k = arg(0);
        if (k === undefined) break;
        const key = keyOf(k, ws.locOf(x.args[0], ctx));
        key.getter ??= name;
      }
  }
}

function emitViper(ws: Workspace, sink: Sink, scope: ViperScope, flagDefs: FlagDef[]): void {
  const envName = (key: string): string => {
    let n = (scope.prefix ? `${scope.prefix}_${key}` : key).toUpperCase();
    for (const [from, to] of scope.replacer) n = n.split(from.toUpperCase()).join(to.toUpperCase() === to ? to : to.toUpperCase());
    return n;
  };
  // BindPFlags(cmd.Flags()) makes every flag of that command a key.
  for (const all of scope.bindAll) {
    for (const fd of flagDefs) {
      if (fd.pkg !== all.pkg || fd.root !== all.root) continue;
      const lk = fd.name.toLowerCase();
      if (!scope.keys.has(lk)) {
        scope.keys.set(lk, { key: fd.name, loc: ws.locOf(fd.x, fd.ctx), flag: { name: fd.name, root: fd.root, pkg: fd.pkg } });
        scope.order.push(lk);
      } else scope.keys.get(lk)!.flag ??= { name: fd.name, root: fd.root, pkg: fd.pkg };
    }
  }
  for (const lk of scope.order) {
    const key = scope.keys.get(lk)!;
    const names: { name: string; loc: SourceLocation }[] = [];
    if (key.envNames?.length) names.push(...key.envNames);
    else if (scope.automatic || key.bindOnly) names.push({ name: envName(key.key), loc: key.loc });
    if (!names.length) continue;
    let def: ConfigValue | undefined;
    let defaultLoc: SourceLocation | undefined;
    let via: EnvFact['via'] = 'viper';
    let command: string | undefined;
    if (key.defaultVal) {
      def = viperDefault(key.defaultVal.v, key.defaultVal.source, key.getter);
      defaultLoc = key.defaultVal.loc;
    }
    if (key.flag) {
      const fd = flagDefs.find((d) => d.name === key.flag!.name && d.pkg === key.flag!.pkg && (!key.flag!.root || d.root === key.flag!.root));
      if (fd) {
        via = 'cobra';
        command = cobraCommandOf(ws, fd.root, fd.ctx);
        if (!def) {
          def = configValue(ws.eval(fd.x, fd.ctx), ws.sourceOf(fd.x, fd.ctx));
          defaultLoc = ws.locOf(fd.x, fd.ctx);
        }
      }
    }
    for (const n of names) {
      const fact: EnvFact = { name: n.name, required: false, via, loc: n.loc, key: key.key };
      if (def) {
        fact.default = def;
        fact.defaultLoc = defaultLoc;
      }
      if (command) fact.command = command;
      sink.env(fact);
    }
  }
}

/** viper casts on read: a `"5s"` default read with GetDuration is a duration. */
function viperDefault(v: Val, source: string, getter: string | undefined): ConfigValue {
  const s = knownString(v);
  if (s !== undefined && getter) {
    if (getter === 'GetDuration' && parseDuration(s) !== undefined) return typedFromString(s, 'time.Duration', source);
    if (/^GetU?[Ii]nt/.test(getter)) return typedFromString(s, 'int', source);
    if (getter === 'GetBool') return typedFromString(s, 'bool', source);
    if (getter === 'GetFloat64') return typedFromString(s, 'float64', source);
  }
  return configValue(v, source);
}

/** `serveCmd` → the first word of its `cobra.Command{Use: "serve [flags]"}`. */
function cobraCommandOf(ws: Workspace, root: string | undefined, ctx: Ctx): string | undefined {
  if (!root) return undefined;
  const lit = ws.literalOf({ t: 'id', name: root, s: 0, e: 0 }, ctx) ?? pkgLiteral(ws, root, ctx);
  if (!lit) return undefined;
  const use = fieldsOf(lit.lit).get('Use');
  const u = use ? knownString(ws.eval(use, lit.ctx)) : undefined;
  return u?.trim().split(/\s+/)[0] || undefined;
}

function pkgLiteral(ws: Workspace, name: string, ctx: Ctx): { lit: Expr & { t: 'lit' }; ctx: Ctx } | undefined {
  const v = ws.varNamed(ws.pkgOf(ctx.file), name);
  if (!v?.v.x) return undefined;
  return ws.literalOf(v.v.x, { file: v.f, open: new Set(), depth: 0 });
}

// ---------------------------------------------------------------- urfave/cli flags

function cliFlags(ws: Workspace, sink: Sink): void {
  for (const file of ws.files) {
    if (!file.factsAllowed) continue;
    for (const rec of file.lits) {
      const dot = rec.type.lastIndexOf('.');
      if (!CLI.test(rec.type.slice(0, dot)) || !rec.type.endsWith('Flag')) continue;
      for (const { lit } of elementsOf(rec.x)) guard(() => cliFlag(ws, sink, file, rec, lit));
    }
  }
}

function cliFlag(ws: Workspace, sink: Sink, file: FileExtract, rec: LitRec, lit: Expr & { t: 'lit' }): void {
  const ctx = ws.ctx(file, rec.func);
  const fields = fieldsOf(lit);
  const envs: { name: string; loc: SourceLocation }[] = [];
  const addNames = (x: Expr) => {
    for (const alt of x.t === 'lit' ? x.elems.map((el) => el.v) : [x]) {
      const n = knownString(ws.eval(alt, ctx));
      if (n === undefined) continue;
      for (const part of n.split(',').map((p) => p.trim()).filter(Boolean)) if (ENV_NAME.test(part)) envs.push({ name: part, loc: ws.locOf(alt, ctx) });
    }
  };
  const envVars = fields.get('EnvVars');
  if (envVars) addNames(envVars);
  const envVar = fields.get('EnvVar');
  if (envVar) addNames(envVar);
  const sources = fields.get('Sources');
  if (sources) for (const c of callsNamed(sources, /^EnvVars?$/)) for (const a of c.args) addNames(a);
  if (!envs.length) return;
  const flagName = fields.get('Name');
  const key = flagName ? knownString(ws.eval(flagName, ctx)) : undefined;
  const value = fields.get('Value');
  const required = fields.get('Required');
  const req = required ? ws.eval(required, ctx) : undefined;
  const commands = rec.command ? [knownString(ws.eval(rec.command, ctx))] : commandsUsing(ws, file, rec.holder);
  for (const command of commands.length ? commands : [undefined]) {
    for (const e of envs) {
      const fact: EnvFact = { name: e.name, required: req?.k === 'bool' && req.b, via: 'urfave-cli', loc: e.loc };
      if (key) fact.key = key;
      if (command) fact.command = command;
      if (value) {
        fact.default = configValue(flagValue(ws.eval(value, ctx), rec.type), ws.sourceOf(value, ctx));
        fact.defaultLoc = ws.locOf(value, ctx);
      }
      sink.env(fact);
    }
  }
}

/** A DurationFlag's plain number is nanoseconds. */
function flagValue(v: Val, type: string): Val {
  if (type.endsWith('.DurationFlag') && v.k === 'int') return { k: 'dur', n: v.n };
  return v;
}

function callsNamed(x: Expr, re: RegExp, out: (Expr & { t: 'call' })[] = []): (Expr & { t: 'call' })[] {
  if (x.t === 'call') {
    if (re.test(calleeName(x))) out.push(x);
    for (const a of x.args) callsNamed(a, re, out);
  } else if (x.t === 'un') callsNamed(x.x, re, out);
  else if (x.t === 'lit') for (const el of x.elems) callsNamed(el.v, re, out);
  return out;
}

/** Flags declared in `var ingestFlags = []cli.Flag{...}` or `func ingestFlags()`: the commands that use them. */
function commandsUsing(ws: Workspace, file: FileExtract, holder: string | undefined): (string | undefined)[] {
  if (!holder) return [];
  const out: (string | undefined)[] = [];
  const pkg = ws.pkgOf(file);
  ws.materializeAll(pkg);
  for (const f of pkg.files) {
    for (const rec of f.lits) {
      if (!/\.Command$/.test(rec.type) || !CLI.test(rec.type.slice(0, rec.type.lastIndexOf('.')))) continue;
      for (const { lit } of elementsOf(rec.x)) {
        const fields = fieldsOf(lit);
        const flags = fields.get('Flags');
        const name = fields.get('Name');
        if (!flags || !name || !mentions(flags).has(holder)) continue;
        out.push(knownString(ws.eval(name, ws.ctx(f, rec.func))));
      }
    }
  }
  return out;
}

