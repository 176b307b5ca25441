// A source file's text as the index holds it. A file read from disk holds its text from the start;
// a file a warm start vouched for by its size and times (its facts come from the fact cache) is
// read only when someone asks for its text: a hover, a snippet compared with a declaration, a
// resolution that needs the file in full. Most never are.
import { contentHash } from './contentHash';

/** What a host hands in to read a file later: its current text, or undefined when it cannot be read. */
export type TextReader = () => string | undefined;

export class FileText {
  #text: string | undefined;
  #read: TextReader | undefined;
  /** The content hash: the one the cache recorded (a late read is checked against it), or the text's. */
  #hash: string | undefined;
  readonly #vouched: boolean;
  #changed = false;
  #key: string | undefined;

  private constructor(readonly path: string, text: string | undefined, read: TextReader | undefined, hash: string | undefined) {
    this.#text = text;
    this.#read = read;
    this.#hash = hash;
    this.#vouched = text === undefined;
  }

  static of(path: string, text: string, hash?: string): FileText {
    return new FileText(path, text, undefined, hash);
  }

  /** A file not read yet, whose content is expected to hash to `hash`. */
  static later(path: string, hash: string, read: TextReader): FileText {
    return new FileText(path, undefined, read, hash);
  }

  get text(): string {
    if (this.#text === undefined) {
      const read = this.#read?.();
      this.#read = undefined;
      this.#text = read ?? '';
      // The file changed after the start-up check vouched for it: what was learnt about the old
      // content no longer lines up with this text (a watcher event brings the new facts).
      this.#changed = read !== undefined && this.#vouched && contentHash(read) !== this.#hash;
    }
    return this.#text;
  }

  /** The content hash (of the content the cache vouched for, for a file not read yet). */
  get hash(): string {
    return (this.#hash ??= contentHash(this.text));
  }

  /** What is kept per file content is kept under this: path, NUL, content hash. */
  get key(): string {
    return (this.#key ??= `${this.path}\0${this.hash}`);
  }

  /** Whether the text was read (or given) already. */
  get loaded(): boolean {
    return this.#text !== undefined;
  }

  /**
   * Whether a late read found other content than the cache knew: offsets recorded for the old
   * content do not apply to `text`.
   */
  get changed(): boolean {
    return this.text !== undefined && this.#changed;
  }
}
