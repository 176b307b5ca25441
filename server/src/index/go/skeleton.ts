// A Go file's outline without a syntax tree: package, imports and top-level declarations (with the
// exact text and range the tree-sitter extraction gives them). Most files of a workspace carry no
// facts; reading their outline costs a fraction of a parse, and the full extraction happens only
// if resolution needs one of their declarations or calls. Anything unusual (unbalanced brackets,
// an unexpected token at top level) gives up, and the caller parses the file instead.
import type { GoDecl } from '../../engine/types';
import { Declaration } from '../declaration';
import { FileText } from '../fileText';
import type { Position } from 'vscode-languageserver-types';
import { unescapeGo } from './expr';
import { defaultAlias } from './extract';

export interface GoSkeleton {
  pkg: string;
  /** Import alias → path, as the extraction reads them (blank and dot imports left out). */
  imports: Record<string, string>;
  decls: GoDecl[];
  /** Every name declared at top level: constants, variables, types, functions and methods. */
  names: Set<string>;
}

/**
 * Offsets to positions for offsets that only grow (declarations come in order): one pass over the
 * text instead of a table of every line start.
 */
class Positions {
  private offset = 0;
  private line = 0;
  private lineStart = 0;

  constructor(private readonly text: string) {}

  at(target: number): Position {
    if (target < this.offset) throw new Fail('positions out of order');
    for (let nl = this.text.indexOf('\n', this.offset); nl >= 0 && nl < target; nl = this.text.indexOf('\n', nl + 1)) {
      this.line++;
      this.lineStart = nl + 1;
    }
    this.offset = target;
    return { line: this.line, character: target - this.lineStart };
  }
}

const enum T {
  EOF,
  Ident,
  Literal,
  /** `(`, `[`, `{` */
  Open,
  /** `)`, `]`, `}` */
  Close,
  Semi,
  /** `++`, `--`: end a statement like a closer. */
  IncDec,
  Other,
}

class Fail extends Error {}

/** Keywords after which a line break inserts a semicolon (besides identifiers, literals, closers). */
const ENDING_KEYWORDS = new Set(['break', 'continue', 'fallthrough', 'return']);
const KEYWORDS = new Set([
  'break', 'case', 'chan', 'const', 'continue', 'default', 'defer', 'else', 'fallthrough', 'for', 'func', 'go', 'goto', 'if',
  'import', 'interface', 'map', 'package', 'range', 'return', 'select', 'struct', 'switch', 'type', 'var',
]);

/**
 * A pull lexer with Go's automatic semicolons: a line break after an identifier, literal, closer,
 * `++`/`--` or one of the ending keywords reads as `;`.
 */
class Lexer {
  pos = 0;
  type: T = T.EOF;
  start = 0;
  end = 0;
  /** Whether a line break here would end the statement. */
  private canEnd = false;

  constructor(readonly text: string) {}

  value(): string {
    return this.text.slice(this.start, this.end);
  }

  next(): T {
    const s = this.text;
    const n = s.length;
    for (;;) {
      if (this.pos >= n) {
        if (this.canEnd) return this.emitSemi(this.pos);
        this.type = T.EOF;
        this.start = this.end = n;
        return T.EOF;
      }
      const c = s.charCodeAt(this.pos);
      if (c === 10) {
        if (this.canEnd) return this.emitSemi(this.pos++);
        this.pos++;
        continue;
      }
      if (c === 32 || c === 9 || c === 13 || c === 0xfeff) {
        this.pos++;
        continue;
      }
      if (c === 47 /* / */) {
        const d = s.charCodeAt(this.pos + 1);
        if (d === 47) {
          const nl = s.indexOf('\n', this.pos);
          this.pos = nl < 0 ? n : nl;
          continue;
        }
        if (d === 42) {
          const close = s.indexOf('*/', this.pos + 2);
          if (close < 0) throw new Fail('unclosed comment');
          const hasNewline = s.lastIndexOf('\n', close) > this.pos;
          const at = this.pos;
          this.pos = close + 2;
          if (hasNewline && this.canEnd) return this.emitSemi(at);
          continue;
        }
      }
      return this.token(c);
    }
  }

