// nats-unknown-subject, nats-direction, nats-stream, nats-stream-subjects, nats-queue-group:
// subjects, who publishes and consumes them, streams and durable/queue names vs the Go code.
import { distance } from 'fastest-levenshtein';
import type { NatsFact, StreamFact } from '../../engine/types';
import type { ServiceInfo } from '../../index/snapshot';
import { trimmedSpan, where } from '../../markdown/claims';
import type { Rule, RuleContext } from '../rule';
import { findStreamClaims, findSubjectClaims, type SubjectClaim } from './natsClaims';
import { subjectCovers, subjectsOverlap } from './subjects';
import { parseGoDuration } from '../env/defaultValues';
import { memoize, memoize2 } from '../../engine/memo';

const FLOW_ROLES = new Set(['publish', 'subscribe', 'request', 'consumer-filter']);

// Every keystroke asks again; the answers stay while the facts are the same objects.
const flowOf = memoize((nats: readonly NatsFact[]) => nats.filter((f) => FLOW_ROLES.has(f.role)));

function flowFacts(ctx: RuleContext): NatsFact[] {
  return flowOf(ctx.index.nats);
}

/** The first token of every subject the code uses: a claim starting otherwise is a guess, not a typo. */
const firstTokensOf = memoize2((flow: readonly NatsFact[], streams: readonly StreamFact[]) => new Set([...flow.map((f) => f.subject.split('.')[0]), ...streams.flatMap((s) => s.subjects.map((x) => x.split('.')[0]))]));

function subjectClaims(ctx: RuleContext): SubjectClaim[] {
  const keys = ctx.index.envNames.keys;
  const facts = flowFacts(ctx);
  return findSubjectClaims(ctx.doc, ctx.index, keys).filter((c) => {
    if (c.explicit) return true;
    // Unexplained dotted words are subjects only when the code uses them; a stream wildcard
    // covering `parcel.retention` proves nothing.
    return facts.some((f) => subjectsOverlap(f.subject, c.subject));
  });
}

export const natsUnknownSubject: Rule = {
  id: 'nats-unknown-subject',
  family: 'nats',
  description: 'A NATS subject the doc names is published, subscribed or filtered somewhere in the code.',
  defaultSeverity: 'error',
  fixable: true,
  check(ctx) {
    const facts = flowFacts(ctx);
    if (!facts.length) return;
    const firstTokens = firstTokensOf(facts, ctx.index.streams);
    for (const c of subjectClaims(ctx)) {
      // A wildcard the doc writes (`telemetry.>`) is a claim about a stream or filter, judged there.
      if (c.subject.endsWith('>') && ctx.index.streams.some((s) => s.subjects.includes(c.subject))) continue;
      if (!firstTokens.has(c.subject.split('.')[0]) && !c.explicit) continue;
      const matching = facts.filter((f) => subjectsOverlap(f.subject, c.subject));
      ctx.claimChecked({ range: ctx.doc.range(c.start, c.end), sources: matching.map((f) => f.loc) });
      if (matching.length) continue;
      const near = [...new Set(facts.map((f) => f.subject))].map((s) => ({ s, d: distance(s, c.subject) })).sort((a, b) => a.d - b.d);
      const best = near[0] && near[0].d <= Math.max(3, c.subject.length / 3) ? near.filter((n) => n.d === near[0].d).map((n) => n.s) : [];
      const range = ctx.doc.range(c.start, c.end);
      const sources = facts.filter((f) => best.includes(f.subject)).map((f) => ({ loc: f.loc, message: `${f.role} ${f.subject}` }));
      ctx.report({
        range,
        // A first token nobody uses may be a subject built from configuration: say so less loudly.
        severity: firstTokens.has(c.subject.split('.')[0]) ? 'error' : 'warning',
        message: `Doc names subject \`${c.written}\`, but no code publishes or subscribes to it${best.length ? `; nearest: ${best.map((b) => `\`${b}\``).join(', ')}${sources[0] ? ` (${where(sources[0].loc)})` : ''}` : ''}.`,
        sources,
        // Only a typo is fixed unasked (one character off, or two when the doc names the real
        // subject nowhere else): a further one is likely another message, not a misspelling.
        fixes: best.map((b) => ({
          title: `Change to ${toDocStyle(b, c.written)}`,
          edits: [{ range, newText: toDocStyle(b, c.written) }],
          isPreferred: best.length === 1 && (near[0].d <= 1 || (near[0].d <= 2 && !subjectClaims(ctx).some((o) => o !== c && o.subject === b))),
        })),
      });
    }
  },
};

