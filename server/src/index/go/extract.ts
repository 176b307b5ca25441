// Reads one Go file into plain data: declarations, constants, function summaries, calls and the
// composite literals and assignments that carry configuration. Nothing here looks at other files;
// values are resolved later (resolve.ts) once every package is known.
import type { Node, QueryCapture } from 'web-tree-sitter';
import { Declaration } from '../declaration';
import { FileText } from '../fileText';
import type { GoDecl } from '../../engine/types';
import { LineIndex } from '../../engine/lineIndex';
import { calleeName, toExpr, withExprMemo, type Expr } from './expr';
import type { GoParser } from './parser';

export type Local =
  | { k: 'expr'; x: Expr }
  /** `a, err := f()`: the i-th result of a call. */
  | { k: 'tuple'; x: Expr; i: number }
  /** `for _, v := range x`: i is 0 for the key, 1 for the value. */
  | { k: 'range'; x: Expr; i: number }
  | { k: 'typed'; type: string }
  /** Assigned more than once: no single value. */
  | { k: 'multi' };

export interface FuncInfo {
  name: string;
  /** Receiver type name for methods, without `*` or type parameters. */
  recv?: string;
  params: string[];
  paramTypes: string[];
  /** The expression of a body that is a single `return x`. */
  ret?: Expr;
  /** Parameters some `return` statement hands back as they are (a fallback value). */
  returnedParams: number[];
  /** The body gives up loudly: panic, log.Fatal, os.Exit, or builds an error. */
  fails: boolean;
  locals: Map<string, Local>;
  s: number;
  e: number;
}

export interface ConstInfo {
  name: string;
  x?: Expr;
  iota: number;
  type?: string;
  s: number;
}

export interface VarInfo {
  name: string;
  x?: Expr;
  type?: string;
}

export interface FieldInfo {
  /** Field name; for embedded fields the type's name. */
  name: string;
  type: string;
  tag?: string;
  /** Offset of the first character inside the tag literal. */
  tagS?: number;
  embedded: boolean;
  s: number;
  e: number;
}

export interface StructInfo {
  name: string;
  fields: FieldInfo[];
  s: number;
}

export interface CallRec {
  x: Expr & { t: 'call' };
  /** Index into `funcs` of the enclosing top-level function, -1 at package level. */
  func: number;
  /** chi-style `r.Route("/api", func(r chi.Router) {...})` prefixes around the call, outermost first. */
  routePrefix?: Expr[];
  /** The struct field a call's result is stored in (`Key: os.Getenv("K")`, `c.Key = os.Getenv("K")`). */
  field?: string;
}

export interface LitRec {
  x: Expr & { t: 'lit' };
  /**
   * Qualified type with the import alias replaced by its path
   * (`github.com/nats-io/nats.go/jetstream.StreamConfig`), or `.T` for the package's own type T.
   */
  type: string;
  /** Index into `funcs` of the enclosing top-level function, -1 at package level. */
  func: number;
  /** The call whose argument this literal is (`CreateOrUpdateConsumer(ctx, S, cfg{...})`). */
  parentCall?: Expr & { t: 'call' };
  /** Name expression of the enclosing urfave/cli Command literal (for flags). */
  command?: Expr;
  /** Top-level declaration (func or var) holding the literal: links `Flags: sharedFlags` to commands. */
  holder?: string;
  /** Ancestors are a root command candidate: literal sits in `main` or a root-named holder. */
  inMain?: boolean;
}

export interface AssignRec {
  lhs: Expr;
  rhs: Expr;
  func: number;
}

export interface IfEmptyRec {
  /** The variable tested: `v` in `if v == ""`, `ok` in `if !ok`; a field name for `c.Key == ""`. */
  name: string;
  /** The test is on a struct field, not a variable. */
  field?: boolean;
  /** The variable the block assigns its fallback to (`v = "def"`). */
  target?: string;
  func: number;
  /** `x = expr` as the first statement of the `if x == ""` block: a default. */
  fallback?: Expr;
  /** The block stops the program or returns an error: the variable is required. */
  fails: boolean;
}

export interface FileExtract {
  path: string;
  dir: string;
  pkg: string;
  isTest: boolean;
  /**
   * Only the outline was read (package, imports, declarations); the resolver has the file parsed
   * when it needs one of its declarations or calls.
   */
  outline?: true;
  /** For an outline-only file: every name it declares at top level. */
  declared?: ReadonlySet<string>;
  /** Facts are only taken from production code (no tests, vendor or testdata). */
  factsAllowed: boolean;
  text: string;
  /** The text's holder: declarations cut their texts from it when asked. */
  source: FileText;
  /** Import alias → import path (blank and dot imports left out). */
  imports: Record<string, string>;
  decls: GoDecl[];
  consts: ConstInfo[];
  vars: VarInfo[];
  funcs: FuncInfo[];
  structs: StructInfo[];
  calls: CallRec[];
  lits: LitRec[];
  assigns: AssignRec[];
  ifEmpty: IfEmptyRec[];
  /** Names (fields, variables, parameters) declared with a Docker container type. */
  containerNames: { name: string; kind: 'host' | 'config' | 'resources' }[];
  /** Names assigned `viper.New()` or declared `*viper.Viper`. */
  viperNames: string[];
  syntaxErrors: { s: number; e: number }[];
  lines: LineIndex;
}

