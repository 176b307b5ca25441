// A tolerant structural reader for .proto text that keeps exact offsets. protobufjs validates whole
// files but reports no positions, and Markdown blocks are often fragments (a service alone, fields
// with `...` between them) that no strict parser accepts. Both the code and the docs go through
// this one reader, so a comparison never differs only because two parsers read the same text
// differently.

export interface Span {
  start: number;
  end: number;
}

export interface ScannedRpc extends Span {
  name: string;
  nameSpan: Span;
  requestType: string;
  requestStream: boolean;
  responseType: string;
  responseStream: boolean;
}

export interface ScannedService extends Span {
  name: string;
  nameSpan: Span;
  rpcs: ScannedRpc[];
  /** Offset just after `{`, and of the closing `}` (end of text when it is missing). */
  bodyStart: number;
  closeStart: number;
  /** The body holds `...` or a `// ...` comment: it shows only part of the definition. */
  elided: boolean;
}

export interface ScannedField extends Span {
  name: string;
  type: string;
  id: number;
  rule?: 'repeated' | 'optional' | 'required';
  keyType?: string;
  oneof?: string;
}

export interface ScannedOneof extends Span {
  name: string;
  bodyStart: number;
  closeStart: number;
}

export interface ScannedMessage extends Span {
  name: string;
  nameSpan: Span;
  /** Dotted path from the file's top level, e.g. `TelemetryFrame.Location`. */
  path: string;
  fields: ScannedField[];
  oneofs: ScannedOneof[];
  bodyStart: number;
  closeStart: number;
  elided: boolean;
  /** Depth of nesting: 0 for a top-level message. */
  depth: number;
}

export interface ScannedEnumValue extends Span {
  name: string;
  number: number;
}

export interface ScannedEnum extends Span {
  name: string;
  nameSpan: Span;
  path: string;
  values: ScannedEnumValue[];
  bodyStart: number;
  closeStart: number;
  elided: boolean;
  depth: number;
}

export interface ScannedProto {
  syntax?: string;
  edition?: string;
  package?: string;
  goPackage?: string;
  imports: string[];
  services: ScannedService[];
  /** Nested messages included, outer before inner. */
  messages: ScannedMessage[];
  enums: ScannedEnum[];
  /** `rpc` lines outside any service (a doc showing methods alone). */
  orphanRpcs: ScannedRpc[];
  /** Offsets of `...` elisions and elision comments. */
  elisions: number[];
  /** Statements the reader did not understand and skipped. */
  skipped: Span[];
  /** Top-level statements in order, for telling a block of plain copies from prose-like text. */
  topLevel: { kind: 'syntax' | 'package' | 'import' | 'option' | 'service' | 'message' | 'enum' | 'extend' | 'rpc' | 'other'; span: Span }[];
}

type TokenKind = 'ident' | 'number' | 'string' | 'punct' | 'ellipsis';

interface Token {
  kind: TokenKind;
  value: string;
  start: number;
  end: number;
}

const ELISION_COMMENT = /\.\.\.|…|\b(etc|omitted|elided|truncated|abridged|and so on|more fields|other fields|other rpcs|more rpcs)\b/i;

function tokenize(text: string, elisions: number[]): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v') {
      i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      let j = text.indexOf('\n', i);
      if (j < 0) j = n;
      if (ELISION_COMMENT.test(text.slice(i + 2, j))) elisions.push(i);
      i = j;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      let j = text.indexOf('*/', i + 2);
      j = j < 0 ? n : j + 2;
      if (ELISION_COMMENT.test(text.slice(i + 2, j - 2))) elisions.push(i);
      i = j;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < n && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      j = Math.min(n, j + 1);
      tokens.push({ kind: 'string', value: unquote(text.slice(i, j)), start: i, end: j });
      i = j;
      continue;
    }
    if (text.startsWith('...', i) || c === '…') {
      let j = c === '…' ? i + 1 : i + 3;
      while (j < n && (text[j] === '.' || text[j] === '…')) j++;
      tokens.push({ kind: 'ellipsis', value: '...', start: i, end: j });
      elisions.push(i);
      i = j;
      continue;
    }
    const ident = /^\.?[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/y;
    ident.lastIndex = 0;
    const rest = text.slice(i, i + 512);
    const im = ident.exec(rest);
    if (im && (c !== '.' || /[A-Za-z_]/.test(text[i + 1] ?? ''))) {
      tokens.push({ kind: 'ident', value: im[0], start: i, end: i + im[0].length });
      i += im[0].length;
      continue;
    }
    const nm = /^(?:0[xX][0-9a-fA-F]+|[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)/.exec(rest);
    if (nm) {
      tokens.push({ kind: 'number', value: nm[0], start: i, end: i + nm[0].length });
      i += nm[0].length;
      continue;
    }
    tokens.push({ kind: 'punct', value: c, start: i, end: i + 1 });
    i++;
  }
  return tokens;
}

