// Claims about an enum's values in prose: "`State` runs from `STATE_NEW` to `STATE_GONE`", "new
// ones start as `STATE_NEW`", "`Job.Phase` is a nested enum: queued, running, done", and an
// UPPER_SNAKE name carrying an enum's value prefix that the enum does not have.
import type { ProtoEnum } from '../../engine/types';
import type { InlineCodeRef } from '../../markdown/docModel';
import type { IndexSnapshot } from '../../index/snapshot';
import { memoize } from '../../engine/memo';
import { code, list, source, where, type RpcCheckContext } from './findings';
import { clean, closeOf, inlineRefs, sentenceAt, type InlineRef } from './inlineText';
import { isConfidentSuggestion, nearestName, type EnumRef } from './symbols';

const ENUM_VALUE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
const CLAIM_WORDS = /\b(from|to|through|start(?:s|ed)? (?:as|in|at)|begins? (?:as|in|at)|default(?:s)?|one of|values?|set to|becomes?|either|ends? (?:as|in)|move[sd]? to|transitions? to)\b/i;
const LIST_INTRO =
  /^\s*(?:(?:is|are)\s+)?(?:(?:a|an|the)\s+)?(?:(?:nested|top-level|proto)\s+)?enum(?:eration)?(?:\s+(?:with|of)\s+(?:the\s+)?values?)?\s*[:—–]\s*|^\s*(?:has|takes)\s+(?:the\s+)?values?\s*:?\s*/i;

/** The common `PREFIX_` of an enum's value names (`DEVICE_STATE_`), or ''. */
export function valuePrefix(en: ProtoEnum): string {
  const names = en.values.map((v) => v.name);
  if (names.length < 2) return '';
  let p = names[0];
  for (const n of names) while (!n.startsWith(p)) p = p.slice(0, -1);
  const cut = p.lastIndexOf('_');
  return cut > 0 ? p.slice(0, cut + 1) : '';
}

/** Names the workspace gives other things (variables, declarations), once per snapshot. */
const variableNamesOf = memoize((index: IndexSnapshot): Set<string> => new Set<string>([...index.envNames.names, ...index.dotenv.map((e) => e.name)]));

function otherNamesOf(index: IndexSnapshot): { has(name: string): boolean } {
  const variables = variableNamesOf(index);
  const decls = index.declaredNames.names;
  return { has: (name) => variables.has(name) || decls.has(name) };
}

export function checkEnumClaims(ctx: RpcCheckContext): void {
  const { doc, sym, out } = ctx;
  const otherNames = otherNamesOf(ctx.index);
  for (const ref of inlineRefs(doc)) {
    if (out.judgedInline.has(ref.code.start)) continue;
    const v = ref.code.value.trim();
    if (!/^[\w.]+$/.test(v) || !/[A-Z]/.test(v[0] === '.' ? v[1] : v.split('.').pop()![0])) continue;
    const enums = sym.resolveEnum(v);
    if (enums.length !== 1) continue;
    out.judgedInline.add(ref.code.start);
    if (!checkValueList(ctx, ref, enums[0])) checkValuesInSentence(ctx, ref, enums[0], otherNames);
  }
  checkPrefixedValues(ctx, otherNames);
}

/** "`X` is a nested enum: a, b, c" — each listed word must be a value, and all values listed. */
function checkValueList(ctx: RpcCheckContext, ref: InlineRef, en: EnumRef): boolean {
  const { doc, out } = ctx;
  const sentence = sentenceAt(doc, ref.block, ref.code.start);
  const after = clean(doc, closeOf(doc, ref.code), sentence.end);
  const intro = LIST_INTRO.exec(after.text);
  if (!intro) return false;
  const body = after.text.slice(intro[0].length).replace(/[.;]\s*$/, '');
  const partial = /\b(etc|among others|such as|including|e\.g)\b|\.\.\.|…/i.test(body);
  const listText = body.replace(/,?\s*(etc\.?|\.\.\.|…)\s*$/i, '');
  // Only a plain list of single words is a checkable claim.
  if (listText.replace(/[A-Za-z_][\w-]*/g, '').replace(/[\s,]/g, '') !== '') return false;
  const prefix = valuePrefix(en.en);
  const norm = (s: string): string => s.toLowerCase().replace(/-/g, '_');
  const short = (name: string): string => norm(name.startsWith(prefix) ? name.slice(prefix.length) : name);
  const items: { word: string; at: number }[] = [];
  for (const m of listText.matchAll(/[A-Za-z_][\w-]*/g)) if (!/^(and|or)$/i.test(m[0])) items.push({ word: m[0], at: intro[0].length + m.index! });
  if (items.length < 2) return false;
  const seen = new Set<string>();
  for (const item of items) {
    const range = doc.range(after.offsets[item.at], after.offsets[item.at + item.word.length - 1] + 1);
    out.claim('rpc-enum-value', range);
    const real = en.en.values.find((x) => short(x.name) === short(item.word) || norm(x.name) === norm(item.word));
    if (real) {
      seen.add(real.name);
      continue;
    }
    const shorts = en.en.values.map((x) => short(x.name));
    const near = nearestName(norm(item.word), shorts);
    const styled = near === undefined ? undefined : /^[A-Z0-9_]+$/.test(item.word) ? (prefix + near).toUpperCase() : near;
    out.report('rpc-enum-value', {
      range,
      message: `Doc lists ${code(item.word)} as a value of ${code(en.en.name)}; ${where(en.en.loc)} has ${list(en.en.values.map((x) => x.name))}`,
      sources: [source(en.en.loc, `enum ${en.en.fullName}`)],
      fixes: styled ? [{ title: `Replace with ${styled}`, edits: [{ range, newText: styled }], isPreferred: isConfidentSuggestion(item.word, styled) }] : undefined,
    });
  }
  out.claim('rpc-enum-value', ref.code.range);
  // The zero value is a placeholder by convention; lists of "real" states leave it out.
  const missing = en.en.values.filter((x) => !seen.has(x.name) && x.number !== 0 && !en.en.values.some((y) => y.number === x.number && seen.has(y.name)));
  if (!partial && missing.length) {
    out.report('rpc-enum-value', {
      range: ref.code.range,
      severity: 'warning',
      message: `Doc lists ${items.length} values of ${code(en.en.name)}; ${where(en.en.loc)} also declares ${list(missing.map((x) => x.name))}`,
      sources: missing.map((x) => source(x.loc, `${x.name} = ${x.number}`)),
    });
  }
  return true;
}

