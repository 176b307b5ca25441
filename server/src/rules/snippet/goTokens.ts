// A small Go lexer for comparing snippets with code. Comments and whitespace carry no meaning for
// "is this the same code", so they are dropped; every token keeps its offset and line so a
// difference can be pointed at exactly. Semicolons Go would insert at line ends are added as
// virtual tokens (empty text) so declaration boundaries can be found without a full parser.

export interface GoToken {
  text: string;
  start: number;
  end: number;
  /** 0-based line within the lexed text. */
  line: number;
  /** True for a semicolon Go inserts at a line end; such tokens never take part in comparisons. */
  virtual?: boolean;
}

const KEYWORDS_ENDING_STATEMENT = new Set(['break', 'continue', 'fallthrough', 'return']);
const THREE = new Set(['...', '<<=', '>>=', '&^=']);
const TWO = new Set([':=', '<-', '&&', '||', '==', '!=', '<=', '>=', '<<', '>>', '&^', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '++', '--', '~']);

export function lexGo(text: string): GoToken[] {
  const out: GoToken[] = [];
  let line = 0;
  let i = 0;
  const n = text.length;
  const endsStatement = (t: GoToken | undefined): boolean => {
    if (!t || t.virtual) return false;
    const s = t.text;
    if (/^[A-Za-z_0-9"'`\u00c0-\uffff]/.test(s) || /^\.[0-9]/.test(s)) return !isKeywordNotEnding(s);
    return s === ')' || s === ']' || s === '}' || s === '++' || s === '--';
  };
  const newline = (at: number) => {
    const last = out[out.length - 1];
    if (last && last.line === line && endsStatement(last)) out.push({ text: '', start: at, end: at, line, virtual: true });
    line++;
  };
  while (i < n) {
    const c = text[i];
    if (c === '\n') {
      newline(i);
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') {
      i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const stop = close < 0 ? n : close + 2;
      // A block comment spanning lines acts as a newline for semicolon insertion.
      for (let k = i; k < stop; k++) if (text[k] === '\n') newline(k);
      i = stop;
      continue;
    }
    const start = i;
    const startLine = line;
    if (c === '"' || c === "'") {
      i++;
      while (i < n && text[i] !== c && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      if (text[i] === c) i++;
    } else if (c === '`') {
      const close = text.indexOf('`', i + 1);
      i = close < 0 ? n : close + 1;
      for (let k = start; k < i; k++) if (text[k] === '\n') line++;
    } else if (/[A-Za-z_\u00c0-\uffff]/.test(c)) {
      while (i < n && /[A-Za-z0-9_\u00c0-\uffff]/.test(text[i])) i++;
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      i++;
      const hex = /^0[xX]/.test(text.slice(start, start + 2));
      while (i < n) {
        // An exponent sign belongs to the number: 1e+9, 0x1p-2.
        const exponent = hex ? /[pP]/ : /[eE]/;
        if (exponent.test(text[i]) && /[+-]/.test(text[i + 1] ?? '')) {
          i += 2;
          continue;
        }
        if (/[0-9A-Za-z_.]/.test(text[i])) i++;
        else break;
      }
    } else if (THREE.has(text.slice(i, i + 3))) i += 3;
    else if (TWO.has(text.slice(i, i + 2))) i += 2;
    else i++;
    out.push({ text: text.slice(start, i), start, end: i, line: startLine });
  }
  newline(n);
  return out;
}

function isKeywordNotEnding(s: string): boolean {
  if (KEYWORDS_ENDING_STATEMENT.has(s)) return false;
  return GO_KEYWORDS.has(s);
}

const GO_KEYWORDS = new Set([
  'break', 'case', 'chan', 'const', 'continue', 'default', 'defer', 'else', 'fallthrough', 'for', 'func', 'go', 'goto',
  'if', 'import', 'interface', 'map', 'package', 'range', 'return', 'select', 'struct', 'switch', 'type', 'var',
]);

/** The tokens that carry meaning: no virtual semicolons. */
export function realTokens(tokens: readonly GoToken[]): GoToken[] {
  return tokens.filter((t) => !t.virtual);
}

/** Token texts joined by one space: formatting-insensitive text for equality and search. */
export function normalise(tokens: readonly GoToken[]): string {
  return realTokens(tokens)
    .map((t) => t.text)
    .join(' ');
}

export function sameTokens(a: readonly GoToken[], b: readonly GoToken[]): boolean {
  const x = realTokens(a);
  const y = realTokens(b);
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i].text !== y[i].text) return false;
  return true;
}
