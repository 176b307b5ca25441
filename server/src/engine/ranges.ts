// Moving a range by whole lines: a section's findings keep their place relative to the section
// while lines are added or removed above it.
import type { Range } from './types';

export function moveRange(r: Range, lines: number): Range {
  if (lines === 0) return r;
  return { start: { line: r.start.line + lines, character: r.start.character }, end: { line: r.end.line + lines, character: r.end.character } };
}