  /**
   * From just after an opening bracket to just after its closer, looking only at brackets, strings
   * and comments: bodies are most of a file and nothing in them is needed. Returns the closer's end.
   */
  skipToCloser(open: number): number {
    const s = this.text;
    const n = s.length;
    const stack: number[] = [closerOf(open)];
    let i = this.pos;
    while (i < n) {
      // Runs of characters that open or close nothing are skipped by the regex engine at once.
      PLAIN.lastIndex = i;
      if (PLAIN.test(s)) {
        i = PLAIN.lastIndex;
        if (i >= n) break;
      }
      const c = s.charCodeAt(i);
      if (c === 40 || c === 91 || c === 123) {
        stack.push(closerOf(c));
        i++;
      } else if (c === 41 || c === 93 || c === 125) {
        if (stack.pop() !== c) throw new Fail('mismatched bracket');
        i++;
        if (stack.length === 0) {
          this.set(T.Close, i - 1, i, true);
          return i;
        }
      } else if (c === 34 || c === 39) {
        i++;
        while (i < n) {
          const d = s.charCodeAt(i);
          if (d === 92) i += 2;
          else if (d === c) break;
          else if (d === 10) throw new Fail('newline in literal');
          else i++;
        }
        if (i >= n) throw new Fail('unclosed literal');
        i++;
      } else if (c === 96) {
        const close = s.indexOf('`', i + 1);
        if (close < 0) throw new Fail('unclosed raw string');
        i = close + 1;
      } else if (c === 47 && s.charCodeAt(i + 1) === 47) {
        const nl = s.indexOf('\n', i);
        i = nl < 0 ? n : nl;
      } else if (c === 47 && s.charCodeAt(i + 1) === 42) {
        const close = s.indexOf('*/', i + 2);
        if (close < 0) throw new Fail('unclosed comment');
        i = close + 2;
      } else i++;
    }
    throw new Fail('unbalanced');
  }

  private emitSemi(at: number): T {
    this.canEnd = false;
    this.type = T.Semi;
    this.start = this.end = at;
    return T.Semi;
  }

  private set(type: T, start: number, end: number, canEnd: boolean): T {
    this.type = type;
    this.start = start;
    this.end = end;
    this.pos = end;
    this.canEnd = canEnd;
    return type;
  }

  private token(c: number): T {
    const s = this.text;
    const p = this.pos;
    if (isIdentStart(c)) {
      let e = p + 1;
      while (e < s.length && isIdentPart(s.charCodeAt(e))) e++;
      const word = s.slice(p, e);
      const kw = KEYWORDS.has(word);
      return this.set(T.Ident, p, e, !kw || ENDING_KEYWORDS.has(word));
    }
    if ((c >= 48 && c <= 57) || (c === 46 && isDigit(s.charCodeAt(p + 1)))) {
      let e = p + 1;
      while (e < s.length) {
        const d = s.charCodeAt(e);
        if (isIdentPart(d) || d === 46 || ((d === 43 || d === 45) && isNumberExponent(s, p, e))) e++;
        else break;
      }
      return this.set(T.Literal, p, e, true);
    }
    if (c === 34 /* " */ || c === 39 /* ' */) {
      let e = p + 1;
      while (e < s.length) {
        const d = s.charCodeAt(e);
        if (d === 92) e += 2;
        else if (d === c) break;
        else if (d === 10) throw new Fail('newline in literal');
        else e++;
      }
      if (e >= s.length) throw new Fail('unclosed literal');
      return this.set(T.Literal, p, e + 1, true);
    }
    if (c === 96 /* ` */) {
      const close = s.indexOf('`', p + 1);
      if (close < 0) throw new Fail('unclosed raw string');
      return this.set(T.Literal, p, close + 1, true);
    }
    if (c === 40 || c === 91 || c === 123) return this.set(T.Open, p, p + 1, false);
    if (c === 41 || c === 93 || c === 125) return this.set(T.Close, p, p + 1, true);
    if (c === 59) return this.set(T.Semi, p, p + 1, false);
    if ((c === 43 || c === 45) && s.charCodeAt(p + 1) === c) return this.set(T.IncDec, p, p + 2, true);
    if (c === 46 && s.startsWith('...', p)) return this.set(T.Other, p, p + 3, false);
    if (c < 128) {
      // Operators: their exact extent only matters for ranges, and a range never ends on one.
      return this.set(T.Other, p, p + 1, false);
    }
    throw new Fail('unexpected character');
  }
}

