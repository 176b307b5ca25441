// Parses a Markdown document once into the shapes claim rules read: sections, tables, list items,
// paragraphs, inline code and fenced blocks, each with exact LSP ranges into the original text.
import type { Root, RootContent, Nodes, Table, Code, Heading, ListItem, Paragraph, InlineCode, Html, Link, Image, Definition } from 'mdast';
import type { Range } from '../engine/types';
import { LineIndex } from '../engine/lineIndex';
import { memoize } from '../engine/memo';
import { moveRange } from '../engine/ranges';
import { joinSections, MarkdownSectionCache, type ParsedSection } from './sectionCache';
import { shifted } from './shiftedNodes';

export interface Section {
  title: string;
  depth: number;
  /** Offset range of the heading text itself. */
  headingRange: Range;
  start: number;
  end: number;
}

/** Inline code, with where it sits so rules can tell a claim from a passing mention. */
export interface InlineCodeRef {
  value: string;
  /** A table cell's bare identifier, read as code though it has no backticks. */
  bare?: boolean;
  /** Range of the code text, without backticks. */
  range: Range;
  start: number;
  end: number;
  container: BlockRef;
}

/** A block of text a claim can live in: a paragraph, a list item's own text, a heading, a table cell. */
export interface BlockRef {
  kind: 'paragraph' | 'list-item' | 'heading' | 'table-cell';
  /** Plain text (inline code kept without backticks). */
  text: string;
  start: number;
  end: number;
  inlineCodes: InlineCodeRef[];
  /** For table cells. */
  table?: TableRef;
  row?: number;
  column?: number;
}

export interface TableCellRef extends BlockRef {
  kind: 'table-cell';
}

export interface TableRef {
  /** Header texts, lower-cased and trimmed. */
  header: string[];
  /** Body rows (the header row excluded). */
  rows: TableCellRef[][];
  start: number;
  end: number;
  range: Range;
}

export interface CodeBlockRef {
  lang: string;
  meta: string;
  value: string;
  /** Offset of the first character of the content (line after the opening fence). */
  contentStart: number;
  start: number;
  end: number;
  range: Range;
}

export interface HtmlCommentRef {
  text: string;
  start: number;
  end: number;
  line: number;
}

export class DocModel {
  readonly lines: LineIndex;
  readonly sections: Section[] = [];
  readonly blocks: BlockRef[] = [];
  readonly tables: TableRef[] = [];
  readonly codeBlocks: CodeBlockRef[] = [];
  readonly comments: HtmlCommentRef[] = [];
  readonly title?: Section;
  private readonly parsed: readonly ParsedSection[];
  /** Indices of the parsed sections whose claims this model holds; all of them when undefined. */
  private readonly focus?: ReadonlySet<number>;
  /** Offset of the section being read: section trees keep positions relative to their section. */
  private delta = 0;
  /** While reading a section outside the focus: headings and comments are kept, claims are not. */
  private outlineOnly = false;
  private joined?: Root;
  private linkNodes?: (Link | Image | Definition)[];
  /** Per heading, itself and its ancestors: the answer of `headingsAt` for offsets under it. */
  private chains?: Section[][];

  constructor(
    readonly uri: string,
    readonly text: string,
    /** Hosts that re-check a document as it is edited pass its section cache, or its sections already parsed. */
    sections: MarkdownSectionCache | readonly ParsedSection[] = new MarkdownSectionCache(),
    /** An already parsed tree of the whole text (positions absolute). */
    root?: Root,
    /**
     * Read the claims of these sections only (indices into the parsed sections). Headings and
     * comments of every section are still read, so a claim's context is the whole document's.
     */
    focus?: ReadonlySet<number>,
  ) {
    this.parsed = root ? [{ tree: root, text, offset: 0, line: 0 }] : Array.isArray(sections) ? sections : (sections as MarkdownSectionCache).parseSections(text);
    this.joined = root;
    this.focus = root ? undefined : focus;
    this.lines = new LineIndex(text);
    this.parsed.forEach((s, i) => {
      this.delta = s.offset;
      this.outlineOnly = !this.inFocus(i);
      if (this.outlineOnly) this.readOutline(s);
      else for (const node of s.tree.children) this.visit(node);
    });
    this.delta = 0;
    this.outlineOnly = false;
    // Headings come in document order: a section ends where the next heading of its depth or
    // shallower begins, which one pass from the end finds for all of them.
    const open: Section[] = [];
    for (let i = this.sections.length - 1; i >= 0; i--) {
      const s = this.sections[i];
      while (open.length && open[open.length - 1].depth > s.depth) open.pop();
      s.end = open.length ? open[open.length - 1].start : text.length;
      open.push(s);
    }
    this.title = this.sections.find((s) => s.depth === 1) ?? this.sections[0];
  }

