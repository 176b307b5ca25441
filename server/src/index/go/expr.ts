// A compact, tree-independent copy of the Go expressions the facts depend on. Syntax trees live in
// wasm memory and are freed right after a file is read, so everything resolved later (constants from
// other files, helper calls, defaults) works on these plain objects. `s`/`e` are UTF-16 offsets.
import type { Node } from 'web-tree-sitter';

interface Span {
  s: number;
  e: number;
}

export interface LitElem {
  /** Field name (`id`) for struct literals, any expression for map keys; absent for positional. */
  key?: Expr;
  v: Expr;
}

export type Expr = Span &
  (
    | { t: 'str'; v: string }
    | { t: 'int'; v: number }
    | { t: 'float'; v: number }
    | { t: 'bool'; v: boolean }
    | { t: 'nil' }
    | { t: 'iota' }
    | { t: 'id'; name: string }
    | { t: 'sel'; x: Expr; f: string }
    | { t: 'bin'; op: string; l: Expr; r: Expr }
    | { t: 'un'; op: string; x: Expr }
    | { t: 'call'; fn: Expr; args: Expr[]; targs?: string[]; spread?: boolean }
    /** `type` is absent for the elided inner literals of slices and maps (`[]T{{...}}`). */
    | { t: 'lit'; type?: string; elems: LitElem[] }
    | { t: 'index'; x: Expr; i: Expr }
    | { t: 'type'; text: string }
    | { t: 'func' }
    | { t: 'other' }
  );

const MAX_DEPTH = 40;
const MAX_ELEMS = 400;

/**
 * Conversions already done for a tree, by node id. Calls nest (`a.b().c()`, `f(g(x))`) and every
 * call is also captured on its own, so each subtree is converted once.
 */
let memo: Map<number, Expr> | undefined;

export function withExprMemo<T>(run: () => T): T {
  const prev = memo;
  memo = new Map();
  try {
    return run();
  } finally {
    memo = prev;
  }
}

export function toExpr(node: Node | null, text: string, depth = 0): Expr {
  if (!node) return { t: 'other', s: 0, e: 0 };
  const hit = memo?.get(node.id);
  if (hit) return hit;
  const x = convert(node, text, depth);
  if (memo && (x.t === 'call' || x.t === 'lit' || x.t === 'bin' || x.t === 'sel')) memo.set(node.id, x);
  return x;
}