/** Anything but brackets, quotes and slashes. */
const PLAIN = /[^()[\]{}"'`/]+/y;

function closerOf(open: number): number {
  return open === 40 ? 41 : open === 91 ? 93 : 125;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (c >= 128 && c !== 0xfeff && /\p{L}/u.test(String.fromCharCode(c)));
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c) || (c >= 128 && /[\p{L}\p{N}\p{Mn}\p{Mc}]/u.test(String.fromCharCode(c)));
}

/** `1e-9`, `0x1p-2`: a sign right after an exponent letter belongs to the number. */
function isNumberExponent(s: string, start: number, at: number): boolean {
  const body = s.slice(start, at - 1);
  const letter = s[at - 1];
  if (/^0[xX]/.test(body)) return letter === 'p' || letter === 'P';
  return letter === 'e' || letter === 'E';
}

/** Reads an outline, or undefined when the file is not plainly well formed. */
export function scanGoSkeleton(path: string, text: string, source: FileText = FileText.of(path, text)): GoSkeleton | undefined {
  try {
    return new SkeletonReader(source, text).read();
  } catch (err) {
    if (err instanceof Fail) return undefined;
    throw err;
  }
}

class SkeletonReader {
  private readonly lx: Lexer;
  private readonly positions: Positions;
  private readonly out: GoSkeleton;

  constructor(
    private readonly source: FileText,
    private readonly text: string,
  ) {
    this.lx = new Lexer(text);
    this.positions = new Positions(text);
    this.out = { pkg: '', imports: {}, decls: [], names: new Set() };
  }

  /** The current token's type (a call, so the compiler does not narrow it across `next()`). */
  private t(): T {
    return this.lx.type;
  }

  read(): GoSkeleton {
    const lx = this.lx;
    lx.next();
    this.skipSemis();
    if (!this.isWord('package')) throw new Fail('no package clause');
    if (lx.next() !== T.Ident) throw new Fail('package name');
    this.out.pkg = lx.value();
    lx.next();
    this.endOfStatement();
    for (;;) {
      this.skipSemis();
      if (this.t() === T.EOF) return this.out;
      if (this.t() !== T.Ident) throw new Fail('top level');
      const word = lx.value();
      if (word === 'import') this.importDecl();
      else if (word === 'func') this.funcDecl();
      else if (word === 'type' || word === 'const' || word === 'var') this.genDecl(word);
      else throw new Fail(`top level ${word}`);
    }
  }

  private isWord(w: string): boolean {
    return this.t() === T.Ident && this.lx.value() === w;
  }

  private isPunct(ch: string): boolean {
    return this.t() !== T.EOF && this.t() !== T.Semi && this.lx.end - this.lx.start === 1 && this.text[this.lx.start] === ch;
  }

  private skipSemis(): void {
    while (this.t() === T.Semi) this.lx.next();
  }

  private endOfStatement(): void {
    if (this.t() === T.Semi) this.lx.next();
    else if (this.t() !== T.EOF) throw new Fail('statement end');
  }

  /** From an opening bracket (current token) to just after its closer; returns the closer's end. */
  private skipBalanced(): number {
    const lx = this.lx;
    const end = lx.skipToCloser(this.text.charCodeAt(lx.start));
    lx.next();
    return end;
  }

  private importDecl(): void {
    this.declGroup(() => this.importSpec());
  }

