// Per-check memoisation. Several rules read the same analysis of one document against one index
// snapshot; computing it once per pair keeps a check linear, and weak keys let both go when the
// editor moves on to a newer text or snapshot.

/** Keyed by `key`; further arguments are what to compute the value with, not part of its key. */
export function memoize<K extends object, T, R extends unknown[] = []>(compute: (key: K, ...rest: R) => T): (key: K, ...rest: R) => T {
  const cache = new WeakMap<K, T>();
  return (key, ...rest) => {
    if (cache.has(key)) return cache.get(key)!;
    const value = compute(key, ...rest);
    cache.set(key, value);
    return value;
  };
}

/** Keyed by `a` and `b`; further arguments are what to compute the value with, not part of its key. */
export function memoize2<A extends object, B extends object, T, R extends unknown[] = []>(compute: (a: A, b: B, ...rest: R) => T): (a: A, b: B, ...rest: R) => T {
  const outer = new WeakMap<A, WeakMap<B, T>>();
  return (a, b, ...rest) => {
    let inner = outer.get(a);
    if (!inner) outer.set(a, (inner = new WeakMap()));
    if (inner.has(b)) return inner.get(b)!;
    const value = compute(a, b, ...rest);
    inner.set(b, value);
    return value;
  };
}