/** Rewrites a code pattern in the doc's placeholder style: `rollout.*.ack` + `rollout.<id>.status` → `rollout.<id>.ack`. */
function toDocStyle(pattern: string, written: string): string {
  const placeholders = written.split('.').filter((t) => /^(<[^>]+>|\{[^}]+\}|:[A-Za-z_]\w*)$/.test(t));
  let i = 0;
  return pattern
    .split('.')
    .map((t) => (t === '*' && placeholders.length ? placeholders[Math.min(i++, placeholders.length - 1)] : t))
    .join('.');
}

function matchesFor(ctx: RuleContext, subject: string, roles: string[]): NatsFact[] {
  return flowFacts(ctx).filter((f) => roles.includes(f.role) && subjectsOverlap(f.subject, subject));
}

function ownerNames(ctx: RuleContext, facts: NatsFact[]): string[] {
  return [...new Set(facts.flatMap((f) => ctx.index.services.filter((s) => ctx.index.belongsTo(f, s.name)).map((s) => s.name)))];
}

export const natsDirection: Rule = {
  id: 'nats-direction',
  family: 'nats',
  description: 'The services a doc says publish or consume a subject are the ones whose code does.',
  defaultSeverity: 'error',
  fixable: false,
  check(ctx) {
    for (const c of subjectClaims(ctx)) {
      const sides: [string, SubjectClaim['publishers'], string[]][] = [
        ['publishes', c.publishers, ['publish', 'request']],
        ['consumes', c.subscribers, ['subscribe', 'consumer-filter']],
      ];
      for (const [verb, side, roles] of sides) {
        if (!side || !side.services.length) continue;
        const facts = matchesFor(ctx, c.subject, roles);
        const owners = ownerNames(ctx, facts);
        // Only judge when the code clearly attributes the subject to some service.
        if (!owners.length) continue;
        const span = trimmedSpan(ctx.doc, side.cell);
        const range = ctx.doc.range(span.start, span.end);
        ctx.claimChecked({ range });
        const wrong = side.services.filter((s: ServiceInfo) => !facts.some((f) => ctx.index.belongsTo(f, s.name)));
        if (!wrong.length) continue;
        ctx.report({
          range,
          message: `Doc says ${wrong.map((s) => s.name).join(', ')} ${verb} \`${c.written}\`; in the code only ${owners.join(', ')} does (${facts.map((f) => where(f.loc)).slice(0, 3).join(', ')}).`,
          sources: facts.map((f) => ({ loc: f.loc, message: `${f.role} ${f.subject}` })),
        });
      }
    }
  },
};

