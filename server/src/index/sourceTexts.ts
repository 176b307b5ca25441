// The texts of the indexed files, as each snapshot sees them. A snapshot must not see later
// changes, but copying four thousand entries for every snapshot is most of what a snapshot after
// a one-file change costs: a snapshot keeps the shared base (never changed once handed out) and a
// copy of the few changes since, which are folded into a new base once they add up.
import type { FileText } from './fileText';

/** Changes kept beside the base before they are folded into a new one. */
const FOLD_AT = 64;

export interface TextsView {
  get(path: string): FileText | undefined;
}

export class SourceTexts {
  private base = new Map<string, FileText>();
  /** Paths changed since the base: their text, or undefined when the file went. */
  private delta = new Map<string, FileText | undefined>();

  set(path: string, text: FileText): void {
    this.delta.set(path, text);
  }

  delete(path: string): void {
    this.delta.set(path, undefined);
  }

  /** The texts as they are now, unaffected by later changes. */
  view(): TextsView {
    if (this.delta.size > FOLD_AT) {
      const base = new Map(this.base);
      for (const [path, text] of this.delta) {
        if (text) base.set(path, text);
        else base.delete(path);
      }
      this.base = base;
      this.delta = new Map();
    }
    const base = this.base;
    const delta = new Map(this.delta);
    return { get: (path) => (delta.has(path) ? delta.get(path) : base.get(path)) };
  }
}
