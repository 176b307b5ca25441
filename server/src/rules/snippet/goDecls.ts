// Finds the top-level declarations a Go snippet makes, from its tokens. Snippets are often not whole
// files (no package clause, a single method, a struct literal), so this reads declarations where it
// finds them and leaves everything else as "other content".
import type { GoToken } from './goTokens';

export type SnippetDeclKind = 'func' | 'method' | 'type' | 'const' | 'var';

export interface SnippetDecl {
  kind: SnippetDeclKind;
  /** Every name the declaration introduces (`const A, B = 1, 2` introduces two). */
  names: string[];
  /** Receiver type for methods, without `*` or type parameters. */
  receiver?: string;
  /** Token index range, inclusive. */
  first: number;
  last: number;
  /** True for one spec of a `const (...)`, `var (...)` or `type (...)` group. */
  grouped: boolean;
}

export interface SnippetShape {
  decls: SnippetDecl[];
  /** True when the snippet holds statements or expressions outside any declaration. */
  hasOtherContent: boolean;
}

const OPEN: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/** Index of the token closing the bracket at `i`, or the last token when the snippet is cut short. */
export function matching(tokens: readonly GoToken[], i: number): number {
  let depth = 0;
  for (let k = i; k < tokens.length; k++) {
    const t = tokens[k].text;
    if (t in OPEN) depth++;
    else if (t === ')' || t === ']' || t === '}') {
      depth--;
      if (depth === 0) return k;
    }
  }
  return tokens.length - 1;
}

const isIdent = (t: GoToken | undefined): boolean => !!t && !t.virtual && /^[A-Za-z_\u00c0-\uffff][A-Za-z0-9_\u00c0-\uffff]*$/.test(t.text);

export function findDecls(tokens: readonly GoToken[]): SnippetShape {
  const decls: SnippetDecl[] = [];
  let hasOtherContent = false;
  let i = 0;
  const skipStatement = (from: number): number => {
    let k = from;
    while (k < tokens.length) {
      const t = tokens[k];
      if (t.text in OPEN) k = matching(tokens, k) + 1;
      else if (t.virtual || t.text === ';') return k + 1;
      else k++;
    }
    return k;
  };
  /** Last real token before `k` (exclusive). */
  const lastReal = (k: number, floor: number): number => {
    let j = k - 1;
    while (j > floor && (tokens[j].virtual || tokens[j].text === ';')) j--;
    return j;
  };
  while (i < tokens.length) {
    const t = tokens[i];
    if (t.virtual || t.text === ';') {
      i++;
      continue;
    }
    if (t.text === 'package') {
      i = skipStatement(i);
      continue;
    }
    if (t.text === 'import') {
      i = tokens[i + 1]?.text === '(' ? matching(tokens, i + 1) + 1 : skipStatement(i);
      continue;
    }
    if (t.text === 'func') {
      const decl = readFunc(tokens, i);
      if (decl) {
        decls.push(decl);
        i = decl.last + 1;
        continue;
      }
      hasOtherContent = true;
      i = skipStatement(i);
      continue;
    }
    if (t.text === 'type' || t.text === 'const' || t.text === 'var') {
      const kind = t.text;
      if (tokens[i + 1]?.text === '(') {
        const close = matching(tokens, i + 1);
        let k = i + 2;
        while (k < close) {
          if (tokens[k].virtual || tokens[k].text === ';') {
            k++;
            continue;
          }
          const end = Math.min(skipStatement(k), close);
          const last = lastReal(end, k);
          const names = specNames(tokens, k, last, kind);
          if (names.length) decls.push({ kind, names, first: k, last, grouped: true });
          k = end;
        }
        i = close + 1;
        continue;
      }
      const end = skipStatement(i + 1);
      const last = lastReal(end, i);
      const names = specNames(tokens, i + 1, last, kind);
      if (names.length) decls.push({ kind, names, first: i, last, grouped: false });
      else hasOtherContent = true;
      i = end;
      continue;
    }
    hasOtherContent = true;
    i = skipStatement(i);
  }
  return { decls, hasOtherContent };
}

function readFunc(tokens: readonly GoToken[], at: number): SnippetDecl | undefined {
  let k = at + 1;
  let receiver: string | undefined;
  if (tokens[k]?.text === '(') {
    const close = matching(tokens, k);
    // `(b *Builder)`, `(Builder)`, `(s *Set[T])`: the type is the last name before any `[`.
    const inner: GoToken[] = [];
    for (let j = k + 1; j < close; j++) {
      if (tokens[j].text === '[') break;
      if (isIdent(tokens[j])) inner.push(tokens[j]);
    }
    // A function literal `func(x int) {...}` has no name after its parameters.
    if (!isIdent(tokens[close + 1]) || !(tokens[close + 2]?.text === '(' || tokens[close + 2]?.text === '[')) return undefined;
    receiver = inner[inner.length - 1]?.text;
    k = close + 1;
  }
  if (!isIdent(tokens[k])) return undefined;
  const name = tokens[k].text;
  let j = k + 1;
  let last = tokens.length - 1;
  while (j < tokens.length) {
    const t = tokens[j];
    if (t.text === '{') {
      const prev = tokens[j - 1]?.text;
      const close = matching(tokens, j);
      // `interface{}` or `struct{...}` in a result type is not the body.
      if (prev === 'interface' || prev === 'struct') {
        j = close + 1;
        continue;
      }
      last = close;
      break;
    }
    if (t.text === '(' || t.text === '[') {
      j = matching(tokens, j) + 1;
      continue;
    }
    if (t.virtual || t.text === ';') {
      // A declaration without a body (assembly stubs, or an interface-style listing).
      last = j - 1;
      break;
    }
    j++;
  }
  return { kind: receiver ? 'method' : 'func', names: [name], receiver, first: at, last, grouped: false };
}

function specNames(tokens: readonly GoToken[], from: number, to: number, kind: string): string[] {
  if (from > to || !isIdent(tokens[from])) return [];
  if (kind === 'type') return [tokens[from].text];
  const names: string[] = [];
  for (let k = from; k <= to; k++) {
    if (!isIdent(tokens[k])) break;
    names.push(tokens[k].text);
    if (tokens[k + 1]?.text !== ',') break;
    k++;
  }
  return names;
}