export const natsQueueGroup: Rule = {
  id: 'nats-queue-group',
  family: 'nats',
  description: 'Queue groups and durable consumer names in the doc exist in the code.',
  defaultSeverity: 'error',
  fixable: true,
  check(ctx) {
    const names = new Set(ctx.index.nats.flatMap((f) => [f.queue, f.durable]).filter((x): x is string => Boolean(x)));
    if (!names.size) return;
    const groups = [...subjectClaims(ctx).flatMap((c) => c.groups), ...proseGroups(ctx)];
    for (const g of [...new Map(groups.map((x) => [x.start, x])).values()]) {
      const range = ctx.doc.range(g.start, g.end);
      const deciding = ctx.index.nats.filter((f) => f.queue === g.value || f.durable === g.value);
      ctx.claimChecked({ range, sources: deciding.map((f) => f.loc) });
      if (deciding.length) continue;
      // A near miss is the fix; several names the code spells differently (`notifiers` vs `ledger-notifiers`) are candidates.
      const ranked = [...names].map((n) => ({ n, d: distance(n, g.value), affix: n.endsWith(`-${g.value}`) || n.startsWith(`${g.value}-`) || g.value.endsWith(`-${n}`) })).sort((a, b) => Number(b.affix) - Number(a.affix) || a.d - b.d);
      const best = ranked[0] && (ranked[0].affix || ranked[0].d <= 3) ? ranked[0].n : undefined;
      ctx.report({
        range,
        message: `Doc names queue group/durable \`${g.value}\`; the code has ${[...names].map((n) => `\`${n}\``).join(', ')}.`,
        sources: ctx.index.nats.filter((f) => f.queue === best || f.durable === best).map((f) => ({ loc: f.loc, message: `${f.queue === best ? 'queue group' : 'durable'} ${best}` })),
        fixes: best ? [{ title: `Change to ${best}`, edits: [{ range, newText: best }], isPreferred: true }] : [],
      });
    }
  },
};

/** "the queue group `x`", "durable consumer `x`", "durable `x`" written in prose. */
function proseGroups(ctx: RuleContext): { value: string; start: number; end: number }[] {
  const out: { value: string; start: number; end: number }[] = [];
  for (const block of ctx.doc.blocks) {
    if (block.kind === 'table-cell' || block.kind === 'heading') continue;
    for (const ic of block.inlineCodes) {
      const before = ctx.doc.text.slice(Math.max(block.start, ic.start - 40), ic.start - 1);
      if (/\b(queue group|queue|durable(?: (?:pull|push))?(?: consumer)?|consumer group)\s*$/i.test(before) && /^[\w-]+$/.test(ic.value)) out.push(ic);
    }
  }
  return out;
}

export const natsStream: Rule = {
  id: 'nats-stream',
  family: 'nats',
  description: 'JetStream streams in the doc exist, with the subjects and settings the code gives them.',
  defaultSeverity: 'error',
  fixable: true,
  check(ctx) {
    const streams = ctx.index.streams;
    if (!streams.length) return;
    for (const claim of findStreamClaims(ctx.doc)) {
      const nameRange = ctx.doc.range(claim.start, claim.end);
      ctx.claimChecked({ range: nameRange });
      const real = streams.find((s) => s.name === claim.name);
      if (!real) {
        const near = [...streams].sort((a, b) => distance(a.name, claim.name) - distance(b.name, claim.name))[0];
        ctx.report({ range: nameRange, message: `Doc names stream \`${claim.name}\`; the code defines ${streams.map((s) => `\`${s.name}\``).join(', ')}.`, sources: [{ loc: near.loc, message: near.name }], fixes: distance(near.name, claim.name) <= 3 ? [{ title: `Change to ${near.name}`, edits: [{ range: nameRange, newText: near.name }], isPreferred: true }] : [] });
        continue;
      }
      const docSubjects = claim.subjects.map((s) => s.value.trim());
      if (docSubjects.length && !sameSet(docSubjects, real.subjects)) {
        const first = claim.subjects[0];
        const last = claim.subjects[claim.subjects.length - 1];
        const range = ctx.doc.range(first.start, last.end);
        const single = claim.subjects.length === 1 && real.subjects.length === 1;
        ctx.report({
          range,
          message: `Doc says stream \`${real.name}\` takes ${docSubjects.map((s) => `\`${s}\``).join(', ')}; the code gives it ${real.subjects.map((s) => `\`${s}\``).join(', ')} (${where(real.loc)}).`,
          sources: [{ loc: real.settingLocs.Subjects ?? real.loc, message: `Subjects of ${real.name}` }],
          fixes: single ? [{ title: `Change to ${real.subjects[0]}`, edits: [{ range, newText: real.subjects[0] }], isPreferred: true }] : [],
        });
      }
      for (const setting of claim.settings) judgeSetting(ctx, real, setting.column, setting.cell);
    }
    checkProseStreamSettings(ctx, streams);
    // A subject table's Stream column must name a stream whose subjects cover the subject.
    for (const c of subjectClaims(ctx)) {
      if (!c.stream) continue;
      const real = streams.find((s) => s.name === c.stream!.name);
      if (!real) continue;
      const range = ctx.doc.range(c.stream.start, c.stream.end);
      ctx.claimChecked({ range });
      if (real.subjects.some((s) => subjectCovers(s, c.subject) || subjectsOverlap(s, c.subject))) continue;
      const owner = streams.find((s) => s.subjects.some((x) => subjectCovers(x, c.subject)));
      ctx.report({ range, message: `Doc puts \`${c.written}\` in stream \`${real.name}\` (${real.subjects.join(', ')})${owner ? `; it belongs to \`${owner.name}\`` : ''}.`, sources: [{ loc: real.loc, message: real.name }] });
    }
  },
};

const SETTING_COLUMNS: [RegExp, string][] = [
  [/retention/, 'Retention'],
  [/storage/, 'Storage'],
  [/max ?age|ttl|kept for/, 'MaxAge'],
  [/duplicate/, 'Duplicates'],
  [/discard/, 'Discard'],
];

function judgeSetting(ctx: RuleContext, stream: StreamFact, column: string, cell: { text: string; start: number; end: number; inlineCodes: { value: string; start: number; end: number }[] } | undefined): void {
  if (!cell) return;
  const key = SETTING_COLUMNS.find(([re]) => re.test(column))?.[1];
  if (!key) return;
  const span = cell.inlineCodes[0] ?? trimmedSpan(ctx.doc, cell);
  judgeStreamValue(ctx, stream, key, { text: ctx.doc.text.slice(span.start, span.end).trim(), start: span.start, end: span.end });
}

/** One stream setting as the doc writes it (`7 days`, `work-queue`, `file`) against the code's. */
function judgeStreamValue(ctx: RuleContext, stream: StreamFact, key: string, written: { text: string; start: number; end: number }): void {
  const real = stream.settings[key];
  if (!real || real.kind === 'unknown' || !written.text || /^[A-Z][A-Z0-9_]+$/.test(written.text)) return;
  let same: boolean;
  if (key === 'MaxAge' || key === 'Duplicates') {
    const ns = humanDuration(written.text);
    if (ns === undefined) return;
    same = ns === (real.numeric ?? 0);
  } else same = written.text.toLowerCase().replace(/[^a-z]/g, '').startsWith(real.display.toLowerCase().replace(/[^a-z]/g, ''));
  const range = ctx.doc.range(written.start, written.end);
  const loc = stream.settingLocs[key] ?? stream.loc;
  ctx.claimChecked({ range, sources: [loc] });
  if (same) return;
  const rewrite = key === 'MaxAge' || key === 'Duplicates' ? durationLike(written.text, real.numeric ?? 0, real.display) : real.display;
  ctx.report({
    range,
    message: `Doc says stream \`${stream.name}\` has ${key} ${written.text}; the code sets ${real.display} (${where(loc)}).`,
    sources: [{ loc, message: `${key}: ${real.source}` }],
    fixes: rewrite ? [{ title: `Change to ${rewrite}`, edits: [{ range, newText: rewrite }], isPreferred: true }] : [],
  });
}

