// Text edits that put real proto source into a doc block: replacing an element with its source,
// and inserting the elements a block leaves out, each at the place the .proto file has it.
import type { Range, TextEdit } from '../../engine/types';
import type { DocModel } from '../../markdown/docModel';
import type { Span } from '../../index/proto/protoScanner';
import type { DocProtoBlock } from './docBlocks';

/**
 * Source text moved from column `fromCol` of a .proto file to a doc line starting with `prefix`:
 * continuation lines lose the file's indentation and take the doc's.
 */
export function reindent(text: string, fromCol: number, prefix: string): string {
  const lines = text.split('\n');
  return lines
    .map((l, i) => {
      if (i === 0) return l;
      if (!l.trim()) return '';
      const lead = /^[ \t]*/.exec(l)![0].length;
      return prefix + l.slice(Math.min(lead, fromCol));
    })
    .join('\n');
}

/** The document text before a block offset on its line (list markers and indentation included). */
export function linePrefix(doc: DocModel, block: DocProtoBlock, offset: number): string {
  const at = block.toDoc(offset);
  const pos = doc.lines.positionAt(at);
  return doc.lines.lineText(pos.line).slice(0, pos.character).replace(/[^\s>]/g, ' ');
}

/** An edit replacing a block element with real source text, indented as the element was. */
export function replaceWithSource(doc: DocModel, block: DocProtoBlock, span: Span, realText: string, realCol: number): TextEdit {
  return { range: block.range(span), newText: reindent(realText, realCol, linePrefix(doc, block, span.start)) };
}

export interface Present {
  name: string;
  span: Span;
}

export interface Missing {
  name: string;
  text: string;
  col: number;
}

/**
 * Inserts the missing items of a container (rpcs of a service, fields of a message, values of an
 * enum) next to their neighbours in the .proto file's order. `order` is every real name in that
 * order; `present` what the block shows. Returns undefined when some line is shared with other
 * text and cannot take a new line safely.
 */
export function insertMissing(
  doc: DocModel,
  block: DocProtoBlock,
  container: { start: number; bodyStart: number },
  order: readonly string[],
  present: readonly Present[],
  missing: readonly Missing[],
): TextEdit[] | undefined {
  const byName = new Map(present.map((p) => [p.name, p]));
  const inserts = new Map<number, string[]>();
  const blockText = block.text;
  const restOfLineBlank = (offset: number): boolean => /^[ \t]*(\/\/[^\n]*)?(\r?\n|$)/.test(blockText.slice(offset));
  const startOfLineBlank = (offset: number): boolean => /(^|\n)[ \t]*$/.test(blockText.slice(0, offset));
  const docLineAfter = (offset: number): number => doc.lines.lineStart(doc.lines.positionAt(block.toDoc(offset)).line + 1);
  const docLineOf = (offset: number): number => doc.lines.lineStart(doc.lines.positionAt(block.toDoc(offset)).line);
  for (const m of missing) {
    const i = order.indexOf(m.name);
    const before = order.slice(0, i).reverse().find((n) => byName.has(n));
    const after = order.slice(i + 1).find((n) => byName.has(n));
    let at: number;
    let prefix: string;
    if (before) {
      const anchor = byName.get(before)!;
      if (!restOfLineBlank(anchor.span.end)) return undefined;
      at = docLineAfter(anchor.span.end);
      prefix = linePrefix(doc, block, anchor.span.start);
    } else if (after) {
      const anchor = byName.get(after)!;
      if (!startOfLineBlank(anchor.span.start)) return undefined;
      at = docLineOf(anchor.span.start);
      prefix = linePrefix(doc, block, anchor.span.start);
    } else {
      if (!restOfLineBlank(container.bodyStart)) return undefined;
      at = docLineAfter(container.bodyStart);
      prefix = linePrefix(doc, block, container.start) + '  ';
    }
    const list = inserts.get(at) ?? [];
    list.push(prefix + reindent(m.text, m.col, prefix) + '\n');
    inserts.set(at, list);
  }
  return [...inserts].map(([at, texts]) => {
    const pos = doc.lines.positionAt(at);
    const range: Range = { start: pos, end: pos };
    return { range, newText: texts.join('') };
  });
}