function spanOf(t: Token): Span {
  return { start: t.start, end: t.end };
}

function unquote(s: string): string {
  const body = s.length >= 2 && s[s.length - 1] === s[0] ? s.slice(1, -1) : s.slice(1);
  return body.replace(/\\(.)/g, '$1');
}

function parseIntLiteral(s: string): number {
  if (/^0[xX]/.test(s)) return parseInt(s.slice(2), 16);
  if (/^0[0-7]+$/.test(s)) return parseInt(s, 8);
  return Number(s);
}

const LABELS = new Set(['repeated', 'optional', 'required']);

class Reader {
  private pos = 0;
  readonly out: ScannedProto;

  constructor(
    private readonly text: string,
    private readonly toks: Token[],
    elisions: number[],
  ) {
    this.out = { imports: [], services: [], messages: [], enums: [], orphanRpcs: [], elisions, skipped: [], topLevel: [] };
  }

  private peek(k = 0): Token | undefined {
    return this.toks[this.pos + k];
  }

  private is(value: string, k = 0): boolean {
    const t = this.peek(k);
    return !!t && t.value === value && t.kind !== 'string';
  }

  private isIdent(k = 0): boolean {
    return this.peek(k)?.kind === 'ident';
  }

  private next(): Token | undefined {
    return this.toks[this.pos++];
  }

  private get eof(): boolean {
    return this.pos >= this.toks.length;
  }

  private lastEnd(): number {
    return this.toks[this.pos - 1]?.end ?? 0;
  }

  /** Skips one statement: up to and including `;` at this depth, or one balanced `{...}` group. */
  private skipStatement(): Span {
    const start = this.peek()?.start ?? this.text.length;
    let depth = 0;
    while (!this.eof) {
      const t = this.peek()!;
      if (t.kind === 'punct' && t.value === '}' && depth === 0) break;
      this.pos++;
      if (t.kind !== 'punct') continue;
      if (t.value === '{' || t.value === '(' || t.value === '[') depth++;
      else if (t.value === '}' || t.value === ')' || t.value === ']') {
        depth--;
        if (depth === 0 && t.value === '}') {
          if (this.is(';')) this.pos++;
          break;
        }
      } else if (t.value === ';' && depth <= 0) break;
    }
    const span = { start, end: Math.max(start, this.lastEnd()) };
    this.out.skipped.push(span);
    return span;
  }

  /** Skips a balanced group opened by the current token (`{`, `[`, `(`, `<`). */
  private skipBalanced(): void {
    const open = this.next()!.value;
    const close = { '{': '}', '[': ']', '(': ')', '<': '>' }[open];
    let depth = 1;
    while (!this.eof && depth > 0) {
      const t = this.next()!;
      if (t.kind !== 'punct') continue;
      if (t.value === open) depth++;
      else if (t.value === close) depth--;
    }
  }

  /** Reads `{` and reports the body's start; tolerates a missing brace. */
  private openBody(): number {
    if (this.is('{')) {
      const t = this.next()!;
      return t.end;
    }
    return this.lastEnd();
  }

  /** Consumes the closing `}` if present; returns its offset (end of text when absent). */
  private closeBody(): { closeStart: number; end: number } {
    if (this.is('}')) {
      const t = this.next()!;
      return { closeStart: t.start, end: t.end };
    }
    return { closeStart: this.text.length, end: this.lastEnd() };
  }

  readFile(): ScannedProto {
    while (!this.eof) {
      const t = this.peek()!;
      const start = t.start;
      const kind = this.topStatement();
      if (kind) this.out.topLevel.push({ kind, span: { start, end: this.lastEnd() } });
    }
    return this.out;
  }

