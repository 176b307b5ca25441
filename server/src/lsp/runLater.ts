/**
 * Runs `fn` after `delayMs`, or with no delay as soon as the messages already received are read (a
 * zero timeout still waits a millisecond or more). Returns what cancels it.
 */
export function runLater(fn: () => void, delayMs: number): () => void {
  if (delayMs > 0) {
    const timer = setTimeout(fn, delayMs);
    return () => clearTimeout(timer);
  }
  const immediate = setImmediate(fn);
  return () => clearImmediate(immediate);
}
