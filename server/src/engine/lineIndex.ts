// Offset <-> LSP position conversion for a text, in UTF-16 code units like LSP and JS strings.
// Lines end as LSP and CommonMark say they do: at "\n", "\r\n" or a lone "\r".
import type { Position } from 'vscode-languageserver-types';

export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    // A document is indexed on every keystroke: without carriage returns a search for line feeds
    // (much faster than looking at each character) finds every line.
    if (text.indexOf('\r') < 0) {
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) this.starts.push(nl + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.starts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    let o = Math.max(0, Math.min(offset, this.text.length));
    // Between the "\r" and "\n" of a CRLF there is no LSP position: that is the end of the line.
    if (o > 0 && this.text.charCodeAt(o - 1) === 13 && this.text.charCodeAt(o) === 10) o--;
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  offsetAt(pos: Position): number {
    if (pos.line >= this.starts.length) return this.text.length;
    if (pos.line < 0) return 0;
    return Math.min(this.starts[pos.line] + pos.character, this.lineEnd(pos.line));
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** Offset of the end of a line, before its `\r\n`, `\n` or `\r`. */
  lineEnd(line: number): number {
    if (line < 0) return this.lineEnd(0);
    if (line + 1 >= this.starts.length) return this.text.length;
    const next = this.starts[line + 1];
    // `next - 1` is the "\n" or lone "\r"; a "\n" may have a "\r" before it.
    return this.text.charCodeAt(next - 1) === 10 && next - 2 >= this.starts[line] && this.text.charCodeAt(next - 2) === 13 ? next - 2 : next - 1;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }
}