/** UPPER_SNAKE names after the enum in the same sentence, when the sentence speaks of its values. */
function checkValuesInSentence(ctx: RpcCheckContext, ref: InlineRef, en: EnumRef, otherNames: { has(name: string): boolean }): void {
  const { doc, sym, out } = ctx;
  const sentence = sentenceAt(doc, ref.block, ref.code.start);
  const prefix = valuePrefix(en.en);
  const claimWords = CLAIM_WORDS.test(sentence.text);
  const later = ref.block.inlineCodes.filter((c) => c.start > ref.code.end && c.start < sentence.end);
  const judged: { c: InlineCodeRef; index: number }[] = [];
  for (const c of later) {
    const v = c.value.trim();
    if (!ENUM_VALUE.test(v) || otherNames.has(v)) continue;
    // When the enum's values share a prefix, a name without it is something else (an env name,
    // a constant); only prefix-less enums leave it to the sentence to say it speaks of values.
    if (prefix ? !v.startsWith(prefix) : !claimWords || sym.enums.some((e) => e.en !== en.en && e.en.values.some((x) => x.name === v))) continue;
    out.judgedInline.add(c.start);
    out.claim('rpc-enum-value', c.range);
    const index = en.en.values.findIndex((x) => x.name === v);
    if (index >= 0) {
      judged.push({ c, index });
      continue;
    }
    reportUnknownValue(ctx, c, en);
  }
  checkRange(ctx, ref, en, judged);
}

/** "runs from `A` to `B`": the first and last values as declared. */
function checkRange(ctx: RpcCheckContext, ref: InlineRef, en: EnumRef, judged: { c: InlineCodeRef; index: number }[]): void {
  const { doc, out } = ctx;
  if (judged.length < 2) return;
  const [a, b] = judged;
  const between = clean(doc, closeOf(doc, ref.code), a.c.start).text;
  const mid = clean(doc, closeOf(doc, a.c), b.c.start).text;
  if (!/\b(runs?|goes|ranges?|spans?|counts?)\s+from\s*$/i.test(between) || !/^\s*(to|through|up to)\s*$/i.test(mid)) return;
  const range = doc.range(a.c.start, b.c.end);
  out.claim('rpc-enum-value', range);
  const first = en.en.values[0];
  const last = en.en.values[en.en.values.length - 1];
  if (a.index === 0 && b.index === en.en.values.length - 1) return;
  out.report('rpc-enum-value', {
    range,
    message: `Doc says ${code(en.en.name)} runs from ${code(a.c.value)} to ${code(b.c.value)}; ${where(en.en.loc)} runs from ${code(first.name)} to ${code(last.name)}`,
    sources: [source(en.en.loc, `enum ${en.en.fullName}`)],
  });
}

function reportUnknownValue(ctx: RpcCheckContext, c: InlineCodeRef, en: EnumRef): void {
  const v = c.value.trim();
  const near = nearestName(v, en.en.values.map((x) => x.name));
  ctx.out.report('rpc-enum-value', {
    range: c.range,
    message: `Doc names ${code(v)} as a value of ${code(en.en.name)}; ${where(en.en.loc)} has no such value${near ? ` (nearest: ${code(near)})` : ''}`,
    sources: [source(en.en.loc, `enum ${en.en.fullName}`)],
    fixes: near ? [{ title: `Replace with ${near}`, edits: [{ range: c.range, newText: near }], isPreferred: isConfidentSuggestion(v, near) }] : undefined,
  });
}

/** `DEVICE_STATE_ACTIVE` anywhere: the prefix says which enum it claims to belong to. */
/** Enums by the prefix their values share, while the enums are the same. */
const enumsByPrefix = memoize((enums: readonly EnumRef[]) => {
  const byPrefix = new Map<string, EnumRef[]>();
  for (const e of enums) {
    const p = valuePrefix(e.en);
    // A one-word prefix (`STATUS_`) is too common to say which enum a name belongs to.
    if (p.split('_').length < 3) continue;
    byPrefix.set(p, [...(byPrefix.get(p) ?? []), e]);
  }
  return byPrefix;
});

function checkPrefixedValues(ctx: RpcCheckContext, otherNames: { has(name: string): boolean }): void {
  const { doc, sym, out } = ctx;
  const byPrefix = enumsByPrefix(sym.enums);
  if (!byPrefix.size) return;
  for (const ref of inlineRefs(doc)) {
    if (out.judgedInline.has(ref.code.start)) continue;
    const v = ref.code.value.trim();
    if (!ENUM_VALUE.test(v) || otherNames.has(v)) continue;
    const owners = [...byPrefix].filter(([p]) => v.startsWith(p)).sort((x, y) => y[0].length - x[0].length)[0]?.[1];
    if (!owners || owners.length !== 1) continue;
    out.judgedInline.add(ref.code.start);
    out.claim('rpc-enum-value', ref.code.range);
    if (!owners[0].en.values.some((x) => x.name === v)) reportUnknownValue(ctx, ref.code, owners[0]);
  }
}