  private topStatement(): ScannedProto['topLevel'][number]['kind'] | undefined {
    const t = this.peek()!;
    if (t.kind === 'ellipsis' || this.is(';')) {
      this.pos++;
      return undefined;
    }
    if (this.is('}')) {
      // A stray brace from a fragment (a message shown without its opening line).
      this.pos++;
      return 'other';
    }
    if (t.kind === 'ident') {
      switch (t.value) {
        case 'syntax':
        case 'edition':
          if (this.is('=', 1)) {
            this.pos += 2;
            const v = this.next();
            if (v?.kind === 'string') {
              if (t.value === 'syntax') this.out.syntax = v.value;
              else this.out.edition = v.value;
            }
            if (this.is(';')) this.pos++;
            return 'syntax';
          }
          break;
        case 'package':
          if (this.isIdent(1)) {
            this.pos++;
            this.out.package = this.next()!.value;
            if (this.is(';')) this.pos++;
            return 'package';
          }
          break;
        case 'import':
          this.pos++;
          if (this.is('weak') || this.is('public') || this.is('option')) this.pos++;
          if (this.peek()?.kind === 'string') this.out.imports.push(this.next()!.value);
          if (this.is(';')) this.pos++;
          return 'import';
        case 'option': {
          const o = this.readOption();
          if (o?.name === 'go_package' && o.value !== undefined) this.out.goPackage = o.value;
          return 'option';
        }
        case 'message':
          if (this.isIdent(1)) {
            this.readMessage('', 0);
            return 'message';
          }
          break;
        case 'enum':
          if (this.isIdent(1)) {
            this.readEnum('', 0);
            return 'enum';
          }
          break;
        case 'service':
          if (this.isIdent(1)) {
            this.readService();
            return 'service';
          }
          break;
        case 'extend':
          this.skipStatement();
          return 'extend';
        case 'rpc':
          if (this.isIdent(1)) {
            const rpc = this.readRpc();
            if (rpc) {
              this.out.orphanRpcs.push(rpc);
              return 'rpc';
            }
            return 'other';
          }
          break;
        default:
          break;
      }
    }
    this.skipStatement();
    return 'other';
  }

  private readOption(): { name: string; value?: string } | undefined {
    this.pos++; // option
    const nameParts: string[] = [];
    while (!this.eof && !this.is('=') && !this.is(';') && !this.is('}')) {
      if (this.is('(')) {
        const s = this.peek()!.start;
        this.skipBalanced();
        nameParts.push(this.text.slice(s, this.lastEnd()));
      } else nameParts.push(this.next()!.value);
    }
    let value: string | undefined;
    if (this.is('=')) {
      this.pos++;
      if (this.is('{')) this.skipBalanced();
      else {
        const v = this.next();
        value = v?.value;
        // A negative number or a dotted constant can take more than one token.
        while (!this.eof && !this.is(';') && !this.is('}') && !this.is(']')) this.pos++;
      }
    }
    if (this.is(';')) this.pos++;
    return { name: nameParts.join(''), value };
  }

  private containerElided(bodyStart: number, closeStart: number, innerSpans: Span[]): boolean {
    return this.out.elisions.some((e) => e >= bodyStart && e < closeStart && !innerSpans.some((s) => e >= s.start && e < s.end));
  }

  private readService(): void {
    const start = this.next()!.start; // service
    const nameTok = this.next()!;
    const name = nameTok.value;
    const bodyStart = this.openBody();
    const rpcs: ScannedRpc[] = [];
    while (!this.eof && !this.is('}')) {
      const t = this.peek()!;
      if (t.kind === 'ellipsis' || this.is(';')) {
        this.pos++;
        continue;
      }
      if (this.is('rpc') && this.isIdent(1)) {
        const rpc = this.readRpc();
        if (rpc) rpcs.push(rpc);
        continue;
      }
      if (this.is('option')) {
        this.readOption();
        continue;
      }
      // Another definition means the service's closing brace is missing (a cut fragment).
      if ((this.is('message') || this.is('enum') || this.is('service')) && this.isIdent(1) && this.is('{', 2)) break;
      this.skipStatement();
    }
    const { closeStart, end } = this.closeBody();
    this.out.services.push({ name, nameSpan: spanOf(nameTok), rpcs, start, end, bodyStart, closeStart, elided: this.containerElided(bodyStart, closeStart, []) });
  }

