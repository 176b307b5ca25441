// The shape shared by the rules that hold a named thing (collection, database, bucket, metric)
// against the names the code uses: find the claims, compare, report the unknown ones with the
// nearest name, and fix a near miss.
import type { DataKind, Finding, Fix } from '../../engine/types';
import type { Rule, RuleContext } from '../rule';
import { isNearMiss, listOf, nameClaims, nearest, type NameClaim, type NameClaimOptions } from './dataClaims';
import { knownNames, type KnownName } from './knownNames';

export interface NameRuleSpec extends NameClaimOptions {
  id: string;
  description: string;
  kind: DataKind;
  /** What a message calls one of them: "collection", "bucket". */
  noun: string;
  /** Environment variables whose string default is also a name of this kind. */
  envName?: RegExp;
  /** Normalises both sides before comparing (histogram suffixes, case). */
  canonical?: (v: string) => string;
  /** Names that come from libraries, not from the workspace's code: never judged. */
  external?: (v: string) => boolean;
  /** Extra claims the generic finder does not see. */
  moreClaims?: (ctx: RuleContext) => NameClaim[];
}

export function nameRule(spec: NameRuleSpec): Rule {
  return {
    id: spec.id,
    family: 'data',
    description: spec.description,
    defaultSeverity: 'error',
    fixable: true,
    check(ctx) {
      // Per rule: the key names this rule's one computation.
      const known = ctx.index.derive(`data:known-names:${spec.id}`, (s) => knownNames(s, spec.kind, spec.envName, spec.valid));
      // Without a single name from the code there is nothing to hold the doc against.
      if (known.length === 0) return;
      const canon = spec.canonical ?? ((v: string) => v);
      const byValue = new Map<string, KnownName[]>();
      for (const k of known) byValue.set(canon(k.value), [...(byValue.get(canon(k.value)) ?? []), k]);
      const claims = [...nameClaims(ctx.doc, spec), ...(spec.moreClaims?.(ctx) ?? [])];
      const seen = new Set<number>();
      for (const c of claims) {
        if (seen.has(c.start) || spec.external?.(c.value)) continue;
        seen.add(c.start);
        ctx.claimChecked({ range: ctx.doc.range(c.start, c.end) });
        if (byValue.has(canon(c.value))) continue;
        ctx.report(unknown(ctx, spec, c, known));
      }
    },
  };
}

function unknown(ctx: RuleContext, spec: NameRuleSpec, c: NameClaim, known: KnownName[]): Finding {
  const values = known.map((k) => k.value);
  const near = nearest(c.value, values);
  const fixes: Fix[] = [];
  const close = isNearMiss(c.value, near);
  if (near && close) {
    fixes.push({ title: `Change to \`${near.value}\``, edits: [{ range: ctx.doc.range(c.start, c.end), newText: near.value }], isPreferred: !near.tied });
  }
  const nearKnown = near ? known.find((k) => k.value === near.value) : undefined;
  const distinct = [...new Map(known.map((k) => [k.value, k])).values()];
  const said =
    close && nearKnown
      ? `the code uses \`${nearKnown.value}\` (${nearKnown.origin})`
      : distinct.length <= 3
        ? `the code knows ${distinct.map((k) => `\`${k.value}\` (${k.origin})`).join(', ')}`
        : `the code knows ${listOf(values)}`;
  return {
    range: ctx.doc.range(c.start, c.end),
    message: `Doc names ${spec.noun} \`${c.value}\`; no such ${spec.noun} in the code: ${said}.`,
    sources: (close && nearKnown ? [nearKnown] : known.slice(0, 5)).map((k) => ({ loc: k.loc, message: `${spec.noun} \`${k.value}\`` })),
    fixes: fixes.length ? fixes : undefined,
  };
}
