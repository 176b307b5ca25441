// The ```proto blocks of a document, read with the same scanner as .proto files, with a mapping
// from offsets in the block's text back to the document (indented blocks inside list items and
// blockquotes lose their prefix in the Markdown tree, so the mapping goes line by line).
import type { CodeBlockRef, DocModel } from '../../markdown/docModel';
import type { Range } from '../../engine/types';
import { scanProto, type ScannedProto, type Span } from '../../index/proto/protoScanner';
import { memoize } from '../../engine/memo';

export const PROTO_LANGS = new Set(['proto', 'protobuf', 'proto3', 'proto2']);

export interface DocProtoBlock {
  block: CodeBlockRef;
  /** The block's text as the Markdown tree gives it. */
  text: string;
  scanned: ScannedProto;
  /** Document offset of an offset in `text`. */
  toDoc(offset: number): number;
  range(span: Span): Range;
  /** Range of the whole lines a span covers, newline included, for removing them. */
  lineRange(span: Span): Range;
  /** The indentation of the document line holding a block offset, as the block shows it. */
  indentAt(offset: number): string;
}

export const protoBlocks = memoize((doc: DocModel): DocProtoBlock[] => doc.codeBlocks.filter((b) => PROTO_LANGS.has(b.lang)).map((b) => readBlock(doc, b)));

function readBlock(doc: DocModel, block: CodeBlockRef): DocProtoBlock {
  const text = block.value;
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const firstDocLine = doc.lines.positionAt(block.contentStart).line;
  // Per block line: the document offset where that line's text starts.
  const docStarts = lineStarts.map((s, i) => {
    const lineText = text.slice(s, i + 1 < lineStarts.length ? lineStarts[i + 1] - 1 : text.length);
    const docLine = firstDocLine + i;
    const docText = doc.lines.lineText(docLine);
    const prefix = docText.endsWith(lineText) ? docText.length - lineText.length : 0;
    return doc.lines.lineStart(docLine) + prefix;
  });
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const toDoc = (offset: number): number => {
    const l = lineOf(offset);
    return docStarts[l] + (offset - lineStarts[l]);
  };
  return {
    block,
    text,
    scanned: scanProto(text),
    toDoc,
    range: (s) => doc.range(toDoc(s.start), toDoc(s.end)),
    lineRange: (s) => {
      const startLine = doc.lines.positionAt(toDoc(s.start)).line;
      const endLine = doc.lines.positionAt(toDoc(s.end)).line;
      return { start: { line: startLine, character: 0 }, end: { line: endLine + 1, character: 0 } };
    },
    indentAt: (offset) => {
      const l = lineOf(offset);
      const lineText = text.slice(lineStarts[l], l + 1 < lineStarts.length ? lineStarts[l + 1] - 1 : text.length);
      return /^[ \t]*/.exec(lineText)![0];
    },
  };
}
