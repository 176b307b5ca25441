// NATS subject patterns: what a doc writes (`bot.<id>.heartbeat`, `rollout.{id}.ack`) and what the
// code builds (`bot.*.heartbeat`), compared with NATS wildcard semantics (`*` one token, `>` the rest).

/** Turns doc placeholders into `*`; returns undefined when the text is not subject-shaped. */
export function normaliseSubject(text: string): string | undefined {
  const t = text.trim();
  if (!/^[A-Za-z0-9_$<>{}:*\-]+(\.[A-Za-z0-9_$<>{}:*\-]+)+$/.test(t) && !/^[A-Za-z0-9_-]+\.>$/.test(t)) return undefined;
  const tokens = t.split('.').map((tok) => (/^(<[^>]+>|\{[^}]+\}|:[A-Za-z_]\w*|\$[A-Za-z_]\w*|\*)$/.test(tok) ? '*' : tok));
  if (tokens.some((tok) => tok !== '>' && /[<>{}]/.test(tok))) return undefined;
  return tokens.join('.');
}

/** True when some concrete subject could match both patterns. */
export function subjectsOverlap(a: string, b: string): boolean {
  const x = a.split('.');
  const y = b.split('.');
  for (let i = 0; ; i++) {
    if (x[i] === '>' || y[i] === '>') return i < x.length && i < y.length;
    if (i >= x.length || i >= y.length) return x.length === y.length;
    if (x[i] !== '*' && y[i] !== '*' && x[i] !== y[i]) return false;
  }
}

/** True when every subject matching `inner` is matched by `outer` (a stream's subjects cover it). */
export function subjectCovers(outer: string, inner: string): boolean {
  const o = outer.split('.');
  const n = inner.split('.');
  for (let i = 0; i < o.length; i++) {
    if (o[i] === '>') return n.length > i;
    if (i >= n.length) return false;
    if (n[i] === '>') return false;
    if (o[i] !== '*' && o[i] !== n[i]) return false;
  }
  return o.length === n.length;
}