  private importSpec(): void {
    const lx = this.lx;
    let alias: string | undefined;
    if (this.t() === T.Ident) {
      alias = lx.value();
      lx.next();
    } else if (this.isPunct('.')) {
      alias = '.';
      lx.next();
    }
    if (this.t() !== T.Literal || !/^["`]/.test(this.text[lx.start])) throw new Fail('import path');
    const raw = lx.value();
    const path = raw[0] === '`' ? raw.slice(1, -1).replace(/\r/g, '') : unescapeGo(raw.slice(1, -1));
    lx.next();
    if (this.t() !== T.Semi && !this.isPunct(')')) throw new Fail('import spec end');
    const name = alias ?? defaultAlias(path);
    if (name !== '_' && name !== '.') this.out.imports[name] = path;
  }

  private funcDecl(): void {
    const lx = this.lx;
    const start = lx.start;
    lx.next();
    let receiver: string | undefined;
    let isMethod = false;
    if (this.isPunct('(')) {
      isMethod = true;
      receiver = this.receiverType();
    }
    if (this.t() !== T.Ident) throw new Fail('func name');
    const name = lx.value();
    lx.next();
    if (this.isPunct('[')) this.skipBalanced();
    if (!this.isPunct('(')) throw new Fail('parameters');
    let end = this.skipBalanced();
    // Results: a type or a parenthesised list; `struct {`/`interface {` braces belong to the type.
    for (;;) {
      if (this.t() === T.Semi || this.t() === T.EOF) break;
      if (this.isPunct('{')) {
        end = this.skipBalanced();
        break;
      }
      if (this.t() === T.Open) {
        end = this.skipBalanced();
        continue;
      }
      if (this.t() === T.Ident && (lx.value() === 'struct' || lx.value() === 'interface')) {
        lx.next();
        if (!this.isPunct('{')) throw new Fail('type body');
        end = this.skipBalanced();
        continue;
      }
      if (this.t() === T.Close) throw new Fail('stray closer');
      end = lx.end;
      lx.next();
    }
    this.endOfStatement();
    this.decl(name, isMethod ? 'method' : 'func', start, end, this.range(start, end), receiver);
  }

  /** `(s *Store[K])` → `Store`, as the extraction reads a receiver's type. */
  private receiverType(): string | undefined {
    const lx = this.lx;
    const from = lx.start;
    const to = this.skipBalanced();
    const inner = this.text.slice(from + 1, to - 1);
    // Comments inside a receiver are too odd to mirror: let the parser read this file.
    if (/\/[/*]|["'`]/.test(inner)) throw new Fail('receiver');
    const m = /^\s*(?:[\p{L}_][\p{L}\p{N}_]*\s+)?[*(\s]*([\p{L}_][\p{L}\p{N}_]*)\s*(?:\[[^\]]*\])?[)\s]*(?:,\s*)?$/u.exec(inner);
    if (inner.trim() === '') return undefined;
    if (!m) throw new Fail('receiver shape');
    return m[1];
  }

  private genDecl(kind: 'type' | 'const' | 'var'): void {
    this.declGroup((grouped) => this.spec(kind, grouped));
  }

  /** After `import`, `const`, `var` or `type`: one spec, or a parenthesised group of them. */
  private declGroup(spec: (grouped: boolean) => void): void {
    const lx = this.lx;
    lx.next();
    if (this.isPunct('(')) {
      lx.next();
      for (;;) {
        this.skipSemis();
        if (this.isPunct(')')) {
          lx.next();
          break;
        }
        if (this.t() === T.EOF) throw new Fail('unclosed group');
        spec(true);
      }
    } else spec(false);
    this.endOfStatement();
  }

  /** One spec: its names, and its range from the first name to the last token before its end. */
  private spec(kind: 'type' | 'const' | 'var', grouped: boolean): void {
    const lx = this.lx;
    if (this.t() !== T.Ident) throw new Fail('spec name');
    const start = lx.start;
    const names: string[] = [lx.value()];
    let end = lx.end;
    lx.next();
    if (kind !== 'type') {
      while (this.isPunct(',')) {
        lx.next();
        if (this.t() !== T.Ident) throw new Fail('name list');
        names.push(lx.value());
        end = lx.end;
        lx.next();
      }
    }
    for (;;) {
      if (this.t() === T.Semi || this.t() === T.EOF) break;
      if (grouped && this.isPunct(')')) break;
      if (this.t() === T.Open) {
        end = this.skipBalanced();
        continue;
      }
      if (this.t() === T.Close) throw new Fail('stray closer');
      if (this.t() === T.Ident && (lx.value() === 'struct' || lx.value() === 'interface')) {
        end = lx.end;
        lx.next();
        if (this.isPunct('{')) end = this.skipBalanced();
        continue;
      }
      end = lx.end;
      lx.next();
    }
    const range = this.range(start, end);
    for (const name of names) this.decl(name, kind, start, end, range);
  }

  private range(s: number, e: number): { start: Position; end: Position } {
    return { start: this.positions.at(s), end: this.positions.at(e) };
  }

  private decl(name: string, kind: GoDecl['kind'], s: number, e: number, range: { start: Position; end: Position }, receiver?: string): void {
    this.out.names.add(name);
    this.out.decls.push(Declaration.at(name, receiver, kind, this.source, s, e, range.start, range.end));
  }
}