/** Files worth the second, heavier query: they mention an API facts come from. */
export const FACTS_GATE =
  /Getenv|LookupEnv|envconfig|env:"|viper|EnvVar|Sources:|Publish|Subscribe|Request|StreamConfig|ConsumerConfig|container\.|HostConfig|Collection|Database|IndexModel|Bucket|Object|Handle|Listen|Addr|prometheus|cli\.|cobra|Flags\(\)|chi|gin|echo|CapAdd|CapDrop|SecurityOpt|Privileged|ReadonlyRootfs|NetworkMode|Tmpfs|Binds|AutoRemove|Memory|NanoCPUs|CPU|PidsLimit|Resources|[eE]nv/;

/** Import paths whose calls never carry facts; skipping them keeps the call list small. */
const QUIET_PACKAGES = new Set([
  'fmt', 'errors', 'strings', 'strconv', 'bytes', 'sort', 'slices', 'maps', 'math', 'log', 'log/slog', 'encoding/json',
  'time', 'context', 'sync', 'sync/atomic', 'io', 'bufio', 'regexp', 'unicode', 'unicode/utf8', 'reflect', 'testing',
  'github.com/stretchr/testify/assert', 'github.com/stretchr/testify/require',
]);

const CONTAINER_PKGS = ['github.com/docker/docker/api/types/container', 'github.com/moby/moby/api/types/container'];
const CLI_PKG = /^github\.com\/urfave\/cli(\/v\d+)?$/;
const COBRA_PKG = 'github.com/spf13/cobra';

/**
 * What every extract of a file starts from, parsed or only outlined: where it is, whether facts
 * may come from it (not tests, vendored code or test data), and no findings yet.
 */
export function extractBase(path: string) {
  const isTest = path.endsWith('_test.go');
  return {
    path,
    dir: path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '',
    isTest,
    factsAllowed: !isTest && !/(^|\/)(vendor|testdata)\//.test(path),
    consts: [],
    vars: [],
    funcs: [],
    structs: [],
    calls: [],
    lits: [],
    assigns: [],
    ifEmpty: [],
    containerNames: [],
    viperNames: [],
    syntaxErrors: [],
  } satisfies Partial<FileExtract>;
}

export function extractFile(gp: GoParser, path: string, text: string, source: FileText = FileText.of(path, text)): FileExtract {
  const out: FileExtract = { ...extractBase(path), text, source, pkg: '', imports: {}, decls: [], lines: new LineIndex(text) };
  const tree = gp.parser.parse(text);
  if (!tree) return out;
  try {
    withExprMemo(() => readTree(gp, tree.rootNode, out));
  } finally {
    tree.delete();
  }
  return out;
}

/** Capture names of facts.scm; the rest come from base.scm. */
const FACT_CAPTURES = new Set(['lit', 'assign', 'short', 'var', 'range', 'ifempty', 'ifnot', 'fieldempty']);

function readTree(gp: GoParser, root: Node, out: FileExtract): void {
  if (root.hasError) collectErrors(root, out.syntaxErrors);
  const captures = gp.query.captures(root);
  const base = captures.filter((c) => !FACT_CAPTURES.has(c.name));
  // Imports first: type names in declarations are read through them.
  for (const c of base) if (c.name === 'import') readImport(c.node, out.text, out.imports);
  for (const c of base) readBase(c, out);
  out.funcs.sort((a, b) => a.s - b.s);
  // Calls only matter where facts are taken: test files contribute declarations alone.
  if (out.factsAllowed) for (const c of base) if (c.name === 'call') readCall(c.node, out);
  if (out.factsAllowed && FACTS_GATE.test(out.text)) readFacts(captures.filter((c) => FACT_CAPTURES.has(c.name)), out);
  collectTypedNames(out);
}

function collectErrors(node: Node, out: { s: number; e: number }[]): void {
  if (out.length > 200) return;
  if (node.isError || node.isMissing) {
    out.push({ s: node.startIndex, e: Math.max(node.endIndex, node.startIndex) });
    if (node.isMissing) return;
  }
  for (const child of node.children) if (child && (child.hasError || child.isMissing)) collectErrors(child, out);
}

/** `childrenForFieldName('name')` also yields the commas between names. */
const isName = (n: Node | null): n is Node => !!n && (n.type === 'identifier' || n.type === 'field_identifier');

