// Coalesces watched-file events. A branch switch or a code generator touches hundreds of files at
// once; they become one batch (last event per file wins) and one re-check, not hundreds.
import { runLater } from './runLater';
import type { FileEvent } from './workspaceFolder';

export class FileEventQueue {
  private readonly pending = new Map<string, FileEvent>();
  /** Cancels the pending drain, if one is scheduled. */
  private cancel?: () => void;
  private firstAt = 0;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly flush: (events: FileEvent[]) => Promise<void>,
    /** Quiet time that ends a burst. */
    private readonly quietMs = 100,
    /** A burst that never goes quiet is still flushed this often. */
    private readonly maxWaitMs = 1000,
  ) {}

  add(events: readonly FileEvent[]): void {
    if (events.length === 0) return;
    if (this.pending.size === 0) this.firstAt = Date.now();
    for (const e of events) this.pending.set(e.uri, e);
    this.cancel?.();
    const wait = Math.max(0, Math.min(this.quietMs, this.firstAt + this.maxWaitMs - Date.now()));
    this.cancel = runLater(() => this.drain(), wait);
  }

  /** Resolves once every event added so far has been handled. */
  async idle(): Promise<void> {
    if (this.cancel) {
      this.cancel();
      this.drain();
    }
    await this.running;
  }

  private drain(): void {
    this.cancel = undefined;
    const batch = [...this.pending.values()];
    this.pending.clear();
    if (batch.length === 0) return;
    // Batches run one after another so a later event is never applied before an earlier one.
    this.running = this.running.then(() => this.flush(batch)).catch(() => undefined);
  }
}
