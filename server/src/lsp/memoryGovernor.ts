// Keeps the server's resident memory near the level indexing left it at. V8 lets its heap grow
// while there is room, so the garbage of an editing session shows up as memory the process never
// gives back; an editor extension that creeps from 250 MB to 400 MB over an afternoon gets
// blamed. A full collection costs tens of milliseconds, so it is run where nobody waits for it:
// once memory has grown past a small slack over the level, when the server has been idle for a
// moment (typing pauses); and past a larger slack at once after a check, so that an edit storm
// that never pauses is still bounded. If live data really grew, the level moves up with it
// instead of collecting again and again.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface MemoryGovernorOptions {
  /** Growth over the level past which a collection waits for an idle moment. */
  idleSlack?: number;
  /** Growth over the level past which a collection runs right after the work. */
  slack?: number;
  /** How long the server must have had nothing to do for an idle collection. */
  idleMs?: number;
  /**
   * Resident memory is read at most this often after work (reading it costs a system call and a
   * parse of /proc, a fair share of a keystroke's check; memory does not run away between reads).
   */
  sampleMs?: number;
  now?: () => number;
  rss?: () => number;
  heapUsed?: () => number;
  collect?: () => void;
}

export class MemoryGovernor {
  private level?: number;
  /** Live heap right after the first collection. */
  private live = 0;
  private idleTimer?: NodeJS.Timeout;
  private readonly collect?: () => void;
  private readonly idleSlack: number;
  private readonly slack: number;
  private readonly idleMs: number;
  private readonly sampleMs: number;
  private readonly now: () => number;
  private sampledAt = -Infinity;
  private readonly rss: () => number;
  private readonly heapUsed: () => number;

  constructor(options: MemoryGovernorOptions = {}) {
    this.idleSlack = options.idleSlack ?? 0.04;
    this.slack = options.slack ?? 0.05;
    this.idleMs = options.idleMs ?? 250;
    this.sampleMs = options.sampleMs ?? 50;
    this.now = options.now ?? (() => performance.now());
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

  /** After a piece of work: collects now past the slack, or soon if nothing else comes past the idle slack. */
  afterWork(): void {
    if (!this.collect || this.level === undefined) return;
    const now = this.now();
    if (now - this.sampledAt < this.sampleMs) return;
    this.sampledAt = now;
    const rss = this.rss();
    if (rss > this.level * (1 + this.slack)) return this.collectNow();
    if (rss > this.level * (1 + this.idleSlack) && !this.idleTimer) {
      this.idleTimer = setTimeout(() => {
        this.idleTimer = undefined;
        this.collectNow();
      }, this.idleMs);
      this.idleTimer.unref?.();
    }
  }

  /** More work is on its way: an idle collection would get in its way, so it waits for the next pause. */
  busy(): void {
    if (!this.idleTimer) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  private collectNow(): void {
    this.busy();
    this.collect!();
    // What a full collection cannot free is live: the level grows with it (resident memory
    // itself lags behind a collection, so it would only ratchet up).
    const live = this.heapUsed();
    if (live > this.live) {
      this.level! += live - this.live;
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