function convert(node: Node, text: string, depth: number): Expr {
  const s = node.startIndex;
  const e = node.endIndex;
  if (depth > MAX_DEPTH) return { t: 'other', s, e };
  const d = depth + 1;
  switch (node.type) {
    case 'interpreted_string_literal':
      return { t: 'str', v: unescapeGo(text.slice(s + 1, e - 1)), s, e };
    case 'raw_string_literal':
      return { t: 'str', v: text.slice(s + 1, e - 1).replace(/\r/g, ''), s, e };
    case 'int_literal': {
      const v = parseGoInt(text.slice(s, e));
      return v === undefined ? { t: 'other', s, e } : { t: 'int', v, s, e };
    }
    case 'float_literal': {
      const v = Number(text.slice(s, e).replace(/_/g, ''));
      return Number.isNaN(v) ? { t: 'other', s, e } : { t: 'float', v, s, e };
    }
    case 'rune_literal': {
      const inner = unescapeGo(text.slice(s + 1, e - 1));
      const cp = inner.codePointAt(0);
      return cp === undefined ? { t: 'other', s, e } : { t: 'int', v: cp, s, e };
    }
    case 'true':
    case 'false':
      return { t: 'bool', v: node.type === 'true', s, e };
    case 'nil':
      return { t: 'nil', s, e };
    case 'iota':
      return { t: 'iota', s, e };
    case 'identifier':
    case 'field_identifier':
    case 'type_identifier':
    case 'package_identifier':
      return { t: 'id', name: text.slice(s, e), s, e };
    case 'parenthesized_expression':
      return toExpr(node.namedChildren.find((c) => c && c.type !== 'comment') ?? null, text, d);
    case 'selector_expression': {
      const field = node.childForFieldName('field');
      return { t: 'sel', x: toExpr(node.childForFieldName('operand'), text, d), f: field ? text.slice(field.startIndex, field.endIndex) : '', s, e };
    }
    case 'qualified_type': {
      const pkg = node.childForFieldName('package');
      const name = node.childForFieldName('name');
      if (!pkg || !name) return { t: 'type', text: text.slice(s, e), s, e };
      return { t: 'sel', x: { t: 'id', name: text.slice(pkg.startIndex, pkg.endIndex), s: pkg.startIndex, e: pkg.endIndex }, f: text.slice(name.startIndex, name.endIndex), s, e };
    }
    case 'binary_expression': {
      const op = node.childForFieldName('operator');
      return {
        t: 'bin',
        op: op ? text.slice(op.startIndex, op.endIndex) : '?',
        l: toExpr(node.childForFieldName('left'), text, d),
        r: toExpr(node.childForFieldName('right'), text, d),
        s,
        e,
      };
    }
    case 'unary_expression': {
      const op = node.childForFieldName('operator');
      return { t: 'un', op: op ? text.slice(op.startIndex, op.endIndex) : '?', x: toExpr(node.childForFieldName('operand'), text, d), s, e };
    }
    case 'call_expression': {
      const fn = node.childForFieldName('function');
      const argList = node.childForFieldName('arguments');
      const targsNode = node.childForFieldName('type_arguments');
      const args: Expr[] = [];
      let spread = false;
      if (argList) {
        for (const a of argList.namedChildren) {
          if (!a || a.type === 'comment') continue;
          if (args.length >= MAX_ELEMS) break;
          if (a.type === 'variadic_argument') {
            spread = true;
            args.push(toExpr(a.namedChild(0), text, d));
          } else args.push(toExpr(a, text, d));
        }
      }
      let fnExpr = toExpr(fn, text, d);
      let targs: string[] | undefined;
      if (targsNode) targs = targsNode.namedChildren.filter((c): c is Node => !!c).map((c) => text.slice(c.startIndex, c.endIndex));
      // `ptr[int64](x)` parses as an index expression in function position.
      if (fnExpr.t === 'index' && fn?.type === 'index_expression') {
        targs = [text.slice(fnExpr.i.s, fnExpr.i.e)];
        fnExpr = fnExpr.x;
      }
      if (fn?.type === 'generic_type') {
        const base = fn.childForFieldName('type');
        const ta = fn.childForFieldName('type_arguments');
        fnExpr = toExpr(base, text, d);
        if (ta) targs = ta.namedChildren.filter((c): c is Node => !!c).map((c) => text.slice(c.startIndex, c.endIndex));
      }
      return { t: 'call', fn: fnExpr, args, targs, spread: spread || undefined, s, e };
    }
    case 'type_conversion_expression':
      return {
        t: 'call',
        fn: toExpr(node.childForFieldName('type'), text, d),
        args: [toExpr(node.childForFieldName('operand'), text, d)],
        s,
        e,
      };
    case 'composite_literal': {
      const typeNode = node.childForFieldName('type');
      return literal(node.childForFieldName('body'), typeNode ? text.slice(typeNode.startIndex, typeNode.endIndex) : undefined, text, d, s, e);
    }
    case 'literal_value':
      return literal(node, undefined, text, d, s, e);
    case 'index_expression':
      return { t: 'index', x: toExpr(node.childForFieldName('operand'), text, d), i: toExpr(node.childForFieldName('index'), text, d), s, e };
    case 'func_literal':
      return { t: 'func', s, e };
    case 'slice_type':
    case 'array_type':
    case 'map_type':
    case 'pointer_type':
    case 'channel_type':
    case 'function_type':
    case 'interface_type':
    case 'struct_type':
    case 'generic_type':
      return { t: 'type', text: text.slice(s, e), s, e };
    default:
      return { t: 'other', s, e };
  }
}