const slice = (text: string, n: Node | null): string => (n ? text.slice(n.startIndex, n.endIndex) : '');

function readImport(node: Node, text: string, imports: Record<string, string>): void {
  const pathNode = node.childForFieldName('path');
  if (!pathNode) return;
  const p = toExpr(pathNode, text);
  if (p.t !== 'str') return;
  const nameNode = node.childForFieldName('name');
  const alias = nameNode ? slice(text, nameNode) : defaultAlias(p.v);
  if (alias === '_' || alias === '.') return;
  imports[alias] = p.v;
}

/** The package name Go would most likely give an import path without reading its sources. */
export function defaultAlias(importPath: string): string {
  const segs = importPath.split('/');
  let last = segs[segs.length - 1];
  if (/^v\d+$/.test(last) && segs.length > 1) last = segs[segs.length - 2];
  last = last.replace(/\.v\d+$/, '').replace(/\.go$/, '').replace(/^go-/, '');
  return last.replace(/[^A-Za-z0-9_]/g, '_');
}

function readBase(c: QueryCapture, out: FileExtract): void {
  const { node } = c;
  const text = out.text;
  switch (c.name) {
    case 'package':
      out.pkg = slice(text, node);
      break;
    case 'func':
    case 'method':
      readFunc(node, out, c.name === 'method');
      break;
    case 'typedecl':
      for (const spec of node.namedChildren) if (spec && (spec.type === 'type_spec' || spec.type === 'type_alias')) readTypeSpec(spec, out);
      break;
    case 'constdecl':
      readConsts(node, out);
      break;
    case 'vardecl':
      for (const spec of specsOf(node, 'var_spec')) readVarSpec(spec, out);
      break;
    default:
      break;
  }
}

function specsOf(decl: Node, type: string): Node[] {
  const out: Node[] = [];
  for (const ch of decl.namedChildren) {
    if (!ch) continue;
    if (ch.type === type) out.push(ch);
    else if (ch.type.endsWith('_list')) for (const inner of ch.namedChildren) if (inner && inner.type === type) out.push(inner);
  }
  return out;
}

function decl(out: FileExtract, node: Node, name: string, kind: GoDecl['kind'], receiver?: string): void {
  const s = node.startIndex;
  const e = node.endIndex;
  out.decls.push(Declaration.at(name, receiver, kind, out.source, s, e, out.lines.positionAt(s), out.lines.positionAt(e)));
}

function receiverType(node: Node, text: string): string | undefined {
  const recv = node.childForFieldName('receiver');
  const p = recv?.namedChildren.find((c) => c?.type === 'parameter_declaration');
  let t = p?.childForFieldName('type') ?? null;
  while (t && (t.type === 'pointer_type' || t.type === 'parenthesized_type')) t = t.namedChild(0);
  if (t && t.type === 'generic_type') t = t.childForFieldName('type');
  return t ? slice(text, t) : undefined;
}

