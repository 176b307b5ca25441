// The raw content of a fenced block as it sits in the document, so offsets found in it map straight
// back to document positions (remark strips list indentation from `value`, which would skew them).
import type { CodeBlockRef, DocModel } from './docModel';

export interface FencedContent {
  text: string;
  /** Document offset of the first content character. */
  start: number;
  /** 0-based document line of the first content line. */
  firstLine: number;
  /** Whitespace before the opening fence; replacement lines must carry it inside list items. */
  indent: string;
  /** Info string words: language first, then the meta. */
  info: string[];
  /** The document's line ending, for replacement text. */
  eol: '\n' | '\r\n';
}

export function fencedContent(doc: DocModel, block: CodeBlockRef): FencedContent | undefined {
  const opening = doc.text.slice(block.start, block.contentStart);
  if (!/^[ \t]*(`{3,}|~{3,})/.test(opening)) return undefined;
  const indent = /^[ \t]*/.exec(doc.lineTextAt(block.start))?.[0] ?? '';
  let text = doc.text.slice(block.contentStart, block.end);
  const lastNl = text.lastIndexOf('\n');
  const lastLine = lastNl < 0 ? text : text.slice(lastNl + 1);
  if (/^[ \t]*(`{3,}|~{3,})[ \t]*$/.test(lastLine)) text = lastNl < 0 ? '' : text.slice(0, lastNl);
  if (block.contentStart >= block.end) text = '';
  // In a CRLF document the last content line's `\r` belongs to its line break, not to the code.
  if (text.endsWith('\r')) text = text.slice(0, -1);
  return {
    text,
    start: block.contentStart,
    firstLine: doc.lines.positionAt(block.contentStart).line,
    indent,
    info: `${block.lang} ${block.meta}`.split(/[\s,{}]+/).filter(Boolean),
    eol: doc.mentions('\r\n') ? '\r\n' : '\n',
  };
}

/**
 * Code text made ready to sit in the block: every line but the first gets the fence's indentation
 * (list-item code blocks), and lines end the way the document's do.
 */
export function indentTail(text: string, indent: string, eol: '\n' | '\r\n' = '\n'): string {
  return text
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((l, i) => (i === 0 || l === '' ? l : indent + l))
    .join(eol);
}