/** A duration in the words the doc used: `7 days` → `14 days`; `72h` → the code's own spelling. */
function durationLike(written: string, ns: number, display: string): string | undefined {
  const m = /^\d+(?:\.\d+)?(\s*)(second|minute|hour|day|week)s?$/i.exec(written.trim());
  if (!m) return parseGoDuration(written) !== undefined ? display : undefined;
  const unit = { second: 1e9, minute: 60e9, hour: 3600e9, day: 86400e9, week: 604800e9 }[m[2].toLowerCase() as 'second'];
  const n = ns / unit;
  if (!Number.isInteger(n) || n <= 0) return display;
  return `${n}${m[1]}${m[2]}${n === 1 ? '' : 's'}`;
}

const DURATION_WORDS = String.raw`\d+(?:\.\d+)?\s*(?:seconds?|minutes?|hours?|days?|weeks?)|\d+(?:ns|us|ms|s|m|h)`;

/** Stream settings in prose: "dropped after 7 days (MaxAge)", "a duplicate window of 2 minutes", "work-queue retention, file storage". */
const PROSE_SETTINGS: [string, RegExp][] = [
  ['MaxAge', new RegExp(String.raw`\b(?:MaxAge|max(?:imum)? age)\b\W{0,4}(?:of\s+)?\x60?(${DURATION_WORDS})`, 'i')],
  ['MaxAge', new RegExp(String.raw`\b(?:dropped|deleted|discarded|expired?|removed|kept|retained|stored)\s+(?:after|for)\s+(${DURATION_WORDS})`, 'i')],
  ['Duplicates', new RegExp(String.raw`\bduplicates?(?: detection)? window\W{0,4}(?:of\s+)?\x60?(${DURATION_WORDS})`, 'i')],
  ['Retention', /\b(work-?queue|interest|limits)(?:-based)?\s+retention\b/i],
  ['Storage', /\b(file|memory)\s+storage\b/i],
];

/** Settings of the stream a passage is about: named in the block, or earlier in the same section. */
function checkProseStreamSettings(ctx: RuleContext, streams: readonly StreamFact[]): void {
  let current: StreamFact | undefined;
  for (const block of ctx.doc.blocks) {
    if (block.kind === 'heading') {
      current = undefined;
      continue;
    }
    if (block.kind === 'table-cell') continue;
    const raw = ctx.doc.text.slice(block.start, block.end);
    const named = streams.find((st) => block.inlineCodes.some((ic) => ic.value === st.name) || new RegExp(String.raw`\bstream\s+${st.name}\b`).test(raw));
    if (named) current = named;
    if (!current) continue;
    for (const [key, re] of PROSE_SETTINGS) {
      const m = re.exec(raw);
      if (!m) continue;
      const at = block.start + m.index + m[0].lastIndexOf(m[1]);
      judgeStreamValue(ctx, current, key, { text: m[1], start: at, end: at + m[1].length });
    }
  }
}

/** `7 days`, `72h`, `none`, `2 minutes` → nanoseconds (none = 0). */
function humanDuration(text: string): number | undefined {
  const t = text.toLowerCase().trim();
  if (/^(none|unlimited|forever|no limit|-|—|0)$/.test(t)) return 0;
  const go = parseGoDuration(t);
  if (go !== undefined) return go;
  const m = /^(\d+(?:\.\d+)?)\s*(second|minute|hour|day|week)s?$/.exec(t);
  if (!m) return undefined;
  const unit = { second: 1e9, minute: 60e9, hour: 3600e9, day: 86400e9, week: 604800e9 }[m[2] as 'second'];
  return Number(m[1]) * unit;
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
