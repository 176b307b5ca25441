// A Go declaration as the index keeps it. A workspace has a hundred thousand of them; as plain
// objects each was five (the declaration, its location, range and two positions), and marking
// half a million objects is most of what a full garbage collection of the server costs. One
// object holds the numbers; the location objects are built the first time anyone asks for them.
import type { Position } from 'vscode-languageserver-types';
import type { GoDecl, SourceLocation } from '../engine/types';

export class Declaration implements GoDecl {
  #loc?: SourceLocation;

  constructor(
    readonly name: string,
    readonly receiver: string | undefined,
    readonly kind: GoDecl['kind'],
    readonly text: string,
    readonly path: string,
    readonly startLine: number,
    readonly startCharacter: number,
    readonly endLine: number,
    readonly endCharacter: number,
  ) {}

  static at(name: string, receiver: string | undefined, kind: GoDecl['kind'], text: string, path: string, start: Position, end: Position): Declaration {
    return new Declaration(name, receiver, kind, text, path, start.line, start.character, end.line, end.character);
  }

  get loc(): SourceLocation {
    return (this.#loc ??= {
      path: this.path,
      range: { start: { line: this.startLine, character: this.startCharacter }, end: { line: this.endLine, character: this.endCharacter } },
    });
  }
}
