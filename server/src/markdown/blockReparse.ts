// A keystroke inside a section changes one line of one block. Parsing the whole section again costs
// most in its tables (GFM table rows are slow to tokenize: ~0.1 ms a row), so an edit that stays
// inside one line of a top-level paragraph, code block or heading, or of a table's body row,
// re-parses only that block or that row (under the table's header, which decides how a row reads)
// and splices the result into a copy of the section's previous tree. Whenever the edit could reach
// past the block (it adds or removes a line break, the block touches a neighbour without a blank
// line between, the section defines link references a block may use, or the re-parsed text no
// longer reads as the same one block), the caller parses the whole section as before.
import type { Root, RootContent, Table, TableRow } from 'mdast';
import type { Point, Position } from 'unist';
import { shifted } from './shiftedNodes';

type Parse = (text: string) => Root;

/**
 * Blocks whose text alone decides how they read once blank lines surround them. Not lists or
 * quotes: an edit to an item's marker changes which indented paragraphs below belong to it.
 */
const REPARSED = new Set(['paragraph', 'table', 'code', 'heading']);

/** The section's new tree, or undefined when only a full parse can say. */
export function reparseEditedBlock(parse: Parse, tree: Root, before: string, after: string): Root | undefined {
  const edit = changedSpan(before, after);
  if (!edit) return undefined;
  // A definition anywhere in the section can turn `[x]` in the block into a reference.
  if (after.includes(']:') || before.includes(']:')) return undefined;
  const k = tree.children.findIndex((c) => c.position!.start.offset! <= edit.start && edit.end <= c.position!.end.offset!);
  if (k < 0) return undefined;
  const node = tree.children[k];
  if (!REPARSED.has(node.type) || node.position!.start.column !== 1 || !standsAlone(tree.children, k)) return undefined;
  const replaced = node.type === 'table' ? reparseRow(parse, node, before, after, edit) : undefined;
  const block = replaced ?? reparseWhole(parse, node, after, edit);
  if (!block) return undefined;
  const children = tree.children.map((c, i) => (i < k ? c : i === k ? block : shifted(c, edit.delta, 0)));
  return { ...tree, children, position: tree.position && movedEnd(tree.position, edit) };
}

interface Span {
  /** Offsets of the changed text in `before` (`start`..`end`); the new text ends at `end + delta`. */
  start: number;
  end: number;
  delta: number;
  /** 1-based line of the edit. */
  line: number;
}

/** Where two texts differ, when the difference lies inside one line of both. */
function changedSpan(before: string, after: string): Span | undefined {
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < max - start && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  const end = before.length - tail;
  const delta = after.length - before.length;
  if (start === end && delta === 0) return undefined;
  if (/[\r\n]/.test(before.slice(start, end)) || /[\r\n]/.test(after.slice(start, end + delta))) return undefined;
  // Right after a carriage return, an edit can split or join a CRLF pair: a line break added or lost.
  if (before.charCodeAt(start - 1) === 13) return undefined;
  let line = 1;
  for (let nl = before.indexOf('\n'); nl >= 0 && nl < start; nl = before.indexOf('\n', nl + 1)) line++;
  return { start, end, delta, line };
}

/**
 * A block with a blank line (or nothing) on both sides: its text alone decides how it parses,
 * unless the block above is a list or footnote, whose last item takes an indented block as its own.
 */
function standsAlone(children: readonly RootContent[], k: number): boolean {
  const at = children[k].position!;
  const prev = children[k - 1];
  const next = children[k + 1]?.position;
  if (prev?.type === 'list' || prev?.type === 'footnoteDefinition') return false;
  return (!prev || prev.position!.end.line < at.start.line - 1) && (!next || next.start.line > at.end.line + 1);
}

function reparseWhole(parse: Parse, node: RootContent, after: string, edit: Span): RootContent | undefined {
  const start = node.position!.start.offset!;
  const text = after.slice(start, node.position!.end.offset! + edit.delta);
  const sub = parse(text).children;
  if (sub.length !== 1 || sub[0].type !== node.type || sub[0].position!.end.offset !== text.length) return undefined;
  // A fence left open runs on over the blocks below it, which this text does not hold.
  if (sub[0].type === 'code' && FENCE.test(text) && !closesFence(text)) return undefined;
  return shifted(sub[0], start, node.position!.start.line - 1);
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** Whether a fenced block's last line closes it: the fence's character, at least as many, nothing else. */
function closesFence(text: string): boolean {
  const open = FENCE.exec(text)![1];
  const nl = text.lastIndexOf('\n');
  const last = /^ {0,3}(`{3,}|~{3,})[ \t]*\r?$/.exec(text.slice(nl + 1));
  return nl >= 0 && !!last && last[1][0] === open[0] && last[1].length >= open.length;
}

/** A body row edited inside its line: parsed under the table's header and delimiter rows. */
function reparseRow(parse: Parse, table: Table, before: string, after: string, edit: Span): Table | undefined {
  const r = table.children.findIndex((row) => row.position!.start.line === edit.line);
  // The header and the delimiter row (which has no node) shape the whole table.
  if (r < 1 || table.children[r].position!.end.line !== edit.line) return undefined;
  const row = table.children[r].position!;
  const lineStart = before.lastIndexOf('\n', edit.start - 1) + 1;
  const lineEnd = after.indexOf('\n', edit.start);
  const rowText = after.slice(lineStart, lineEnd < 0 ? after.length : lineEnd);
  const tableStart = table.position!.start.offset!;
  const secondLineEnd = before.indexOf('\n', before.indexOf('\n', tableStart) + 1);
  if (secondLineEnd < 0 || secondLineEnd >= lineStart) return undefined;
  const head = `${before.slice(tableStart, secondLineEnd).replace(/\r$/, '')}\n`;
  const sub = parse(head + rowText).children;
  const got = sub.length === 1 && sub[0].type === 'table' ? sub[0] : undefined;
  if (!got || got.children.length !== 2 || got.position!.end.offset !== head.length + rowText.length) return undefined;
  // The mini table's row sits on its third line; the real one on the edited line.
  const newRow = shifted(got.children[1], lineStart - head.length, row.start.line - 3) as TableRow;
  const rows = table.children.map((x, i) => (i < r ? x : i === r ? newRow : shifted(x, edit.delta, 0)));
  return { ...table, children: rows, position: movedEnd(table.position!, edit) };
}

/** A position whose end moved with the edit (and its column too when it ends on the edited line). */
function movedEnd(p: Position, edit: Span): Position {
  const end: Point = { ...p.end, offset: p.end.offset === undefined ? undefined : p.end.offset + edit.delta };
  if (p.end.line === edit.line) end.column += edit.delta;
  return { start: p.start, end };
}