  private readRpc(): ScannedRpc | undefined {
    const from = this.pos;
    const start = this.next()!.start; // rpc
    const nameTok = this.next()!;
    const name = nameTok.value;
    const side = (): { type: string; stream: boolean } | undefined => {
      if (!this.is('(')) return undefined;
      this.pos++;
      let stream = false;
      if (this.is('stream') && this.isIdent(1)) {
        stream = true;
        this.pos++;
      }
      if (!this.isIdent()) return undefined;
      const type = this.next()!.value;
      if (!this.is(')')) return undefined;
      this.pos++;
      return { type, stream };
    };
    const req = side();
    const returns = req && this.is('returns') ? (this.pos++, true) : false;
    const resp = returns ? side() : undefined;
    if (!req || !resp) {
      this.pos = from;
      this.skipStatement();
      return undefined;
    }
    if (this.is('{')) {
      this.skipBalanced();
      if (this.is(';')) this.pos++;
    } else if (this.is(';')) this.pos++;
    return { name, nameSpan: spanOf(nameTok), requestType: req.type, requestStream: req.stream, responseType: resp.type, responseStream: resp.stream, start, end: this.lastEnd() };
  }

  private readMessage(parentPath: string, depth: number, group?: { start: number; name: string; nameSpan: Span }): ScannedMessage {
    let start: number;
    let name: string;
    let nameSpan: Span;
    if (group) {
      start = group.start;
      name = group.name;
      nameSpan = group.nameSpan;
    } else {
      start = this.next()!.start; // message
      const nameTok = this.next()!;
      name = nameTok.value;
      nameSpan = spanOf(nameTok);
    }
    const path = parentPath ? `${parentPath}.${name}` : name;
    const bodyStart = this.openBody();
    const msg: ScannedMessage = { name, nameSpan, path, fields: [], oneofs: [], start, end: start, bodyStart, closeStart: bodyStart, elided: false, depth };
    this.out.messages.push(msg);
    const inner: Span[] = [];
    this.readMessageBody(msg, inner, undefined);
    const { closeStart, end } = this.closeBody();
    msg.closeStart = closeStart;
    msg.end = end;
    msg.elided = this.containerElided(bodyStart, closeStart, inner);
    return msg;
  }

  private readMessageBody(msg: ScannedMessage, inner: Span[], oneof: string | undefined): void {
    while (!this.eof && !this.is('}')) {
      const t = this.peek()!;
      if (t.kind === 'ellipsis' || this.is(';')) {
        this.pos++;
        continue;
      }
      if (t.kind !== 'ident') {
        this.skipStatement();
        continue;
      }
      const nestedStart = t.start;
      if (!oneof && (t.value === 'message' || t.value === 'enum') && this.isIdent(1) && this.is('{', 2)) {
        if (t.value === 'message') this.readMessage(msg.path, msg.depth + 1);
        else this.readEnum(msg.path, msg.depth + 1);
        inner.push({ start: nestedStart, end: this.lastEnd() });
        continue;
      }
      if (!oneof && t.value === 'oneof' && this.isIdent(1) && this.is('{', 2)) {
        this.pos++;
        const name = this.next()!.value;
        const bodyStart = this.openBody();
        this.readMessageBody(msg, inner, name);
        const { closeStart, end } = this.closeBody();
        msg.oneofs.push({ name, start: nestedStart, end, bodyStart, closeStart });
        continue;
      }
      if (t.value === 'option') {
        this.readOption();
        continue;
      }
      if ((t.value === 'reserved' || t.value === 'extensions') && !this.is('=', 2)) {
        this.skipStatement();
        continue;
      }
      if (t.value === 'extend' && this.isIdent(1) && this.is('{', 2)) {
        const s = this.skipStatement();
        inner.push(s);
        continue;
      }
      const field = this.readField(msg, oneof, inner);
      if (!field) this.skipStatement();
    }
  }

