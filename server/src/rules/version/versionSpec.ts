// What a version claim means and whether a real version satisfies it: `1.24+` is a minimum,
// `7.x` a major line, `v1.43` a prefix of `v1.43.0`; `+incompatible` and a leading `v` are noise.

export interface VersionClaim {
  /** Numeric components the doc gave (`1.43` → [1, 43]). */
  parts: number[];
  /** Pre-release or build text after the numbers (`-rc.1`), compared literally when present. */
  suffix: string;
  orLater: boolean;
  wildcard: boolean;
  /** The doc wrote a leading `v` / `go` prefix; fixes keep the doc's style. */
  prefix: string;
  /** What follows the numbers for an "or later" claim (`+`, ` or later`). */
  tail: string;
}

const CLAIM_RE = /^(go|v)?(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?((?:-[0-9A-Za-z.-]+)?)(\+incompatible)?(\+|\s*(?:or later|or newer|and (?:later|above|newer)))?$/i;

export function parseVersionClaim(text: string): VersionClaim | undefined {
  const m = CLAIM_RE.exec(text.trim());
  if (!m) return undefined;
  const parts: number[] = [];
  let wildcard = false;
  for (const p of [m[2], m[3], m[4]]) {
    if (p === undefined) break;
    if (p === 'x' || p === 'X' || p === '*') {
      wildcard = true;
      break;
    }
    parts.push(Number(p));
  }
  return { parts, suffix: m[5] ?? '', orLater: Boolean(m[7]), wildcard, prefix: m[1] ?? '', tail: m[7] ?? '' };
}

export interface RealVersion {
  parts: number[];
  suffix: string;
}

export function parseRealVersion(v: string): RealVersion | undefined {
  const m = /^(?:go|v)?(\d+)(?:\.(\d+))?(?:\.(\d+))?((?:-[0-9A-Za-z.-]+)?)/.exec(v.trim());
  if (!m) return undefined;
  return { parts: [m[1], m[2], m[3]].filter((x) => x !== undefined).map(Number), suffix: m[4] ?? '' };
}

export function satisfies(claim: VersionClaim, real: RealVersion): boolean {
  if (claim.orLater) return compare(real.parts, claim.parts) >= 0;
  for (let i = 0; i < claim.parts.length; i++) if ((real.parts[i] ?? 0) !== claim.parts[i]) return false;
  // A suffix the doc spells out must match; one only the code has (a pseudo-version tail) is detail.
  if (claim.suffix && claim.parts.length >= 3 && claim.suffix !== real.suffix) return false;
  return true;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** The real version written the way the doc wrote its claim (same prefix, same precision). */
export function rewriteLike(claim: VersionClaim, realText: string): string {
  const real = parseRealVersion(realText);
  if (!real) return realText;
  const core = realText.replace(/^(go|v)/, '');
  let body: string;
  if (claim.wildcard) body = `${real.parts.slice(0, claim.parts.length).join('.')}${claim.parts.length ? '.' : ''}x`;
  else if (claim.parts.length >= 3 || claim.parts.length >= real.parts.length) body = core;
  else body = real.parts.slice(0, claim.parts.length).join('.');
  return `${claim.prefix}${body}${claim.tail}`;
}
