// Where a document names storage and serving things: a table column headed for them ("Collection",
// "Bucket"), or inline code the prose ties to the kind ("the `devices` collection", "Bucket:
// `firmware`", "`a`, `b` and `c` collections"). Names mentioned in passing are never claims.
import { distance } from 'fastest-levenshtein';
import type { BlockRef, DocModel, InlineCodeRef } from '../../markdown/docModel';
import { sentenceAt as sharedSentenceAt } from '../../markdown/claims';

export interface NameClaim {
  value: string;
  start: number;
  end: number;
  block: BlockRef;
  /** The table row this claim sits in, when it came from a table. */
  row?: BlockRef[];
}

export interface NameClaimOptions {
  /** The kind word in prose, singular and plural: /collections?/. */
  word: RegExp;
  /** A table header naming the column that lists them. */
  header: RegExp;
  /** Whether a candidate text can be a name of this kind at all. */
  valid: (value: string) => boolean;
  /** The name within the written text (a metric written with its labels: `x_total{code}` → `x_total`). */
  nameOf?: (written: string) => string;
}

const NOTHING = /^(—|–|-|n\/a|none|tbd|\?|)$/i;

export function nameClaims(doc: DocModel, options: NameClaimOptions): NameClaim[] {
  const out: NameClaim[] = [];
  const seen = new Set<number>();
  const push = (written: NameClaim) => {
    const value = options.nameOf ? options.nameOf(written.value) : written.value;
    // The name is a prefix of what was written, so its range starts at the same place.
    const c = { ...written, value, end: written.start + value.length };
    if (seen.has(c.start) || !options.valid(c.value)) return;
    seen.add(c.start);
    out.push(c);
  };
  for (const table of doc.tables) {
    const col = table.header.findIndex((h) => options.header.test(h));
    if (col < 0) continue;
    for (const row of table.rows) {
      const cell = row[col];
      if (!cell) continue;
      if (cell.inlineCodes.length) {
        for (const ic of cell.inlineCodes) push({ value: ic.value, start: ic.start, end: ic.end, block: cell, row });
        continue;
      }
      const text = cell.text.trim();
      if (NOTHING.test(text) || /\s/.test(text)) continue;
      const raw = doc.text.slice(cell.start, cell.end);
      const at = raw.indexOf(text);
      if (at >= 0) push({ value: text, start: cell.start + at, end: cell.start + at + text.length, block: cell, row });
    }
  }
  const word = options.word.source;
  const after = new RegExp(`^\`?\\s+(?:${word})\\b`, 'i');
  const before = new RegExp(`\\b(?:${word})\\s*(?::|named|called|is|are)?\\s*\`?$`, 'i');
  // "Counters exported on `/metrics`:" followed by a list whose items start with a name.
  const introduces = new RegExp(`\\b(?:${word})\\b[^.]*:\\s*$`, 'i');
  let introduced = false;
  for (const block of doc.blocks) {
    if (block.kind === 'list-item' && introduced) {
      const first = block.inlineCodes[0];
      if (first && doc.text.slice(block.start, first.start).replace(/`/g, '').trim() === '') push({ value: first.value, start: first.start, end: first.end, block });
    } else introduced = block.kind === 'paragraph' && introduces.test(block.text);
    for (const run of codeRuns(doc, block)) {
      const first = run[0];
      const last = run[run.length - 1];
      const tail = doc.text.slice(last.end, Math.min(block.end, last.end + 40));
      const head = doc.text.slice(Math.max(block.start, first.start - 40), first.start);
      if (after.test(tail) || before.test(head)) for (const ic of run) push({ value: ic.value, start: ic.start, end: ic.end, block });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Inline codes of a block grouped into lists: `a`, `b` and `c` form one run. */
export function codeRuns(doc: DocModel, block: BlockRef): InlineCodeRef[][] {
  const runs: InlineCodeRef[][] = [];
  let cur: InlineCodeRef[] = [];
  for (const ic of block.inlineCodes) {
    const prev = cur[cur.length - 1];
    if (prev) {
      const gap = doc.text.slice(prev.end, ic.start).replace(/`/g, '');
      if (/^\s*(,|and|or|,\s*and|,\s*or|\/)\s*$/i.test(gap)) {
        cur.push(ic);
        continue;
      }
      runs.push(cur);
    }
    cur = [ic];
  }
  if (cur.length) runs.push(cur);
  return runs;
}

/** The sentence of a block holding an offset (the shared reading, as text). */
export function sentenceAt(doc: DocModel, block: BlockRef, offset: number): string {
  return sharedSentenceAt(doc, block, offset).text;
}

/** Titles of the headings around an offset, innermost first. */
export function headingContext(doc: DocModel, offset: number): string {
  return doc
    .headingsAt(offset)
    .map((s) => s.title)
    .join(' / ');
}

export interface Near {
  value: string;
  distance: number;
  tied: boolean;
}

export function nearest(value: string, candidates: Iterable<string>): Near | undefined {
  let best: Near | undefined;
  for (const c of new Set(candidates)) {
    const d = distance(value, c);
    if (!best || d < best.distance) best = { value: c, distance: d, tied: false };
    else if (d === best.distance) best.tied = true;
  }
  return best;
}

/** A misspelling or a small rename: close enough to offer the code's name as the fix. */
export function isNearMiss(value: string, near: Near | undefined): boolean {
  return !!near && near.distance <= Math.max(2, Math.floor(value.length * 0.25));
}

export function listOf(values: Iterable<string>, max = 8): string {
  const all = [...new Set(values)];
  const shown = all.slice(0, max).map((v) => `\`${v}\``);
  return shown.join(', ') + (all.length > max ? ` and ${all.length - max} more` : '');
}
