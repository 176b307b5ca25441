// Values computed from Go expressions without running them: constants folded, strings with the
// parts only known at run time marked as wildcards, durations in nanoseconds.
import type { ConfigValue } from '../../engine/types';

/** A part of a string computed at run time. */
export const WILD = null;
export type Part = string | typeof WILD;

export type Val =
  | { k: 'str'; parts: Part[] }
  | { k: 'int'; n: number }
  | { k: 'float'; n: number }
  | { k: 'dur'; n: number }
  | { k: 'bool'; b: boolean }
  | { k: 'list'; items: Val[] }
  | { k: 'map'; entries: [Val, Val][] }
  /** A constant of a package outside the workspace, e.g. `jetstream.LimitsPolicy`. */
  | { k: 'ext'; pkg: string; name: string }
  | { k: 'nil' }
  | { k: 'unknown' };

export const UNKNOWN: Val = { k: 'unknown' };
export const str = (s: string): Val => ({ k: 'str', parts: [s] });
export const wildStr = (): Val => ({ k: 'str', parts: [WILD] });

/** Joins adjacent literal parts and collapses runs of wildcards. */
export function normParts(parts: Part[]): Part[] {
  const out: Part[] = [];
  for (const p of parts) {
    if (p === '') continue;
    const last = out[out.length - 1];
    if (p === WILD) {
      if (last !== WILD || out.length === 0) out.push(WILD);
    } else if (typeof last === 'string') out[out.length - 1] = last + p;
    else out.push(p);
  }
  return out;
}

/** The string if fully known. */
export function knownString(v: Val): string | undefined {
  if (v.k !== 'str') return undefined;
  if (v.parts.some((p) => p === WILD)) return undefined;
  return v.parts.join('');
}

/** String parts of any value usable inside a string (numbers print as Go's %v would). */
export function asParts(v: Val): Part[] {
  switch (v.k) {
    case 'str':
      return v.parts;
    case 'int':
    case 'float':
      return [String(v.n)];
    case 'bool':
      return [String(v.b)];
    case 'dur':
      return [formatDuration(v.n)];
    default:
      return [WILD];
  }
}

/** A pattern with `*` for run-time parts: `images/*​/*​/firmware.bin`. */
export function patternOf(v: Val, wildcard = '*'): string | undefined {
  if (v.k !== 'str') return undefined;
  return normParts(v.parts)
    .map((p) => (p === WILD ? wildcard : p))
    .join('');
}

export function hasLiteral(v: Val): boolean {
  return v.k === 'str' && v.parts.some((p) => typeof p === 'string' && p.length > 0);
}

/** A NATS subject from a string pattern: every token touched by a run-time part becomes `*`. */
export function subjectOf(v: Val): string | undefined {
  if (v.k !== 'str' || !hasLiteral(v)) return undefined;
  const marker = '\u0000';
  const raw = normParts(v.parts)
    .map((p) => (p === WILD ? marker : p))
    .join('');
  const tokens = raw.split('.').map((t) => (t.includes(marker) ? '*' : t));
  if (tokens.every((t) => t === '*' || t === '')) return undefined;
  return tokens.join('.');
}

// ---------------------------------------------------------------- durations

