// A Go declaration as the index keeps it. A workspace has a hundred thousand of them; as plain
// objects each was five (the declaration, its location, range and two positions) plus a string
// for its text, and marking half a million objects is most of what a full garbage collection of
// the server costs. One object holds the numbers; the text is cut from the file's text and the
// location built the first time anyone asks for them.
import type { Position } from 'vscode-languageserver-types';
import type { GoDecl, SourceLocation } from '../engine/types';
import type { FileText } from './fileText';
import { scanGoSkeleton } from './go/skeleton';

/**
 * Where a file's facts may carry the names and receivers of its declarations without the
 * declarations themselves (the fact cache's, until someone asks for them): a symbol, so it is no
 * fact of its own.
 */
export const DECLARED_NAMES = Symbol('declared names');

export interface DeclaredNames {
  names: readonly string[];
  /** Receiver per declaration, '' for none. */
  receivers: readonly string[];
}

export class Declaration implements GoDecl {
  #loc?: SourceLocation;
  readonly #source: FileText;
  readonly path: string;

  constructor(
    readonly name: string,
    readonly receiver: string | undefined,
    readonly kind: GoDecl['kind'],
    source: FileText,
    /** Offsets of the declaration's text in the file's text. */
    readonly start: number,
    readonly end: number,
    readonly startLine: number,
    readonly startCharacter: number,
    readonly endLine: number,
    readonly endCharacter: number,
  ) {
    this.#source = source;
    this.path = source.path;
  }

  static at(name: string, receiver: string | undefined, kind: GoDecl['kind'], source: FileText, start: number, end: number, from: Position, to: Position): Declaration {
    return new Declaration(name, receiver, kind, source, start, end, from.line, from.character, to.line, to.character);
  }

  get text(): string {
    const source = this.#source;
    if (!source.changed) return source.text.slice(this.start, this.end);
    // The file changed after a warm start vouched for it: the same declaration in the file as it
    // is now, until the watcher's event brings a new outline.
    const now = scanGoSkeleton(source.path, source.text)?.decls.find((d) => d.name === this.name && d.kind === this.kind && d.receiver === this.receiver);
    return now?.text ?? '';
  }

  /** What the declaration is, text included: facts compared as JSON see a changed body. */
  toJSON(): GoDecl {
    return { name: this.name, receiver: this.receiver, kind: this.kind, text: this.text, loc: this.loc };
  }

  get loc(): SourceLocation {
    return (this.#loc ??= {
      path: this.path,
      range: { start: { line: this.startLine, character: this.startCharacter }, end: { line: this.endLine, character: this.endCharacter } },
    });
  }
}
