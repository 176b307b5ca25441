// data-index: the indexes a doc lists for a MongoDB collection ("unique on `serial`", "compound on
// `a` + `b`", "TTL on `resolved_at`") against the index models the code creates. Judged only for
// collections whose indexes the code shows; otherwise nothing is known to compare with.
import type { DataFact, Finding } from '../../engine/types';
import type { BlockRef, InlineCodeRef } from '../../markdown/docModel';
import type { Rule, RuleContext } from '../rule';
import { where } from '../../markdown/claims';
import { nameClaims } from './dataClaims';

interface IndexClaim {
  collection: string;
  fields: string[];
  unique: boolean;
  ttl: boolean;
  /** How long documents live, when the doc says, with the doc's words for it. */
  expiry?: { seconds: number; text: string };
  start: number;
  end: number;
}

interface CodeIndex {
  fields: string[];
  unique: boolean;
  ttl: boolean;
  ttlSeconds?: number;
  fact: DataFact;
}

const COLLECTION_HEADER = /^collections?( name)?$/;
const INDEX_HEADER = /index/;

export const dataIndex: Rule = {
  id: 'data-index',
  family: 'data',
  description: 'An index the doc lists for a MongoDB collection differs from the indexes the code creates.',
  defaultSeverity: 'error',
  fixable: false,
  check(ctx) {
    const byCollection = codeIndexes(ctx.index.data);
    if (byCollection.size === 0) return;
    for (const table of ctx.doc.tables) {
      const col = table.header.findIndex((h) => COLLECTION_HEADER.test(h));
      if (col < 0) continue;
      const indexCols = table.header.map((h, i) => (i !== col && INDEX_HEADER.test(h) ? i : -1)).filter((i) => i >= 0);
      for (const row of table.rows) {
        const cell = row[col];
        const collection = cell?.inlineCodes[0]?.value ?? cell?.text.trim();
        if (!cell || !collection) continue;
        const known = byCollection.get(collection);
        if (!known) continue;
        const claims: IndexClaim[] = [];
        row.forEach((c, i) => {
          if (i === col) return;
          claims.push(...claimsIn(ctx, c, collection, indexCols.includes(i)));
        });
        // Only a column that holds nothing but indexes is a complete list; "Indexes and notes" is not.
        const listsAll = indexCols.some((i) => /^(mongo(db)? )?indexes$/.test(table.header[i]));
        judgeRow(ctx, cell, collection, claims, known, listsAll);
      }
    }
    // Prose: "The `meters` collection has a unique index on `serial`."
    for (const c of nameClaims(ctx.doc, { word: /collections?/, header: /^$/, valid: (v) => byCollection.has(v) })) {
      if (c.block.kind === 'table-cell') continue;
      const known = byCollection.get(c.value)!;
      const sentence = sentenceSpan(ctx, c.block, c.start);
      const codes = c.block.inlineCodes.filter((ic) => ic.start >= sentence.start && ic.end <= sentence.end && ic.start !== c.start);
      const claims = claimsIn(ctx, { start: sentence.start, end: sentence.end, inlineCodes: codes }, c.value, false);
      if (claims.length) judgeRow(ctx, c.block, c.value, claims, known, false);
    }
  },
};

/** Offsets of the sentence around `offset` within a block. */
function sentenceSpan(ctx: RuleContext, block: BlockRef, offset: number): { start: number; end: number } {
  const text = ctx.doc.text.slice(block.start, block.end);
  const at = offset - block.start;
  let start = 0;
  let end = text.length;
  for (const m of text.matchAll(/[.!?](?=\s)/g)) {
    if (m.index! < at) start = m.index! + 1;
    else {
      end = m.index! + 1;
      break;
    }
  }
  return { start: block.start + start, end: block.start + end };
}

function codeIndexes(data: readonly DataFact[]): Map<string, CodeIndex[]> {
  const out = new Map<string, CodeIndex[]>();
  for (const f of data) {
    if (f.kind !== 'mongo-index' || f.value === '*' || !f.detail) continue;
    const [keys, ...flags] = f.detail.split(/\s+/);
    const list = out.get(f.value) ?? [];
    const ttl = flags.find((x) => /^ttl\b/.test(x));
    const seconds = ttl ? /^ttl=(\d+)s$/.exec(ttl)?.[1] : undefined;
    list.push({ fields: keys.split('+').filter(Boolean), unique: flags.includes('unique'), ttl: !!ttl, ttlSeconds: seconds ? Number(seconds) : undefined, fact: f });
    out.set(f.value, list);
  }
  return out;
}

