// Section trees are parsed with positions relative to the section and cached; readers that need
// positions in the whole text take copies moved to where the section sits.
import type { Point, Position } from 'unist';

/** A copy of a node with every offset moved by `offset` and every line by `line` (cached trees stay untouched). */
export function shifted<T extends object>(node: T, offset: number, line: number): T {
  if (offset === 0 && line === 0) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'position' && v) out[k] = shiftPosition(v as Position, offset, line);
    else if (k === 'children' && Array.isArray(v)) out[k] = v.map((c) => shifted(c, offset, line));
    else out[k] = v;
  }
  return out as T;
}

function shiftPosition(p: Position, offset: number, line: number): Position {
  const move = (pt: Point): Point => ({ line: pt.line + line, column: pt.column, offset: pt.offset === undefined ? undefined : pt.offset + offset });
  return { start: move(p.start), end: move(p.end) };
}