function readFunc(node: Node, out: FileExtract, isMethod: boolean): void {
  const text = out.text;
  const name = slice(text, node.childForFieldName('name'));
  const recv = isMethod ? receiverType(node, text) : undefined;
  decl(out, node, name, isMethod ? 'method' : 'func', recv);
  const params: string[] = [];
  const paramTypes: string[] = [];
  const plist = node.childForFieldName('parameters');
  for (const p of plist?.namedChildren ?? []) {
    if (!p || (p.type !== 'parameter_declaration' && p.type !== 'variadic_parameter_declaration')) continue;
    const type = slice(text, p.childForFieldName('type'));
    const names = p.childrenForFieldName('name').filter(isName);
    if (names.length === 0) {
      params.push('_');
      paramTypes.push(type);
    }
    for (const n of names) {
      params.push(slice(text, n));
      paramTypes.push(p.type === 'variadic_parameter_declaration' ? `...${type}` : type);
    }
  }
  const info: FuncInfo = { name, recv, params, paramTypes, returnedParams: [], fails: false, locals: new Map(), s: node.startIndex, e: node.endIndex };
  const body = node.childForFieldName('body');
  if (body) {
    const list = body.namedChild(0);
    // Only a body of one statement can be a one-expression helper; most bodies are not looked into.
    const stmts = list && list.type === 'statement_list' && list.namedChildCount <= 3 ? list.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') : [];
    if (stmts.length === 1 && stmts[0].type === 'return_statement') {
      const list = stmts[0].namedChild(0);
      const exprs = list?.type === 'expression_list' ? list.namedChildren.filter((c): c is Node => !!c) : list ? [list] : [];
      if (exprs.length >= 1) info.ret = toExpr(exprs[0], text);
    }
    const bodyText = text.slice(body.startIndex, body.endIndex);
    if (params.length > 1 && /\breturn\b/.test(bodyText)) {
      for (const r of body.descendantsOfType('return_statement')) {
        const list = r?.namedChild(0);
        for (const x of list?.type === 'expression_list' ? list.namedChildren : list ? [list] : []) {
          if (!x || x.type !== 'identifier') continue;
          const i = params.indexOf(slice(text, x));
          if (i >= 0 && !info.returnedParams.includes(i)) info.returnedParams.push(i);
        }
      }
    }
    info.fails = /\bpanic\(|\.Fatal(f|ln)?\(|\bos\.Exit\(|errors\.New\(|fmt\.Errorf\(/.test(bodyText);
  }
  out.funcs.push(info);
}

function readTypeSpec(spec: Node, out: FileExtract): void {
  const text = out.text;
  const name = slice(text, spec.childForFieldName('name'));
  decl(out, spec, name, 'type');
  const t = spec.childForFieldName('type');
  if (!t || t.type !== 'struct_type') return;
  const fields: FieldInfo[] = [];
  const list = t.namedChildren.find((c) => c?.type === 'field_declaration_list');
  for (const f of list?.namedChildren ?? []) {
    if (!f || f.type !== 'field_declaration') continue;
    const typeNode = f.childForFieldName('type');
    const type = slice(text, typeNode);
    const tagNode = f.childForFieldName('tag');
    let tag: string | undefined;
    let tagS: number | undefined;
    if (tagNode) {
      const tx = toExpr(tagNode, text);
      if (tx.t === 'str') {
        tag = tx.v;
        tagS = tagNode.type === 'raw_string_literal' ? tagNode.startIndex + 1 : undefined;
      }
    }
    const names = f.childrenForFieldName('name').filter(isName);
    if (names.length === 0) {
      const base = type.replace(/^\*/, '');
      fields.push({ name: base.slice(base.lastIndexOf('.') + 1), type, tag, tagS, embedded: true, s: f.startIndex, e: f.endIndex });
    }
    for (const n of names) fields.push({ name: slice(text, n), type, tag, tagS, embedded: false, s: n.startIndex, e: n.endIndex });
  }
  out.structs.push({ name, fields, s: spec.startIndex });
}

function readConsts(node: Node, out: FileExtract): void {
  const text = out.text;
  let prevValues: Node[] = [];
  let prevType: string | undefined;
  let iota = 0;
  for (const spec of specsOf(node, 'const_spec')) {
    const valueNode = spec.childForFieldName('value');
    const typeNode = spec.childForFieldName('type');
    let values: Node[];
    let type: string | undefined;
    if (valueNode) {
      values = valueNode.type === 'expression_list' ? valueNode.namedChildren.filter((c): c is Node => !!c) : [valueNode];
      type = typeNode ? slice(text, typeNode) : undefined;
      prevValues = values;
      prevType = type;
    } else {
      // An omitted value list repeats the previous one with the next iota.
      values = prevValues;
      type = prevType;
    }
    const names = spec.childrenForFieldName('name').filter(isName);
    names.forEach((n, i) => {
      const name = slice(text, n);
      decl(out, spec, name, 'const');
      out.consts.push({ name, x: values[i] ? toExpr(values[i], text) : undefined, iota, type, s: n.startIndex });
    });
    iota++;
  }
}

function readVarSpec(spec: Node, out: FileExtract): void {
  const text = out.text;
  const valueNode = spec.childForFieldName('value');
  const values = valueNode ? (valueNode.type === 'expression_list' ? valueNode.namedChildren.filter((c): c is Node => !!c) : [valueNode]) : [];
  const typeNode = spec.childForFieldName('type');
  const names = spec.childrenForFieldName('name').filter(isName);
  names.forEach((n, i) => {
    const name = slice(text, n);
    decl(out, spec, name, 'var');
    const x = values.length === names.length ? toExpr(values[i], text) : undefined;
    out.vars.push({ name, x, type: typeNode ? slice(text, typeNode) : undefined });
  });
}

/** Index of the top-level function whose body holds an offset, -1 when none does. */
export function funcAt(funcs: FuncInfo[], offset: number): number {
  let lo = 0;
  let hi = funcs.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (funcs[mid].s <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 && offset < funcs[found].e ? found : -1;
}

const ROUTE_METHODS = /^(Get|Post|Put|Patch|Delete|Head|Options|Handle|HandleFunc|Method|MethodFunc|GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|Any)$/;

/** `pkg.Func(` / `x.y.Method(` at a call's start: enough to skip most calls without touching the tree. */
const SIMPLE_CALLEE = /([A-Za-z_]\w*)(?:\s*\.\s*[A-Za-z_]\w*)*\s*\(\s*(\))?/y;

function readCall(node: Node, out: FileExtract): void {
  const text = out.text;
  SIMPLE_CALLEE.lastIndex = node.startIndex;
  const m = SIMPLE_CALLEE.exec(text);
  if (m) {
    const imp = out.imports[m[1]];
    if (imp && QUIET_PACKAGES.has(imp)) return;
    // No arguments (and not the start of a chain like `cmd.Flags().Int(...)`): only calls that
    // switch behaviour on matter.
    if (m[2] && !m[0].includes('AutomaticEnv') && !/^\s*[.(]/.test(text.slice(SIMPLE_CALLEE.lastIndex, SIMPLE_CALLEE.lastIndex + 40))) return;
  }
  const fn = node.childForFieldName('function');
  const args = node.childForFieldName('arguments');
  if (!fn || !args) return;
  if (fn.type === 'selector_expression') {
    const operand = fn.childForFieldName('operand');
    if (operand?.type === 'identifier') {
      const imp = out.imports[slice(text, operand)];
      if (imp && QUIET_PACKAGES.has(imp)) return;
    }
  } else if (fn.type !== 'identifier' && fn.type !== 'index_expression' && fn.type !== 'generic_type') return;
  const hasArgs = args.namedChildCount > 0;
  if (!hasArgs) {
    // Only argument-less calls that switch behaviour on matter.
    const field = fn.type === 'selector_expression' ? slice(text, fn.childForFieldName('field')) : '';
    if (field !== 'AutomaticEnv') return;
  }
  const x = toExpr(node, text);
  if (x.t !== 'call') return;
  const rec: CallRec = { x, func: funcAt(out.funcs, node.startIndex) };
  const name = calleeName(x);
  if (name === 'Getenv' || name === 'LookupEnv') rec.field = storedInField(node, text);
  if (ROUTE_METHODS.test(name)) {
    const prefixes = routePrefixes(node, text);
    if (prefixes.length) rec.routePrefix = prefixes;
  }
  out.calls.push(rec);
}

function storedInField(node: Node, text: string): string | undefined {
  const p = node.parent;
  if (p?.type === 'literal_element' && p.parent?.type === 'keyed_element') {
    const key = p.parent.childForFieldName('key') ?? p.parent.namedChild(0);
    const k = slice(text, key).trim();
    return /^[A-Za-z_]\w*$/.test(k) ? k : undefined;
  }
  if (p?.type === 'expression_list' && p.namedChildCount === 1 && p.parent?.type === 'assignment_statement') {
    const left = p.parent.childForFieldName('left');
    const target = left?.namedChildCount === 1 ? left.namedChild(0) : null;
    if (target?.type === 'selector_expression') return slice(text, target.childForFieldName('field'));
  }
  return undefined;
}

/** Walks out of `r.Route("/p", func(r chi.Router) {...})` closures around a route registration. */
function routePrefixes(node: Node, text: string): Expr[] {
  const out: Expr[] = [];
  let cur: Node | null = node.parent;
  for (let depth = 0; cur && depth < 60; depth++, cur = cur.parent) {
    if (cur.type !== 'func_literal') continue;
    const argList = cur.parent;
    const call = argList?.parent;
    if (argList?.type !== 'argument_list' || call?.type !== 'call_expression') continue;
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'selector_expression' || slice(text, fn.childForFieldName('field')) !== 'Route') continue;
    const first = argList.namedChild(0);
    if (first && first.id !== cur.id) out.unshift(toExpr(first, text));
  }
  return out;
}

function readFacts(captures: QueryCapture[], out: FileExtract): void {
  const text = out.text;
  const reassigned: { name: string; func: number; s: number }[] = [];
  const defaults = new Set<number>();
  for (const c of captures) {
    const node = c.node;
    switch (c.name) {
      case 'lit':
        readLit(node, out);
        break;
      case 'short':
      case 'assign': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (!left || !right) break;
        const func = funcAt(out.funcs, node.startIndex);
        const lefts = left.namedChildren.filter((n): n is Node => !!n);
        const rights = right.type === 'expression_list' ? right.namedChildren.filter((n): n is Node => !!n) : [right];
        if (c.name === 'assign') {
          const op = slice(text, node.childForFieldName('operator'));
          lefts.forEach((l, i) => {
            if (l.type === 'identifier') reassigned.push({ name: slice(text, l), func, s: node.startIndex });
            else if (op === '=' && rights.length === lefts.length && isSettingTarget(l, text)) {
              out.assigns.push({ lhs: toExpr(l, text), rhs: toExpr(rights[i], text), func });
            }
          });
          break;
        }
        if (func < 0) break;
        const f = out.funcs[func];
        lefts.forEach((l, i) => {
          if (l.type !== 'identifier') return;
          const name = slice(text, l);
          if (name === '_') return;
          let local: Local;
          if (rights.length === lefts.length) local = { k: 'expr', x: toExpr(rights[i], text) };
          else if (rights.length === 1) local = { k: 'tuple', x: toExpr(rights[0], text), i };
          else return;
          bindLocal(f, name, local);
        });
        break;
      }
      case 'var': {
        const func = funcAt(out.funcs, node.startIndex);
        if (func < 0) break;
        for (const spec of specsOf(node, 'var_spec')) {
          const valueNode = spec.childForFieldName('value');
          const values = valueNode ? (valueNode.type === 'expression_list' ? valueNode.namedChildren.filter((n): n is Node => !!n) : [valueNode]) : [];
          const typeNode = spec.childForFieldName('type');
          const names = spec.childrenForFieldName('name').filter(isName);
          names.forEach((n, i) => {
            const local: Local =
              values.length === names.length
                ? { k: 'expr', x: toExpr(values[i], text) }
                : values.length === 1
                  ? { k: 'tuple', x: toExpr(values[0], text), i }
                  : { k: 'typed', type: slice(text, typeNode) };
            bindLocal(out.funcs[func], slice(text, n), local);
          });
        }
        break;
      }
      case 'range': {
        const func = funcAt(out.funcs, node.startIndex);
        if (func < 0) break;
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (!left || !right) break;
        const rx = toExpr(right, text);
        left.namedChildren.forEach((l, i) => {
          if (l?.type === 'identifier' && slice(text, l) !== '_') bindLocal(out.funcs[func], slice(text, l), { k: 'range', x: rx, i });
        });
        break;
      }
      case 'fieldempty': {
        // `if c.Key == "" || c.Secret == "" { return errors.New(...) }`: both fields are required.
        if (slice(text, node.childForFieldName('right')) !== '""') break;
        let cur: Node | null = node.parent;
        while (cur && (cur.type === 'binary_expression' || cur.type === 'parenthesized_expression')) cur = cur.parent;
        if (cur?.type !== 'if_statement') break;
        const block = cur.childForFieldName('consequence');
        const blockText = block ? text.slice(block.startIndex, block.endIndex) : '';
        if (!FAILS.test(blockText)) break;
        const field = node.childForFieldName('left')?.childForFieldName('field') ?? null;
        out.ifEmpty.push({ name: slice(text, field), field: true, func: funcAt(out.funcs, node.startIndex), fails: true });
        break;
      }
      case 'ifempty':
      case 'ifnot': {
        const cond = node.childForFieldName('condition');
        if (!cond) break;
        let name: string;
        if (c.name === 'ifempty') {
          if (slice(text, cond.childForFieldName('right')) !== '""') break;
          name = slice(text, cond.childForFieldName('left'));
        } else name = slice(text, cond.childForFieldName('operand'));
        const block = node.childForFieldName('consequence');
        const stmts = (block?.namedChildren.find((n) => n?.type === 'statement_list') ?? block)?.namedChildren.filter((n): n is Node => !!n && n.type !== 'comment') ?? [];
        const rec: IfEmptyRec = { name, func: funcAt(out.funcs, node.startIndex), fails: false };
        const first = stmts[0];
        if (first?.type === 'assignment_statement' && slice(text, first.childForFieldName('operator')) === '=') {
          const l = first.childForFieldName('left');
          const r = first.childForFieldName('right');
          const target = l ? slice(text, l) : '';
          if (r && /^[A-Za-z_]\w*$/.test(target) && (c.name === 'ifnot' || target === name)) {
            const rn = r.type === 'expression_list' ? r.namedChild(0) : r;
            rec.fallback = toExpr(rn, text);
            rec.target = target;
            defaults.add(first.startIndex);
          }
        }
        const blockText = block ? text.slice(block.startIndex, block.endIndex) : '';
        rec.fails = !rec.fallback && FAILS.test(blockText);
        out.ifEmpty.push(rec);
        break;
      }
      default:
        break;
    }
  }
  for (const r of reassigned) {
    if (r.func < 0 || defaults.has(r.s)) continue;
    const f = out.funcs[r.func];
    if (f.locals.has(r.name)) f.locals.set(r.name, { k: 'multi' });
  }
}

/** A block that stops the program or returns an error. */
const FAILS = /\bpanic\(|\.Fatal(f|ln)?\(|\bos\.Exit\(|\breturn\b[^\n]*(errors\.New|fmt\.Errorf|Err\w*)/;

function bindLocal(f: FuncInfo, name: string, local: Local): void {
  f.locals.set(name, f.locals.has(name) ? { k: 'multi' } : local);
}

const SETTING_FIELDS = new Set([
  'Image', 'User', 'CapAdd', 'CapDrop', 'SecurityOpt', 'Privileged', 'ReadonlyRootfs', 'NetworkMode', 'Tmpfs', 'Binds', 'AutoRemove',
  'Memory', 'MemorySwap', 'NanoCPUs', 'CPUQuota', 'CPUPeriod', 'CPUShares', 'PidsLimit',
]);

/** `x.hc.CapDrop` or `x.hc.Tmpfs["/tmp"]` on the left of `=`. */
function isSettingTarget(l: Node, text: string): boolean {
  let n: Node | null = l;
  if (n.type === 'index_expression') n = n.childForFieldName('operand');
  if (!n || n.type !== 'selector_expression') return false;
  return SETTING_FIELDS.has(slice(text, n.childForFieldName('field')));
}

/** Literal types facts come from, keyed by import path. */
const INTERESTING_TYPES: Record<string, RegExp> = {
  'github.com/nats-io/nats.go': /^(StreamConfig|ConsumerConfig)$/,
  'github.com/nats-io/nats.go/jetstream': /^(StreamConfig|ConsumerConfig|OrderedConsumerConfig)$/,
  'github.com/docker/docker/api/types/container': /^(Config|HostConfig|Resources)$/,
  'github.com/moby/moby/api/types/container': /^(Config|HostConfig|Resources)$/,
  'github.com/spf13/cobra': /^Command$/,
  'github.com/prometheus/client_golang/prometheus': /^(CounterOpts|GaugeOpts|HistogramOpts|SummaryOpts|Opts)$/,
  'net/http': /^Server$/,
  'go.mongodb.org/mongo-driver/mongo': /^IndexModel$/,
  'go.mongodb.org/mongo-driver/v2/mongo': /^IndexModel$/,
};

/** `[]*jetstream.StreamConfig` → `github.com/nats-io/nats.go/jetstream.StreamConfig` when interesting. */
export function interestingType(typeText: string, imports: Record<string, string>): string | undefined {
  const base = typeText.replace(/^(\[[^\]]*\]|\*|map\[[^\]]*\])+/, '');
  const m = /^([A-Za-z_]\w*)\.([A-Za-z_]\w*)$/.exec(base);
  if (!m) return undefined;
  const path = imports[m[1]];
  if (!path) return undefined;
  if (CLI_PKG.test(path)) return /^(Command|\w+Flag)$/.test(m[2]) ? `${path}.${m[2]}` : undefined;
  const re = INTERESTING_TYPES[path];
  return re && re.test(m[2]) ? `${path}.${m[2]}` : undefined;
}

const BUILTIN_TYPES = new Set(['string', 'int', 'int64', 'int32', 'uint', 'uint64', 'uint32', 'byte', 'rune', 'bool', 'float64', 'float32', 'any', 'error']);

function readLit(node: Node, out: FileExtract): void {
  const text = out.text;
  const typeNode = node.childForFieldName('type');
  if (!typeNode) return;
  const typeText = slice(text, typeNode);
  // Literals of the package's own struct types are kept too: a subject or key stored in a struct
  // field (`outMsg{subject: ...}`) is traced from where the struct is read back.
  const type = interestingType(typeText, out.imports) ?? (/^[A-Za-z_]\w*$/.test(typeText) && !BUILTIN_TYPES.has(typeText) ? `.${typeText}` : undefined);
  if (!type) return;
  const x = toExpr(node, text);
  if (x.t !== 'lit') return;
  const rec: LitRec = { x, type, func: funcAt(out.funcs, node.startIndex) };
  // The call this literal is an argument of (through `&`).
  let p: Node | null = node.parent;
  if (p?.type === 'unary_expression') p = p.parent;
  if (p?.type === 'argument_list' && p.parent?.type === 'call_expression') {
    const call = toExpr(p.parent, text);
    if (call.t === 'call') rec.parentCall = call;
  }
  const typeName = type.slice(type.lastIndexOf('.') + 1);
  const isCli = CLI_PKG.test(type.slice(0, type.lastIndexOf('.')));
  if (isCli && typeName.endsWith('Flag')) {
    const cmd = enclosingCommand(node, out);
    if (cmd) rec.command = cmd;
  }
  if ((isCli && typeName === 'Command') || type === `${COBRA_PKG}.Command`) {
    rec.inMain = rec.func >= 0 ? /^(main|root|app)/i.test(out.funcs[rec.func].name) && out.funcs[rec.func].recv === undefined : false;
  }
  rec.holder = holderName(node, out);
  out.lits.push(rec);
}

/** Name of the urfave/cli Command literal whose Flags hold this flag, as an expression. */
function enclosingCommand(node: Node, out: FileExtract): Expr | undefined {
  const text = out.text;
  let cur: Node | null = node.parent;
  for (let depth = 0; cur && depth < 40; depth++, cur = cur.parent) {
    if (cur.type !== 'literal_value') continue;
    const type = literalValueType(cur, text, 0);
    if (!type || !/^\*?[A-Za-z_]\w*\.Command$/.test(type)) continue;
    const qualified = interestingType(type, out.imports);
    if (!qualified || !CLI_PKG.test(qualified.slice(0, qualified.lastIndexOf('.')))) continue;
    for (const el of cur.namedChildren) {
      if (el?.type !== 'keyed_element') continue;
      const k = el.childForFieldName('key') ?? el.namedChild(0);
      if (slice(text, k).trim() !== 'Name') continue;
      const v = el.childForFieldName('value') ?? el.namedChild(1);
      const inner = v?.type === 'literal_element' ? v.namedChild(0) : v;
      return toExpr(inner ?? null, text);
    }
    return undefined;
  }
  return undefined;
}

/** The type of a `{...}` body: its literal's type, or the element type of the literal around an elided one. */
function literalValueType(lv: Node, text: string, depth: number): string | undefined {
  const parent = lv.parent;
  if (!parent || depth > 8) return undefined;
  if (parent.type === 'composite_literal') return slice(text, parent.childForFieldName('type'));
  if (parent.type !== 'literal_element') return undefined;
  const holder = parent.parent?.type === 'keyed_element' ? parent.parent.parent : parent.parent;
  if (holder?.type !== 'literal_value') return undefined;
  const outer = literalValueType(holder, text, depth + 1);
  if (!outer) return undefined;
  const slice_ = /^\[[^\]]*\](.*)$/.exec(outer);
  if (slice_) return slice_[1].replace(/^\*/, '');
  if (outer.startsWith('map[')) {
    let d = 0;
    for (let i = 3; i < outer.length; i++) {
      if (outer[i] === '[') d++;
      else if (outer[i] === ']' && --d === 0) return outer.slice(i + 1).replace(/^\*/, '');
    }
  }
  return undefined;
}

/** Top-level function or variable that holds a node. */
function holderName(node: Node, out: FileExtract): string | undefined {
  const f = funcAt(out.funcs, node.startIndex);
  if (f >= 0) return out.funcs[f].recv ? undefined : out.funcs[f].name;
  let cur: Node | null = node.parent;
  for (let depth = 0; cur && depth < 40; depth++, cur = cur.parent) {
    if (cur.type === 'var_spec') return slice(out.text, cur.childForFieldName('name'));
  }
  return undefined;
}

/** Finds variables and fields whose type tells what they hold (Docker configs, viper instances). */
function collectTypedNames(out: FileExtract): void {
  const add = (name: string, type: string | undefined) => {
    if (!type) return;
    const kind = dockerKind(type, out.imports);
    if (kind) out.containerNames.push({ name, kind });
    if (isViperType(type, out.imports)) out.viperNames.push(name);
  };
  for (const s of out.structs) for (const f of s.fields) add(f.name, f.type);
  for (const v of out.vars) add(v.name, v.type ?? litType(v.x));
  for (const f of out.funcs) {
    f.params.forEach((p, i) => add(p, f.paramTypes[i]));
    for (const [name, l] of f.locals) {
      if (l.k === 'typed') add(name, l.type);
      else if (l.k === 'expr') add(name, litType(l.x));
    }
  }
  for (const a of out.assigns) if (a.lhs.t === 'sel') add(a.lhs.f, litType(a.rhs));
  // `v := viper.New()` and struct fields set to it.
  const viperAlias = Object.entries(out.imports).find(([, p]) => p === 'github.com/spf13/viper')?.[0];
  if (viperAlias) {
    const re = new RegExp(`(\\w+)\\s*(?::=|=|:)\\s*${viperAlias}\\.New\\(`, 'g');
    for (const m of out.text.matchAll(re)) out.viperNames.push(m[1]);
  }
}

function litType(x: Expr | undefined): string | undefined {
  if (!x) return undefined;
  if (x.t === 'un' && x.op === '&') return litType(x.x);
  if (x.t === 'lit') return x.type;
  if (x.t === 'call' && x.fn.t === 'id' && x.fn.name === 'new' && x.args[0]) {
    const a = x.args[0];
    if (a.t === 'sel' && a.x.t === 'id') return `${a.x.name}.${a.f}`;
  }
  return undefined;
}

export function dockerKind(type: string, imports: Record<string, string>): 'host' | 'config' | 'resources' | undefined {
  const m = /^\*?([A-Za-z_]\w*)\.(HostConfig|Config|Resources)$/.exec(type.trim());
  if (!m || !CONTAINER_PKGS.includes(imports[m[1]] ?? '')) return undefined;
  return m[2] === 'HostConfig' ? 'host' : m[2] === 'Config' ? 'config' : 'resources';
}

function isViperType(type: string, imports: Record<string, string>): boolean {
  const m = /^\*?([A-Za-z_]\w*)\.Viper$/.exec(type.trim());
  return !!m && imports[m[1]] === 'github.com/spf13/viper';
}
