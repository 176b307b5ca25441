// Reads a folder tree drawn in a text block (`├──`, `└──`, `│`, ASCII `|--`, or plain indentation)
// into entries that know their parent, with exact document offsets for every name.

export interface TreeEntry {
  /** The name as written: `api/`, `alert/v1/alert.proto`, `go.mod`. */
  name: string;
  /** 0-based document line. */
  line: number;
  start: number;
  end: number;
  col: number;
  parent?: TreeEntry;
  comment: string;
  /** Drawn without a connector above connector lines: the tree's own root (often the repo's name). */
  isRoot: boolean;
  /** Number of entries drawn directly under this one. */
  children: number;
  /** Not judged: an ellipsis, a glob, or marked as generated / not committed (descendants too). */
  skip: boolean;
}

const CONNECTOR = /├|└|┣|┗|\|--|`--|\+--|\\--/;
const PREFIX = /^(?:[ \t│├└┃┣┗┬┠┖|`+\\]|[─━]|--)*/;
const NOT_IN_REPO = /\b(generated|gitignored|git-ignored|not committed|not checked in|build output|untracked|ignored by git|created (?:at|on|by|when)|local only|runtime only|not in (?:the )?repo)/i;

export function parseTree(text: string, start: number, firstLine: number): TreeEntry[] | undefined {
  const raw = text.split('\n');
  const rows: Row[] = [];
  let offset = start;
  raw.forEach((l, i) => {
    const lineText = l.replace(/\r$/, '');
    const lineOffset = offset;
    offset += l.length + 1;
    if (!lineText.trim()) return;
    const prefix = PREFIX.exec(lineText)?.[0] ?? '';
    const rest = lineText.slice(prefix.length);
    const written = /^\S+/.exec(rest)?.[0];
    if (!written) return;
    const lead = written.startsWith('./') && written.length > 2 ? 2 : 0;
    const name = written.slice(lead).replace(/[:,;]$/, '');
    const after = rest.slice(written.length).trim();
    rows.push({
      line: firstLine + i,
      offset: lineOffset + prefix.length + lead,
      col: prefix.length,
      name,
      comment: after.replace(/^(#+|\/\/|<-+|←|--)\s*/, ''),
      marked: after === '' || /^(#|\/\/|<-|←)/.test(after),
      connector: CONNECTOR.test(prefix),
    });
  });
  const connectorRows = rows.filter((r) => r.connector).length;
  // Box drawing also draws call trees and process trees; a file tree is mostly names of files
  // and folders.
  if (connectorRows >= 2) return rows.filter(looksLikePathEntry).length * 2 >= rows.length ? build(rows, true) : undefined;
  if (isIndentedTree(rows)) return build(rows, false);
  return undefined;
}

/** Plain indentation trees: every line is a single path-like name (plus a comment), with nesting. */
function looksLikePathEntry(r: Row): boolean {
  return r.name.endsWith('/') || /\.[A-Za-z0-9]+$/.test(r.name) || /^(Makefile|Dockerfile|LICENSE|README)$/.test(r.name) || r.name === '.';
}

interface Row {
  line: number;
  offset: number;
  col: number;
  name: string;
  comment: string;
  /** The text after the name is empty or a marked comment. */
  marked: boolean;
  connector: boolean;
}

function isIndentedTree(rows: Row[]): boolean {
  if (rows.length < 3) return false;
  const pathish = (n: string) => /^[A-Za-z0-9._-][A-Za-z0-9._/-]*$/.test(n) && (n.endsWith('/') || /\.[A-Za-z0-9]+$/.test(n) || /^(Makefile|Dockerfile|LICENSE)$/.test(n));
  if (!rows.every((r) => pathish(r.name))) return false;
  if (!rows.some((r) => r.name.endsWith('/'))) return false;
  const cols = new Set(rows.map((r) => r.col));
  if (cols.size < 2) return false;
  // A comment must be marked as one; otherwise the line is prose, not an entry.
  return rows.every((r) => r.marked) && Math.min(...rows.map((r) => r.col)) === rows[0].col;
}

function build(rows: Row[], boxed: boolean): TreeEntry[] {
  const entries: TreeEntry[] = [];
  const stack: TreeEntry[] = [];
  for (const r of rows) {
    while (stack.length && stack[stack.length - 1].col >= r.col) stack.pop();
    const parent = stack[stack.length - 1];
    const isRoot = boxed ? !r.connector && !parent : false;
    // A bare word followed by prose ("decode frames") is a label, not a file name.
    const label = !looksLikePathEntry(r) && !r.marked;
    const skip = !!parent?.skip || label || /\.\.\.|…|[*?[\]{}<>]/.test(r.name) || NOT_IN_REPO.test(r.comment);
    const e: TreeEntry = { name: r.name, line: r.line, start: r.offset, end: r.offset + r.name.length, col: r.col, parent, comment: r.comment, isRoot, skip, children: 0 };
    if (parent) parent.children++;
    entries.push(e);
    stack.push(e);
  }
  return entries;
}