  /**
   * Headings and comments of a section outside the focus. They are the same wherever the section
   * sits, so they are read once per section tree and moved to where it is now.
   */
  private readOutline(s: ParsedSection): void {
    const line = this.lines.positionAt(s.offset).line;
    let outline = outlines.get(s.tree);
    if (!outline) {
      const [sections, comments] = [this.sections.length, this.comments.length];
      for (const node of outlineNodes(s.tree)) this.visit(node);
      outline = {
        sections: this.sections.splice(sections).map((h) => ({ ...h, headingRange: moveRange(h.headingRange, -line), start: h.start - s.offset })),
        comments: this.comments.splice(comments).map((c) => ({ ...c, start: c.start - s.offset, end: c.end - s.offset, line: c.line - line })),
      };
      outlines.set(s.tree, outline);
    }
    for (const h of outline.sections) this.sections.push({ ...h, headingRange: moveRange(h.headingRange, line), start: h.start + s.offset, end: this.text.length });
    for (const c of outline.comments) this.comments.push({ ...c, start: c.start + s.offset, end: c.end + s.offset, line: c.line + line });
  }

  private inFocus(sectionIndex: number): boolean {
    return !this.focus || this.focus.has(sectionIndex);
  }

  /** The text cut at its headings, each piece with its own tree (see MarkdownSectionCache). */
  get parsedSections(): readonly ParsedSection[] {
    return this.parsed;
  }

  /** Whether this model holds the claims of every section. */
  get holdsAllClaims(): boolean {
    return !this.focus;
  }

  /** Offset spans of the sections whose claims this model holds, in document order. */
  private get focusSpans(): readonly { start: number; end: number }[] {
    if (this.spans) return this.spans;
    const spans: { start: number; end: number }[] = [];
    this.parsed.forEach((s, i) => {
      if (this.inFocus(i)) spans.push({ start: s.offset, end: s.offset + s.text.length });
    });
    return (this.spans = spans);
  }

  private spans?: readonly { start: number; end: number }[];

  /**
   * Whether the whole text contains `s` anywhere. Rules ask this instead of searching `text`, so a
   * host that keeps a section's results can tell when an edit elsewhere changes an answer.
   */
  mentions(s: string): boolean {
    let answer = this.mentionsAsked.get(s);
    if (answer === undefined) this.mentionsAsked.set(s, (answer = this.mentionOracle ? this.mentionOracle(s) : this.text.includes(s)));
    return answer;
  }

  /** Set by a host that answers `mentions` faster than a search of the whole text (see MentionIndex). */
  mentionOracle?: (s: string) => boolean;

  /** Every `mentions` question asked of this model so far, with its answer. */
  readonly mentionsAsked = new Map<string, boolean>();

  /** Whether the claims at an offset are among those this model holds. */
  holdsClaimsAt(offset: number): boolean {
    if (!this.focus) return true;
    return this.focusSpans.some((s) => s.start <= offset && offset < s.end) || (offset === this.text.length && this.inFocus(this.parsed.length - 1));
  }

  /** The Markdown tree of the whole text, positions absolute; built on first use. */
  get root(): Root {
    return (this.joined ??= joinSections(this.parsed, this.text));
  }

  /** Links, images and link definitions anywhere in the text, in document order, positions absolute. */
  get links(): readonly (Link | Image | Definition)[] {
    if (this.linkNodes) return this.linkNodes;
    const out: (Link | Image | Definition)[] = [];
    const visit = (n: Nodes, offset: number, line: number): void => {
      if (n.type === 'link' || n.type === 'image' || n.type === 'definition') {
        out.push(shifted(n, offset, line));
      }
      if ('children' in n) for (const c of n.children as Nodes[]) visit(c, offset, line);
    };
    this.parsed.forEach((s, i) => {
      if (this.inFocus(i)) for (const c of s.tree.children) visit(c, s.offset, s.line);
    });
    return (this.linkNodes = out);
  }