  private readField(msg: ScannedMessage, oneof: string | undefined, inner: Span[]): ScannedField | undefined {
    const from = this.pos;
    const start = this.peek()!.start;
    let rule: ScannedField['rule'];
    if (LABELS.has(this.peek()!.value) && (this.isIdent(1) || this.is('map', 1))) rule = this.next()!.value as ScannedField['rule'];
    let type: string;
    let keyType: string | undefined;
    if (this.is('map') && this.is('<', 1)) {
      this.pos += 2;
      if (!this.isIdent()) return this.fail(from);
      keyType = this.next()!.value;
      if (!this.is(',')) return this.fail(from);
      this.pos++;
      if (!this.isIdent()) return this.fail(from);
      type = this.next()!.value;
      if (!this.is('>')) return this.fail(from);
      this.pos++;
    } else if (this.is('group') && this.isIdent(1) && this.is('=', 2)) {
      // proto2 group: a field named after the lower-cased group, typed by a nested message.
      this.pos++;
      const groupTok = this.next()!;
      const groupName = groupTok.value;
      this.pos++; // =
      const num = this.readNumber();
      if (num === undefined) return this.fail(from);
      if (this.is('[')) this.skipBalanced();
      const nested = this.readMessage(msg.path, msg.depth + 1, { start, name: groupName, nameSpan: spanOf(groupTok) });
      inner.push({ start: nested.start, end: nested.end });
      const field: ScannedField = { name: groupName.toLowerCase(), type: groupName, id: num, rule, oneof, start, end: this.lastEnd() };
      msg.fields.push(field);
      return field;
    } else if (this.isIdent()) {
      type = this.next()!.value;
    } else return this.fail(from);
    if (!this.isIdent() || !this.is('=', 1)) return this.fail(from);
    const name = this.next()!.value;
    this.pos++; // =
    const id = this.readNumber();
    if (id === undefined) return this.fail(from);
    if (this.is('[')) this.skipBalanced();
    if (this.is(';')) this.pos++;
    const field: ScannedField = { name, type, id, rule, keyType, oneof, start, end: this.lastEnd() };
    msg.fields.push(field);
    return field;
  }

  private readNumber(): number | undefined {
    let sign = 1;
    if (this.is('-')) {
      sign = -1;
      this.pos++;
    }
    const t = this.peek();
    if (t?.kind !== 'number') return undefined;
    this.pos++;
    const n = parseIntLiteral(t.value);
    return Number.isFinite(n) ? sign * n : undefined;
  }

  private fail(from: number): undefined {
    this.pos = from;
    return undefined;
  }

  private readEnum(parentPath: string, depth: number): void {
    const start = this.next()!.start; // enum
    const nameTok = this.next()!;
    const name = nameTok.value;
    const path = parentPath ? `${parentPath}.${name}` : name;
    const bodyStart = this.openBody();
    const values: ScannedEnumValue[] = [];
    while (!this.eof && !this.is('}')) {
      const t = this.peek()!;
      if (t.kind === 'ellipsis' || this.is(';')) {
        this.pos++;
        continue;
      }
      if (this.is('option') || this.is('reserved')) {
        this.skipStatement();
        continue;
      }
      if (t.kind === 'ident' && this.is('=', 1)) {
        const from = this.pos;
        this.pos += 2;
        const num = this.readNumber();
        if (num === undefined) {
          this.pos = from;
          this.skipStatement();
          continue;
        }
        if (this.is('[')) this.skipBalanced();
        if (this.is(';')) this.pos++;
        values.push({ name: t.value, number: num, start: t.start, end: this.lastEnd() });
        continue;
      }
      if ((this.is('message') || this.is('enum') || this.is('service')) && this.isIdent(1) && this.is('{', 2)) break;
      this.skipStatement();
    }
    const { closeStart, end } = this.closeBody();
    this.out.enums.push({ name, nameSpan: spanOf(nameTok), path, values, start, end, bodyStart, closeStart, elided: this.containerElided(bodyStart, closeStart, []), depth });
  }
}

/** Reads the structure of .proto text; never throws, skips what it does not understand. */
export function scanProto(text: string): ScannedProto {
  const elisions: number[] = [];
  const toks = tokenize(text, elisions);
  return new Reader(text, toks, elisions).readFile();
}