/**
 * Index claims in one cell. Parts are separated by `;` or sentence ends; a part claims an index when
 * it says so ("unique on", "compound on", "TTL on", "index on") or, in an Indexes column, when it
 * is nothing but field names joined by `+`.
 */
function claimsIn(ctx: RuleContext, span: { start: number; end: number; inlineCodes: readonly InlineCodeRef[] }, collection: string, indexColumn: boolean): IndexClaim[] {
  const codes = span.inlineCodes;
  const text = withMarkers(ctx.doc.text, span.start, span.end, codes);
  const out: IndexClaim[] = [];
  const FIELDS = '\\u0001\\d+\\u0002(?:\\s*(?:\\+|,|and)\\s*\\u0001\\d+\\u0002)*';
  for (const clause of text.split(';')) {
    // "TTL on `x`: deleted after 30 days" gives the expiry in the remark after the fields.
    const expiry = durationOf(clause.replace(/\u0001\d+\u0002/g, ' '));
    for (let part of clause.split(/\.\s|:\s/)) {
      // Parentheses hold index names and remarks, never fields.
      part = part.replace(/\([^)]*\)/g, ' ');
      const said = /\b(unique|compound|ttl|index(?:es|ed)?)\b/i.test(part);
      const bare = new RegExp(`^\\s*(unique\\s+|ttl\\s+(?:on\\s+)?)?(${FIELDS})\\s*$`, 'i');
      if (!said && !(indexColumn && bare.test(part))) continue;
      const claim = new RegExp(`(?:\\b(unique|compound|ttl|text|sparse|hashed)\\s+)?(?:\\bindex(?:es|ed)?\\s*)?(?:\\bon\\s+)?(${FIELDS})`, 'gi');
      for (let m; (m = claim.exec(part)); ) {
        const ids = [...m[2].matchAll(/\u0001(\d+)\u0002/g)].map((x) => Number(x[1]));
        const fields = ids.map((i) => codes[i].value.trim());
        if (fields.length === 0 || !fields.every((f) => /^[\w.$]+$/.test(f))) continue;
        const kind = (m[1] ?? '').toLowerCase();
        const ttl = kind === 'ttl';
        out.push({ collection, fields, unique: kind === 'unique', ttl, expiry: ttl ? expiry : undefined, start: codes[ids[0]].start, end: codes[ids[ids.length - 1]].end });
      }
    }
  }
  return out;
}

const UNIT_SECONDS: [RegExp, number][] = [
  [/^(w|weeks?)$/i, 604800],
  [/^(d|days?)$/i, 86400],
  [/^(h|hrs?|hours?)$/i, 3600],
  [/^(m|mins?|minutes?)$/i, 60],
  [/^(s|secs?|seconds?)$/i, 1],
];

/** The one duration a remark gives ("after 30 days", "(14 days)", "72h"), in seconds. */
function durationOf(text: string): { seconds: number; text: string } | undefined {
  const all = [...text.matchAll(/(\d+(?:\.\d+)?)\s*(weeks?|w|days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)\b/gi)];
  if (all.length !== 1) return undefined;
  const unit = UNIT_SECONDS.find(([re]) => re.test(all[0][2]));
  return unit ? { seconds: Number(all[0][1]) * unit[1], text: all[0][0] } : undefined;
}

function humanDuration(seconds: number): string {
  for (const [unit, size] of [['day', 86400], ['hour', 3600], ['minute', 60]] as const) {
    if (seconds % size === 0 && seconds >= size) return `${seconds / size} ${unit}${seconds / size === 1 ? '' : 's'}`;
  }
  return `${seconds}s`;
}