  range(start: number, end: number): Range {
    return { start: this.lines.positionAt(start), end: this.lines.positionAt(end) };
  }

  /** The headings enclosing an offset, innermost first. */
  headingsAt(offset: number): Section[] {
    // The innermost is the last heading at or before the offset; the others are its ancestors
    // (each one the nearest heading above of smaller depth), which is all a section's end allows.
    const list = this.sections;
    let lo = 0;
    let hi = list.length - 1;
    let k = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].start <= offset) {
        k = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (k < 0 || offset >= list[k].end) return [];
    this.chains ??= [];
    let chain = this.chains[k];
    if (!chain) {
      chain = [list[k]];
      for (let i = k - 1, depth = list[k].depth; i >= 0 && depth > 1; i--) {
        if (list[i].depth < depth) {
          chain.push(list[i]);
          depth = list[i].depth;
        }
      }
      this.chains[k] = chain;
    }
    return chain.filter((s) => offset < s.end);
  }

  /** Text of the line holding an offset. */
  lineTextAt(offset: number): string {
    const line = this.lines.positionAt(offset).line;
    return this.lines.lineText(line);
  }

  private visit(node: RootContent): void {
    switch (node.type) {
      case 'heading':
        this.addHeading(node);
        break;
      case 'paragraph':
        this.addBlock(this.block('paragraph', node));
        break;
      case 'list':
        for (const item of node.children) this.addListItem(item);
        break;
      case 'blockquote':
        for (const child of node.children) this.visit(child);
        break;
      case 'table':
        this.addTable(node);
        break;
      case 'code':
        this.addCode(node);
        break;
      case 'html':
        this.addHtml(node);
        break;
      default:
        break;
    }
  }

  /** Claims of sections outside the focus are read for their comments only, then dropped. */
  private addBlock(b: BlockRef): void {
    if (!this.outlineOnly) this.blocks.push(b);
  }

  private addHeading(node: Heading): void {
    const b = this.block('heading', node);
    this.addBlock(b);
    const [start, end] = this.span(node);
    const first = node.children[0]?.position?.start.offset;
    const last = node.children[node.children.length - 1]?.position?.end.offset;
    const textStart = first === undefined ? start : first + this.delta;
    const textEnd = last === undefined ? end : last + this.delta;
    this.sections.push({ title: b.text, depth: node.depth, headingRange: this.range(textStart, textEnd), start, end: this.text.length });
  }

  private addListItem(item: ListItem): void {
    for (const child of item.children) {
      if (child.type === 'paragraph') this.addBlock(this.block('list-item', child));
      else this.visit(child as RootContent);
    }
  }

  private addTable(node: Table): void {
    const [start, end] = this.span(node);
    const table: TableRef = { header: [], rows: [], start, end, range: this.range(start, end) };
    node.children.forEach((row, r) => {
      const cells = row.children.map((cell, c) => {
        const b = this.block('table-cell', cell) as TableCellRef;
        if (r > 0) this.bareIdentifier(b);
        b.table = table;
        b.row = r - 1;
        b.column = c;
        return b;
      });
      if (r === 0) table.header = cells.map((c) => c.text.trim().toLowerCase());
      else {
        table.rows.push(cells);
        for (const c of cells) this.addBlock(c);
      }
    });
    if (!this.outlineOnly) this.tables.push(table);
  }

  /**
   * Table cells often hold identifiers without backticks (`ledger.entry.posted`, `PostEntry`,
   * `github.com/x/y`). A cell that is one identifier-like token reads as inline code, marked bare.
   */
  private bareIdentifier(cell: BlockRef): void {
    if (cell.inlineCodes.length) return;
    const raw = this.text.slice(cell.start, cell.end);
    const token = raw.replace(/^[|\s]+|[|\s]+$/g, '');
    // Emphasis or links would make the rendered text differ from the source token.
    if (!token || /\s/.test(token) || cell.text.trim() !== token) return;
    const identifierLike = /[./:<>{}-]/.test(token) || /^[A-Za-z][A-Za-z0-9]*(_[A-Za-z0-9]+)+$/.test(token) || /^[A-Z][a-z0-9]+[A-Z][A-Za-z0-9]*$/.test(token);
    if (!identifierLike || /^[\d.:-]+$/.test(token)) return;
    const start = cell.start + raw.indexOf(token);
    cell.inlineCodes.push({ value: token, start, end: start + token.length, range: this.range(start, start + token.length), container: cell, bare: true });
  }

  private addCode(node: Code): void {
    if (this.outlineOnly) return;
    const [start, end] = this.span(node);
    const firstNewline = this.text.indexOf('\n', start);
    const fenced = /^\s*(```|~~~)/.test(this.text.slice(start, start + 8));
    const contentStart = fenced ? (firstNewline < 0 ? end : firstNewline + 1) : start;
    this.codeBlocks.push({
      lang: (node.lang ?? '').toLowerCase(),
      meta: node.meta ?? '',
      value: node.value,
      contentStart,
      start,
      end,
      range: this.range(start, end),
    });
  }

  private addHtml(node: Html): void {
    const [start, end] = this.span(node);
    const re = /<!--([\s\S]*?)-->/g;
    for (let m; (m = re.exec(node.value)); ) {
      const at = start + m.index;
      this.comments.push({ text: m[1].trim(), start: at, end: at + m[0].length, line: this.lines.positionAt(at).line });
    }
  }

  private span(node: Nodes): [number, number] {
    return [(node.position?.start.offset ?? 0) + this.delta, (node.position?.end.offset ?? 0) + this.delta];
  }

  private block(kind: BlockRef['kind'], node: Paragraph | Heading | Nodes): BlockRef {
    const [start, end] = this.span(node);
    const inlineCodes: InlineCodeRef[] = [];
    const b: BlockRef = { kind, text: '', start, end, inlineCodes };
    const parts: string[] = [];
    const walk = (n: Nodes): void => {
      if (n.type === 'inlineCode') {
        const ic = n as InlineCode;
        const [s, e] = this.span(ic);
        // The node covers the backticks; the claim is the text between them.
        const raw = this.text.slice(s, e);
        const ticks = /^`+/.exec(raw)?.[0].length ?? 1;
        const inner = raw.slice(ticks, raw.length - ticks);
        const lead = inner.length - inner.trimStart().length;
        const codeStart = s + ticks + lead;
        const codeEnd = codeStart + ic.value.length;
        inlineCodes.push({ value: ic.value, start: codeStart, end: codeEnd, range: this.range(codeStart, codeEnd), container: b });
        parts.push(ic.value);
      } else if (n.type === 'html') {
        const c = /<!--([\s\S]*?)-->/.exec(n.value);
        if (c) {
          const [s] = this.span(n);
          this.comments.push({ text: c[1].trim(), start: s, end: s + c[0].length, line: this.lines.positionAt(s).line });
        }
      } else if ('value' in n && typeof n.value === 'string') parts.push(n.value);
      else if (n.type === 'break') parts.push('\n');
      if ('children' in n) for (const child of n.children as Nodes[]) walk(child);
    };
    if ('children' in node) for (const child of node.children as Nodes[]) walk(child);
    b.text = parts.join('');
    return b;
  }
}

/** What a section outside the focus contributes, positions relative to the section's start. */
const outlines = new WeakMap<Root, { sections: Section[]; comments: HtmlCommentRef[] }>();

/**
 * What a section outside the focus is read for: nodes that can hold a heading, or all of them when
 * it has a comment somewhere. Section trees are cached by text, so the answer is kept per tree.
 */
const outlineNodes = memoize((tree: Root): RootContent[] => (tree.children.some(mayHoldComment) ? tree.children : tree.children.filter(mayHoldHeading)));

/** Nodes that can hold a heading somewhere inside (a quoted or listed heading still opens a section). */
function mayHoldHeading(node: RootContent): boolean {
  return node.type === 'heading' || node.type === 'blockquote' || node.type === 'list';
}

function mayHoldComment(node: RootContent): boolean {
  if (node.type === 'html') return true;
  if (node.type === 'code') return false;
  return 'children' in node && (node.children as RootContent[]).some(mayHoldComment);
}
