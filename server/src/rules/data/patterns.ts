// Slash-separated patterns as docs and code write them: `images/<hw-rev>/<version>/firmware.bin`,
// `/devices/{id}`, `/devices/:id`, `runs/*/report.json`. Every placeholder stands for one segment
// (or part of one), so two patterns match when their segments do.

/** Segments with every placeholder written as `*`. */
export function canonicalSegments(pattern: string): string[] {
  return pattern
    .split('/')
    .map((seg) =>
      seg
        .replace(/<[^>]*>|\{[^}]*\}|\$\{[^}]*\}|%[sdvq]|\*+/g, '*')
        .replace(/^:[A-Za-z_]\w*$/, '*')
        .replace(/\*+/g, '*'),
    );
}

export function canonical(pattern: string): string {
  return canonicalSegments(pattern).join('/');
}

export function hasPlaceholder(pattern: string): boolean {
  return canonicalSegments(pattern).some((s) => s.includes('*'));
}

function segmentRegex(seg: string): RegExp {
  return new RegExp('^' + seg.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+') + '$');
}

export function segmentsMatch(a: string, b: string): boolean {
  if (a === b || a === '*' || b === '*') return true;
  if (a.includes('*') && !b.includes('*')) return segmentRegex(a).test(b);
  if (b.includes('*') && !a.includes('*')) return segmentRegex(b).test(a);
  return false;
}

/** Whether two patterns describe the same keys (or routes), segment by segment. */
export function patternsMatch(a: string, b: string): boolean {
  const x = canonicalSegments(a);
  const y = canonicalSegments(b);
  return x.length === y.length && x.every((s, i) => segmentsMatch(s, y[i]));
}

/** Indexes of the segments where two equally long patterns differ. */
export function differingSegments(a: string, b: string): number[] | undefined {
  const x = canonicalSegments(a);
  const y = canonicalSegments(b);
  if (x.length !== y.length) return undefined;
  return x.flatMap((s, i) => (segmentsMatch(s, y[i]) ? [] : [i]));
}