const NS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Go's time.ParseDuration: `1m30s`, `1.5h`, `300ms`. */
export function parseDuration(s: string): number | undefined {
  const t = s.trim();
  if (t === '0') return 0;
  const m = /^([-+]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/.exec(t);
  if (!m) return undefined;
  let total = 0;
  for (const part of t.replace(/^[-+]/, '').matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) total += Number(part[1]) * NS[part[2]];
  return m[1] === '-' ? -total : Math.round(total);
}

/**
 * Go's Duration.String without the zero units a person leaves out: `1m30s`, `10m` (Go: `10m0s`),
 * `72h` (Go: `72h0m0s`), `500ms`, `1.5s`.
 */
export function formatDuration(ns: number): string {
  if (ns === 0) return '0s';
  const neg = ns < 0;
  let v = Math.abs(ns);
  let out: string;
  if (v < 1e9) {
    if (v < 1e3) out = `${v}ns`;
    else if (v < 1e6) out = `${trimFloat(v / 1e3)}µs`;
    else out = `${trimFloat(v / 1e6)}ms`;
  } else {
    const h = Math.floor(v / 3600e9);
    v -= h * 3600e9;
    const m = Math.floor(v / 60e9);
    v -= m * 60e9;
    const s = trimFloat(v / 1e9);
    out = `${h ? `${h}h` : ''}${m || (h && s !== '0') ? `${m}m` : ''}${s !== '0' ? `${s}s` : ''}`;
  }
  return neg ? `-${out}` : out;
}

function trimFloat(n: number): string {
  return String(Number(n.toFixed(9)));
}

// ---------------------------------------------------------------- arithmetic

const isNum = (v: Val): v is { k: 'int' | 'float' | 'dur'; n: number } => v.k === 'int' || v.k === 'float' || v.k === 'dur';

function bitwise(op: string, a: number, b: number): number | undefined {
  if (!Number.isInteger(a) || !Number.isInteger(b)) return undefined;
  const x = BigInt(a);
  const y = BigInt(b);
  switch (op) {
    case '&':
      return Number(x & y);
    case '|':
      return Number(x | y);
    case '^':
      return Number(x ^ y);
    case '&^':
      return Number(x & ~y);
    case '<<':
      return b < 0 || b > 62 ? undefined : Number(x << y);
    case '>>':
      return b < 0 ? undefined : Number(x >> y);
    default:
      return undefined;
  }
}

export function binary(op: string, l: Val, r: Val): Val {
  if (op === '+' && (l.k === 'str' || r.k === 'str')) {
    if (l.k === 'str' && r.k === 'str') return { k: 'str', parts: normParts([...l.parts, ...r.parts]) };
    // One side unknown: still a string, with a run-time part.
    if (l.k === 'unknown' || r.k === 'unknown') return { k: 'str', parts: normParts([...(l.k === 'str' ? l.parts : [WILD]), ...(r.k === 'str' ? r.parts : [WILD])]) };
    return UNKNOWN;
  }
  if (op === '==' || op === '!=' || op === '&&' || op === '||' || op === '<' || op === '>' || op === '<=' || op === '>=') {
    if (l.k === 'bool' && r.k === 'bool') {
      if (op === '&&') return { k: 'bool', b: l.b && r.b };
      if (op === '||') return { k: 'bool', b: l.b || r.b };
    }
    return UNKNOWN;
  }
  if (!isNum(l) || !isNum(r)) return UNKNOWN;
  // A duration scaled by a number stays a duration; two numbers give an int unless one is a float.
  const kind: 'int' | 'float' | 'dur' = l.k === 'dur' || r.k === 'dur' ? (op === '/' && l.k === 'dur' && r.k === 'dur' ? 'int' : 'dur') : l.k === 'float' || r.k === 'float' ? 'float' : 'int';
  let n: number | undefined;
  switch (op) {
    case '+':
      n = l.n + r.n;
      break;
    case '-':
      n = l.n - r.n;
      break;
    case '*':
      n = l.n * r.n;
      break;
    case '/':
      if (r.n === 0) return UNKNOWN;
      n = kind === 'float' ? l.n / r.n : Math.trunc(l.n / r.n);
      break;
    case '%':
      if (r.n === 0) return UNKNOWN;
      n = l.n % r.n;
      break;
    default:
      n = bitwise(op, l.n, r.n);
  }
  if (n === undefined || !Number.isFinite(n)) return UNKNOWN;
  if (kind === 'float' && Number.isInteger(n) && (l.k === 'float' || r.k === 'float')) return { k: 'float', n };
  return { k: kind, n } as Val;
}

export function unary(op: string, v: Val): Val {
  if (op === '-' && isNum(v)) return { k: v.k, n: -v.n } as Val;
  if (op === '+' && isNum(v)) return v;
  if (op === '!' && v.k === 'bool') return { k: 'bool', b: !v.b };
  if (op === '^' && v.k === 'int') return { k: 'int', n: -v.n - 1 };
  if (op === '&' || op === '*') return v;
  return UNKNOWN;
}

// ---------------------------------------------------------------- defaults for docs

/** Normalises a value into what a doc would write, keeping the Go source it came from. */
export function configValue(v: Val, source: string): ConfigValue {
  switch (v.k) {
    case 'str': {
      const s = knownString(v);
      return s === undefined ? { display: patternOf(v) ?? source, kind: 'unknown', source } : { display: s, kind: 'string', source };
    }
    case 'int':
      return { display: String(v.n), kind: 'int', numeric: v.n, source };
    case 'float':
      return { display: String(v.n), kind: 'float', numeric: v.n, source };
    case 'dur':
      return { display: formatDuration(v.n), kind: 'duration', numeric: v.n, source };
    case 'bool':
      return { display: String(v.b), kind: 'bool', source };
    case 'list': {
      const items = v.items.map(knownString);
      if (items.every((i): i is string => i !== undefined)) return { display: items.join(','), kind: 'string', source };
      return { display: source, kind: 'unknown', source };
    }
    default:
      return { display: source, kind: 'unknown', source };
  }
}

/** A tag or viper string read as the type the program converts it to. */
export function typedFromString(raw: string, goType: string, source: string): ConfigValue {
  const t = goType.replace(/^\*/, '');
  if (t === 'time.Duration') {
    const ns = parseDuration(raw);
    if (ns !== undefined) return { display: formatDuration(ns), kind: 'duration', numeric: ns, source };
  } else if (/^u?int(8|16|32|64)?$/.test(t)) {
    const n = Number(raw.trim());
    if (raw.trim() !== '' && Number.isInteger(n)) return { display: String(n), kind: 'int', numeric: n, source };
  } else if (/^float(32|64)$/.test(t)) {
    const n = Number(raw.trim());
    if (raw.trim() !== '' && !Number.isNaN(n)) return { display: String(n), kind: 'float', numeric: n, source };
  } else if (t === 'bool') {
    const b = /^(1|t|true)$/i.test(raw.trim()) ? true : /^(0|f|false)$/i.test(raw.trim()) ? false : undefined;
    if (b !== undefined) return { display: String(b), kind: 'bool', source };
  }
  return { display: raw, kind: 'string', source };
}
