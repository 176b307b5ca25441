// Facts from Go sources. Placeholder contract; the tree-sitter implementation replaces the body.
import type { GoFileFacts, GoModule } from '../../engine/types';

export async function initGoParser(): Promise<void> {}

export class GoFactIndex {
  private readonly files = new Map<string, string>();
  set(path: string, text: string): void {
    this.files.set(path, text);
  }
  delete(path: string): void {
    this.files.delete(path);
  }
  /** Per-file facts with constants resolved across files of the workspace. */
  facts(_modules: readonly GoModule[]): GoFileFacts[] {
    return [];
  }
}
