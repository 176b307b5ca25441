// Container settings applied through builder methods (`b.hc.Resources.Memory = bytes` inside
// `func (b *Builder) Memory(bytes int64)`): the value is the argument at the call site, and a
// method nobody calls applies nothing. Reads only indexed declarations and calls.
import type { ContainerFact, GoDecl, GoFileFacts } from '../../engine/types';
import { memoize } from '../../engine/memo';
import type { IndexSnapshot } from '../../index/snapshot';

/** Each Go file's facts by path: a method enclosing a setting is found among its own file's declarations. */
const filesByPath = memoize((goFiles: readonly GoFileFacts[]): Map<string, GoFileFacts> => new Map(goFiles.map((f) => [f.path, f])));

/** The first constant or variable of each name, as a scan of all declarations would find it. */
const valueDeclsByName = memoize((decls: readonly GoDecl[]): Map<string, GoDecl> => {
  const byName = new Map<string, GoDecl>();
  for (const d of decls) if ((d.kind === 'const' || d.kind === 'var') && !byName.has(d.name)) byName.set(d.name, d);
  return byName;
});

function enclosingMethod(index: IndexSnapshot, fact: ContainerFact): GoDecl | undefined {
  const line = fact.loc.range.start.line;
  return filesByPath(index.goFiles)
    .get(fact.loc.path)
    ?.decls.find((d) => (d.kind === 'method' || d.kind === 'func') && d.loc.range.start.line < line && d.loc.range.end.line >= line);
}

export interface EffectiveFact {
  fact: ContainerFact;
  /** Undefined when the setting is applied but its value comes from run time (config, flags). */
  value: ContainerFact['value'] | undefined;
}

/**
 * The facts that really apply: builder methods nobody calls are dropped, and a value that is a
 * method parameter becomes the (constant) argument of each call.
 */
export function effectiveContainerFacts(index: IndexSnapshot, facts: readonly ContainerFact[]): EffectiveFact[] {
  const out: EffectiveFact[] = [];
  for (const fact of facts) {
    const method = enclosingMethod(index, fact);
    if (!method || method.kind !== 'method') {
      out.push({ fact, value: fact.value });
      continue;
    }
    const calls = index.selectorCalls(method.name);
    if (calls.length === 0) continue;
    const params = paramNames(method.text);
    const source = fact.source.trim();
    const paramIndex = params.indexOf(identifierIn(source) ?? '');
    if (paramIndex < 0 || typeof fact.value === 'number' || Array.isArray(fact.value) && !fact.value.some((v) => v.includes(params[paramIndex] ?? '\0'))) {
      out.push({ fact, value: fact.value });
      continue;
    }
    for (const args of calls) {
      const arg = args[paramIndex];
      if (arg === undefined) continue;
      const substituted = source.replace(new RegExp(String.raw`\b${params[paramIndex]}\b`), `(${arg})`);
      out.push({ fact, value: evalConst(substituted, index) });
    }
  }
  return out;
}

function identifierIn(source: string): string | undefined {
  return /\b([a-z_]\w*)\b/i.exec(source.replace(/\b(int64|int|uint64|float64|ptr|new)\(/g, ''))?.[1];
}

function paramNames(declText: string): string[] {
  const m = /^func\s*\([^)]*\)\s*\w+\s*(?:\[[^\]]*\])?\s*\(([^)]*)\)/.exec(declText);
  if (!m) return [];
  // `a, b string, n int` → a, b, n
  return m[1]
    .split(',')
    .map((p) => p.trim().split(/\s+/)[0])
    .filter(Boolean);
}

/** Evaluates a constant Go expression: literals, named constants, + - * / << >>, conversions. */
export function evalConst(expr: string, index: IndexSnapshot, depth = 0): string | number | undefined {
  if (depth > 8) return undefined;
  const tokens = expr.match(/"(?:[^"\\]|\\.)*"|`[^`]*`|\d+(?:\.\d+)?(?:e[+-]?\d+)?|<<|>>|[A-Za-z_][\w.]*|[-+*/()]/gi);
  if (!tokens) return undefined;
  let i = 0;
  const lookup = (name: string): number | string | undefined => {
    const short = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : name;
    const decl = valueDeclsByName(index.decls).get(short);
    const m = decl && /=\s*([^\n]*?)\s*(?:\/\/.*)?$/.exec(decl.text);
    return m ? evalConst(m[1], index, depth + 1) : undefined;
  };
  const primary = (): number | string | undefined => {
    const t = tokens[i++];
    if (t === undefined) return undefined;
    if (t === '(') {
      const v = sum();
      i++;
      return v;
    }
    if (t === '-') {
      const v = primary();
      return typeof v === 'number' ? -v : undefined;
    }
    if (/^["`]/.test(t)) return t.slice(1, -1);
    if (/^\d/.test(t)) return Number(t);
    if (/^(int|int8|int16|int32|int64|uint|uint64|float32|float64|ptr|string)$/.test(t) && tokens[i] === '(') {
      i++;
      const v = sum();
      i++;
      return typeof v === 'number' && /^u?int/.test(t) ? Math.trunc(v) : v;
    }
    if (t === 'true' || t === 'false') return undefined;
    return lookup(t);
  };
  const product = (): number | string | undefined => {
    let v = primary();
    while (['*', '/', '<<', '>>'].includes(tokens[i])) {
      const op = tokens[i++];
      const r = primary();
      if (typeof v !== 'number' || typeof r !== 'number') return undefined;
      v = op === '*' ? v * r : op === '/' ? v / r : op === '<<' ? v * 2 ** r : Math.floor(v / 2 ** r);
    }
    return v;
  };
  const sum = (): number | string | undefined => {
    let v = product();
    while (tokens[i] === '+' || tokens[i] === '-') {
      const op = tokens[i++];
      const r = product();
      if (typeof v === 'string' && typeof r === 'string' && op === '+') v = v + r;
      else if (typeof v === 'number' && typeof r === 'number') v = op === '+' ? v + r : v - r;
      else return undefined;
    }
    return v;
  };
  const v = sum();
  return i === tokens.length ? v : undefined;
}