/** The cell's text with each inline code (backticks included) replaced by a numbered marker. */
function withMarkers(doc: string, start: number, end: number, codes: readonly InlineCodeRef[]): string {
  let out = '';
  let pos = start;
  codes.forEach((ic, i) => {
    let s = ic.start;
    while (s > pos && (doc[s - 1] === '`' || doc[s - 1] === ' ')) s--;
    let e = ic.end;
    while (e < end && (doc[e] === '`' || doc[e] === ' ')) e++;
    out += doc.slice(pos, s) + ` \u0001${i}\u0002 `;
    pos = e;
  });
  // Table cells carry their pipes.
  return (out + doc.slice(pos, end)).replace(/^\s*\|/, '').replace(/\|\s*$/, '');
}

function judgeRow(ctx: RuleContext, cell: BlockRef, collection: string, claims: IndexClaim[], known: CodeIndex[], listsAll = true): void {
  const matched = new Set<CodeIndex>();
  let unmatched = false;
  for (const c of claims) {
    const range = ctx.doc.range(c.start, c.end);
    ctx.claimChecked({ range });
    const same = known.find((k) => k.fields.join('+') === c.fields.join('+'));
    const reordered = same ? undefined : known.find((k) => k.fields.length === c.fields.length && [...k.fields].sort().join('+') === [...c.fields].sort().join('+'));
    const claimText = c.fields.map((f) => `\`${f}\``).join(' + ');
    if (same) {
      matched.add(same);
      const problems: string[] = [];
      if (c.unique && !same.unique) problems.push('unique');
      if (c.ttl && !same.ttl) problems.push('a TTL index');
      if (problems.length === 0 && c.expiry && same.ttlSeconds !== undefined && c.expiry.seconds !== same.ttlSeconds) {
        ctx.report(finding(range, `Doc says documents of \`${collection}\` expire after ${c.expiry.text}; the code's TTL index expires them after ${humanDuration(same.ttlSeconds)} (${where(same.fact.loc)}).`, [same]));
        continue;
      }
      if (problems.length) {
        ctx.report(finding(range, `Doc says the index on ${claimText} of \`${collection}\` is ${problems.join(' and ')}; the code's index (${where(same.fact.loc)}) is ${describe(same)}.`, [same]));
      }
      continue;
    }
    if (reordered) {
      matched.add(reordered);
      ctx.report(finding(range, `Doc gives the index of \`${collection}\` as ${claimText}; the code's compound index has the fields in another order: ${describeFields(reordered)} (${where(reordered.fact.loc)}).`, [reordered]));
      continue;
    }
    unmatched = true;
    ctx.report(finding(range, `Doc says \`${collection}\` has an index on ${claimText}; the code creates ${known.map((k) => `${describeFields(k)}${k.unique ? ' (unique)' : ''}${k.ttl ? ' (TTL)' : ''}`).join(', ')} (${where(known[0].fact.loc)}).`, known));
  }
  // The doc lists indexes for this collection; one the code also creates is missing from the list.
  // (An index the doc gets wrong already lists every index the code creates.)
  const omitted = listsAll && claims.length && !unmatched ? known.filter((k) => !matched.has(k) && !claims.some((c) => c.fields.join('+') === k.fields.join('+'))) : [];
  if (omitted.length) {
    const code = cell.inlineCodes[0];
    const range = code ? ctx.doc.range(code.start, code.end) : ctx.doc.range(cell.start, cell.end);
    ctx.report({
      ...finding(range, `The doc lists indexes of \`${collection}\` but not ${omitted.map((k) => `${describeFields(k)}${k.unique ? ' (unique)' : ''}`).join(', ')}, which the code also creates (${where(omitted[0].fact.loc)}).`, omitted),
      severity: 'warning',
    });
  }
}

function describeFields(k: CodeIndex): string {
  return k.fields.map((f) => `\`${f}\``).join(' + ');
}

function describe(k: CodeIndex): string {
  const flags = [k.unique ? 'unique' : 'not unique', k.ttl ? 'a TTL index' : ''].filter(Boolean);
  return flags.join(', ');
}

function finding(range: Finding['range'], message: string, sources: CodeIndex[]): Finding {
  return { range, message, sources: sources.slice(0, 4).map((k) => ({ loc: k.fact.loc, message: `index ${k.fields.join(' + ')}${k.unique ? ' (unique)' : ''}` })) };
}
