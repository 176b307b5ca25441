// Re-parsing a 2,000-line doc on every keystroke costs hundreds of milliseconds; an edit touches one
// section. The document is cut at ATX headings (outside fences), each section is parsed on its own
// and cached by its text, and the section trees are joined with their positions shifted.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Root, RootContent } from 'mdast';
import type { Point } from 'unist';
import { reparseEditedBlock } from './blockReparse';
import { shifted } from './shiftedNodes';

const processor = unified().use(remarkParse).use(remarkGfm);
const parse = (text: string): Root => processor.parse(text) as Root;

interface Section {
  text: string;
  offset: number;
  line: number;
}

/** Splits before every ATX heading that is not inside a fenced block. */
export function splitSections(text: string): Section[] {
  const sections: Section[] = [];
  let start = 0;
  let startLine = 0;
  let fence: string | undefined;
  // Only heading and fence lines matter: a search for them skips the other lines without cutting
  // each into a string (a keystroke splits the whole document again).
  let counted = 0;
  let line = 0;
  const lineOf = (offset: number): number => {
    for (let nl = text.indexOf('\n', counted); nl >= 0 && nl < offset; nl = text.indexOf('\n', nl + 1)) line++;
    counted = offset;
    return line;
  };
  MARKS.lastIndex = 0;
  for (let m; (m = MARKS.exec(text)); ) {
    const offset = m.index;
    // `^` also matches after a lone CR; only lines cut at line feeds count.
    if (offset > 0 && text.charCodeAt(offset - 1) !== 10) continue;
    const run = m[1];
    if (run) {
      if (fence) {
        const end = text.indexOf('\n', offset);
        const lineText = text.slice(offset, end < 0 ? text.length : end);
        if (run[0] === fence[0] && run.length >= fence.length && lineText.trim() === run) fence = undefined;
      } else fence = run;
    } else if (!fence && offset > start) {
      const at = lineOf(offset);
      sections.push({ text: text.slice(start, offset), offset: start, line: startLine });
      start = offset;
      startLine = at;
    }
  }
  sections.push({ text: text.slice(start), offset: start, line: startLine });
  return sections;
}

/** The start of a fence line (the run of backticks or tildes captured) or of an ATX heading. */
const MARKS = /^ {0,3}(?:(`{3,}|~{3,})|#{1,6}(?:\s|$))/gm;

/** A section's tree as parsed on its own (positions relative to the section) and where it sits. */
export interface ParsedSection {
  tree: Root;
  /** The section's text (without a byte-order mark the document starts with). */
  text: string;
  /** Offset and 0-based line of the section's first character in the whole text. */
  offset: number;
  line: number;
}

export class MarkdownSectionCache {
  /** The last text's sections with their trees, by offset. */
  private last = new Map<number, { text: string; tree: Root }>();
  private lastLength = 0;

  /**
   * The document's sections with their cached trees, unshifted: readers add each section's offset
   * themselves, which spares copying every node of every section on each keystroke.
   */
  parseSections(text: string): ParsedSection[] {
    // micromark drops a byte-order mark and counts offsets without it; claims need offsets into
    // the text as the editor holds it, so parse without the mark and shift by one.
    const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const body = bom ? text.slice(1) : text;
    // An edit leaves the sections before it where they were and moves those after it by the
    // change in length: a section is looked for there, and taken when its text is the same
    // (comparing two texts is much cheaper than hashing every section to look it up by text).
    const moved = body.length - this.lastLength;
    const next = new Map<number, { text: string; tree: Root }>();
    const out: ParsedSection[] = [];
    for (const s of splitSections(body)) {
      const before = this.last.get(s.offset) ?? this.last.get(s.offset - moved);
      let tree = before && before.text.length === s.text.length && before.text === s.text ? before.tree : undefined;
      if (!tree && pathological(s.text)) tree = { type: 'root', children: [] };
      // Typing inside a section: often only the edited block (or table row) needs reading again.
      if (!tree && before && before.tree.children.length) tree = reparseEditedBlock(parse, before.tree, before.text, s.text);
      tree ??= parse(s.text);
      next.set(s.offset, { text: s.text, tree });
      out.push({ tree, text: s.text, offset: s.offset + bom, line: s.line });
    }
    // Only the current sections stay, so memory follows the document, not its history.
    this.last = next;
    this.lastLength = body.length;
    return out;
  }

  /** The whole document's tree, built from cached section trees where the text is unchanged. */
  parse(text: string): Root {
    return joinSections(this.parseSections(text), text);
  }
}

/** One tree for the whole text: the sections' nodes with positions moved to where they sit. */
export function joinSections(sections: readonly ParsedSection[], text: string): Root {
  const children: RootContent[] = [];
  for (const s of sections) for (const child of s.tree.children) children.push(shifted(child, s.offset, s.line));
  return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end: endPoint(text) } };
}

/**
 * Shapes the Markdown parser takes seconds to minutes on (deep quote or list nesting, thousands of
 * emphasis markers in a row). No real documentation looks like this; such a section is left unread
 * rather than freezing the editor on every keystroke.
 */
function pathological(text: string): boolean {
  return /^(?:[ \t]*>){17}/m.test(text) || /^[ \t]{121}/m.test(text) || /([*_[\]<>])\1{199}/.test(text);
}

function endPoint(text: string): Point {
  const lines = text.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1, offset: text.length };
}
