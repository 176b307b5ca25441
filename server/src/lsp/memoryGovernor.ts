// Keeps the server's resident memory near the level indexing left it at. V8 lets its heap grow
// while there is room, so the garbage of an editing session shows up as memory the process never
// gives back; an editor extension that creeps from 250 MB to 400 MB over an afternoon gets
// blamed. After a check, when resident memory has grown past a slack over that level, a full
// collection runs (between messages, never during a check). If live data really grew, the level
// moves up with it instead of collecting again and again.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export class MemoryGovernor {
  private level?: number;
  /** Live heap right after the first collection. */
  private live = 0;
  private readonly collect?: () => void;

  private readonly slack: number;
  private readonly rss: () => number;
  private readonly heapUsed: () => number;

  constructor(options: { slack?: number; rss?: () => number; heapUsed?: () => number; collect?: () => void } = {}) {
    this.slack = options.slack ?? 0.08;
    this.rss = options.rss ?? (() => process.memoryUsage.rss());
    this.heapUsed = options.heapUsed ?? (() => process.memoryUsage().heapUsed);
    this.collect = options.collect ?? exposedCollector();
  }

  /** Once the index is loaded: collects and takes the resident size as the level to keep. */
  settle(): void {
    this.collect?.();
    this.level = this.rss();
    this.live = this.heapUsed();
  }

  /** After a piece of work: collects when memory has grown past the slack over the level. */
  afterWork(): void {
    if (!this.collect || this.level === undefined) return;
    if (this.rss() <= this.level * (1 + this.slack)) return;
    this.collect();
    // What a full collection cannot free is live: the level grows with it (resident memory
    // itself lags behind a collection, so it would only ratchet up).
    const live = this.heapUsed();
    if (live > this.live) {
      this.level += live - this.live;
      this.live = live;
    }
  }
}

function exposedCollector(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    // Without a collector to call, memory is left to V8.
    return undefined;
  }
}
