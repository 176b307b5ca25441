// Options a client may pass in `initializationOptions`. All are optional; anything malformed keeps
// its default, because a typo in an editor's config must not stop the server.

export interface ServerOptions {
  /** Typing pause before a check starts. 0 checks on every change (benchmarks, scripted clients). */
  debounceMs: number;
  /** Quiet time that ends a burst of watched-file events. */
  watchDebounceMs: number;
  /**
   * Folder for the persisted fact cache (VS Code passes its workspace storage here). Without it
   * nothing is written: the server never puts files in the user's workspace on its own.
   */
  cacheDir?: string;
}

export const DEFAULT_SERVER_OPTIONS: ServerOptions = { debounceMs: 150, watchDebounceMs: 100 };

export function readServerOptions(raw: unknown): ServerOptions {
  const o = { ...DEFAULT_SERVER_OPTIONS };
  if (!raw || typeof raw !== 'object') return o;
  const r = raw as Record<string, unknown>;
  const delay = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 60_000 ? v : fallback);
  o.debounceMs = delay(r.debounceMs, o.debounceMs);
  o.watchDebounceMs = delay(r.watchDebounceMs, o.watchDebounceMs);
  const dir = typeof r.cacheDir === 'string' ? r.cacheDir : typeof r.storagePath === 'string' ? r.storagePath : undefined;
  if (dir && dir.trim()) o.cacheDir = dir;
  return o;
}
