// data-object-key: an object key layout the doc gives (`images/<hw-rev>/<version>/firmware.bin`)
// that matches no key the code builds (`images/*/*/firmware.bin`).
import type { DataFact, Finding, Fix } from '../../engine/types';
import type { Rule, RuleContext } from '../rule';
import { where } from '../../markdown/claims';
import { resolveClaim } from '../path/resolvePaths';
import { pathClaimOf } from '../path/pathLike';
import { headingContext, nearest, sentenceAt, type NameClaim } from './dataClaims';
import { canonical, canonicalSegments, differingSegments, hasPlaceholder, patternsMatch } from './patterns';

const KEY_WORDS = /\b(objects?|keys?|prefix(es)?|buckets?|minio|s3|uploads?|uploaded|stored (as|under|at|in))\b/i;
const KEY_HEADER = /^(object keys?|objects?|keys?|key pattern|prefix(es)?|object key layout)$/;

function looksLikeKey(v: string): boolean {
  return /^[^\s/][^\s]*\/[^\s]+$/.test(v) && !v.includes('://') && !/^[a-z0-9-]+(\.[a-z0-9-]+)+\//i.test(v);
}

export const dataObjectKey: Rule = {
  id: 'data-object-key',
  family: 'data',
  description: 'An object key pattern given by the doc matches no key the code builds.',
  defaultSeverity: 'error',
  fixable: true,
  check(ctx) {
    const facts = ctx.index.data.filter((d) => d.kind === 'object-key');
    if (facts.length === 0) return;
    const firstLiterals = new Set(facts.map((f) => canonicalSegments(f.value)[0]).filter((s) => !s.includes('*')));
    const claims = keyClaims(ctx, firstLiterals);
    const matchedElsewhere = new Set<string>();
    const results = claims.map((c) => {
      const hits = facts.filter((f) => patternsMatch(c.value, f.value));
      for (const h of hits) matchedElsewhere.add(h.value);
      return { c, hits };
    });
    for (const { c, hits } of results) {
      ctx.claimChecked({ range: ctx.doc.range(c.start, c.end) });
      if (hits.length) continue;
      ctx.report(unknownKey(ctx, c, facts, matchedElsewhere));
    }
  },
};

function keyClaims(ctx: RuleContext, firstLiterals: Set<string>): NameClaim[] {
  const out: NameClaim[] = [];
  for (const block of ctx.doc.blocks) {
    for (const ic of block.inlineCodes) {
      const v = ic.value.trim();
      if (!looksLikeKey(v)) continue;
      const inKeyColumn = block.kind === 'table-cell' && block.table && block.column !== undefined && KEY_HEADER.test(block.table.header[block.column] ?? '');
      const context = KEY_WORDS.test(sentenceAt(ctx.doc, block, ic.start)) || KEY_WORDS.test(headingContext(ctx.doc, ic.start));
      const sameNamespace = firstLiterals.has(canonicalSegments(v)[0]);
      if (!inKeyColumn && !context && !sameNamespace) continue;
      // Keys under a prefix the code never writes belong to code the index could not read (keys
      // built in loops, from maps); nothing there can be compared.
      if (!sameNamespace) continue;
      // A path that exists in the repository is a path, whatever the sentence says.
      const asPath = pathClaimOf(v);
      if (asPath && resolveClaim(ctx.index, asPath.path, asPath.kind, [''])) continue;
      if (!hasPlaceholder(v) && !inKeyColumn && !context) continue;
      out.push({ value: v, start: ic.start, end: ic.start + v.length, block });
    }
  }
  return out;
}

function unknownKey(ctx: RuleContext, c: NameClaim, facts: readonly DataFact[], matchedElsewhere: Set<string>): Finding {
  const values = [...new Set(facts.map((f) => f.value))];
  // A key differing from a code key in one literal segment is that key, renamed.
  const oneOff = values.filter((v) => differingSegments(c.value, v)?.length === 1);
  const fresh = oneOff.filter((v) => !matchedElsewhere.has(v));
  const target = fresh.length === 1 ? fresh[0] : oneOff.length === 1 ? oneOff[0] : undefined;
  const fixes: Fix[] = [];
  let shown: string[];
  if (target) {
    const i = differingSegments(c.value, target)![0];
    const seg = canonicalSegments(target)[i];
    shown = [target];
    if (!seg.includes('*')) {
      const rawSegs = c.value.split('/');
      const offset = rawSegs.slice(0, i).reduce((n, s) => n + s.length + 1, 0);
      const start = c.start + offset;
      fixes.push({ title: `Change to \`${seg}\``, edits: [{ range: ctx.doc.range(start, start + rawSegs[i].length), newText: seg }], isPreferred: true });
    }
  } else {
    const near = nearest(canonical(c.value), values.map(canonical));
    shown = near ? values.filter((v) => canonical(v) === near.value) : values.slice(0, 3);
  }
  const srcs = facts.filter((f) => shown.includes(f.value));
  const codeSays = shown.map((v) => `\`${v}\``).join(' or ');
  return {
    range: ctx.doc.range(c.start, c.end),
    message: `Doc gives object key \`${c.value}\`; the code builds ${codeSays}${srcs[0] ? ` (${where(srcs[0].loc)})` : ''}, and no key like the doc's.`,
    sources: srcs.slice(0, 3).map((f) => ({ loc: f.loc, message: `object key \`${f.value}\`` })),
    fixes: fixes.length ? fixes : undefined,
  };
}