function literal(body: Node | null, type: string | undefined, text: string, depth: number, s: number, e: number): Expr {
  const elems: LitElem[] = [];
  if (body) {
    for (const el of body.namedChildren) {
      if (!el || el.type === 'comment') continue;
      if (elems.length >= MAX_ELEMS) break;
      if (el.type === 'keyed_element') {
        const k = el.childForFieldName('key') ?? el.namedChild(0);
        const v = el.childForFieldName('value') ?? el.namedChild(1);
        elems.push({ key: elementExpr(k, text, depth), v: elementExpr(v, text, depth) });
      } else elems.push({ v: elementExpr(el, text, depth) });
    }
  }
  return { t: 'lit', type, elems, s, e };
}

/** `literal_element` wraps either an expression or an elided `{...}` literal. */
function elementExpr(node: Node | null, text: string, depth: number): Expr {
  if (node && node.type === 'literal_element') {
    const inner = node.namedChildren.find((c) => c && c.type !== 'comment') ?? null;
    return toExpr(inner, text, depth);
  }
  return toExpr(node, text, depth);
}

export function parseGoInt(raw: string): number | undefined {
  const t = raw.replace(/_/g, '').toLowerCase();
  let v: number;
  if (t.startsWith('0x')) v = parseInt(t.slice(2), 16);
  else if (t.startsWith('0b')) v = parseInt(t.slice(2), 2);
  else if (t.startsWith('0o')) v = parseInt(t.slice(2), 8);
  else if (t.length > 1 && t.startsWith('0')) v = parseInt(t.slice(1), 8);
  else v = parseInt(t, 10);
  return Number.isNaN(v) ? undefined : v;
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', '"': '"', "'": "'" };

export function unescapeGo(body: string): string {
  if (!body.includes('\\')) return body;
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)/g, (_, esc: string) => {
    const c = esc[0];
    if (c === 'x' || c === 'u' || c === 'U') return String.fromCodePoint(parseInt(esc.slice(1), 16));
    if (/[0-7]/.test(c)) return String.fromCharCode(parseInt(esc, 8));
    return SIMPLE_ESCAPES[c] ?? esc;
  });
}

/** The last name of a call's function: `Publish` for `nc.Publish`, `getEnv` for `getEnv`. */
export function calleeName(call: Expr): string {
  if (call.t !== 'call') return '';
  const fn = call.fn;
  if (fn.t === 'id') return fn.name;
  if (fn.t === 'sel') return fn.f;
  return '';
}

/** The qualifier of a call: `nc` in `nc.Publish(...)`; undefined for a plain function call. */
export function calleeRecv(call: Expr): Expr | undefined {
  return call.t === 'call' && call.fn.t === 'sel' ? call.fn.x : undefined;
}

/** Literal elements by field name (`Name: "x"` → Name). */
export function fieldsOf(lit: Expr): Map<string, Expr> {
  const out = new Map<string, Expr>();
  if (lit.t !== 'lit') return out;
  for (const el of lit.elems) if (el.key && el.key.t === 'id') out.set(el.key.name, el.v);
  return out;
}

/** `&x` and `(x)` → x. */
export function stripAddr(x: Expr): Expr {
  return x.t === 'un' && (x.op === '&' || x.op === '*') ? stripAddr(x.x) : x;
}

/** Identifier at the root of a selector chain: `b` in `b.hc.Resources`. */
export function rootIdent(x: Expr): string | undefined {
  let cur = stripAddr(x);
  for (let i = 0; i < 20; i++) {
    if (cur.t === 'id') return cur.name;
    if (cur.t === 'sel') cur = cur.x;
    else if (cur.t === 'call') cur = cur.fn.t === 'sel' ? cur.fn.x : cur.fn;
    else if (cur.t === 'index') cur = cur.x;
    else return undefined;
  }
  return undefined;
}

/** `a.b.c` → ['a','b','c'] when the chain is made of plain names only. */
export function selectorPath(x: Expr): string[] | undefined {
  const out: string[] = [];
  let cur = x;
  for (let i = 0; i < 20; i++) {
    if (cur.t === 'id') return [cur.name, ...out];
    if (cur.t === 'sel') {
      out.unshift(cur.f);
      cur = cur.x;
    } else if (cur.t === 'un' && (cur.op === '*' || cur.op === '&')) cur = cur.x;
    else return undefined;
  }
  return undefined;
}
