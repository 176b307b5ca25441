// env-unknown, env-default, env-required-default, env-undocumented: environment variables a doc
// names and their defaults vs what the code reads (os.Getenv, helpers, struct tags, viper, CLI flags).
import { distance } from 'fastest-levenshtein';
import type { DotenvEntry, EnvFact, Finding, Range } from '../../engine/types';
import type { IndexSnapshot, ServiceInfo } from '../../index/snapshot';
import type { DocModel } from '../../markdown/docModel';
import { inServiceScope, where } from '../../markdown/claims';
import { memoize, memoize2 } from '../../engine/memo';
import { moveRange } from '../../engine/ranges';
import type { DocumentRule, Rule, RuleContext } from '../rule';
import { docSaysEmpty, docSaysRequired, sameDefault } from './defaultValues';
import { findEnvClaims, tableIsEnv, type EnvClaim } from './envClaims';

/** Variables that libraries and runtimes read on their own; a doc may rightly name them. */
const LIBRARY_ENV = /^(DOCKER_(HOST|API_VERSION|CERT_PATH|TLS_VERIFY|CONFIG)|HOME|PATH|USER|TZ|LANG|TMPDIR|HOSTNAME|GO[A-Z]+|CGO_ENABLED|HTTPS?_PROXY|NO_PROXY|SSL_CERT_(FILE|DIR)|AWS_[A-Z_]+|GOOGLE_APPLICATION_CREDENTIALS|KUBERNETES_[A-Z_]+|OTEL_[A-Z_]+|NATS_[A-Z_]+|MINIO_ROOT_[A-Z_]+|MONGO_INITDB_[A-Z_]+|POD_[A-Z_]+|NODE_NAME|CI|DEBUG)$/;

interface EnvView {
  claims: EnvClaim[];
  byName: Map<string, EnvFact[]>;
  known: Set<string>;
}

/** Env facts by name and every name known, while the facts are the same (a keystroke leaves them). */
const factsByName = memoize2((env: readonly EnvFact[], dotenv: readonly DotenvEntry[]) => {
  const byName = new Map<string, EnvFact[]>();
  for (const f of env) byName.set(f.name, [...(byName.get(f.name) ?? []), f]);
  return { byName, known: new Set([...byName.keys(), ...dotenv.map((d) => d.name)]) };
});

/** Per snapshot, each service's own variables (not .env entries): judged again on every keystroke. */
const ownVariables = memoize((_index: IndexSnapshot) => new Map<string, EnvFact[]>());

function ownVariablesOf(index: IndexSnapshot, service: string): EnvFact[] {
  const byService = ownVariables(index);
  let own = byService.get(service);
  if (!own) byService.set(service, (own = index.env.filter((f) => f.via !== 'dotenv' && index.belongsTo(f, service))));
  return own;
}

/** The view's claims ordered by where they start, with their place in the view's own order. */
const claimsByStart = memoize((v: EnvView) => v.claims.map((claim, i) => ({ claim, i })).sort((a, b) => a.claim.start - b.claim.start));

/** The claims starting inside a section, in the view's order: a source change summarises every section. */
function claimsInSpan(v: EnvView, span: { start: number; end: number }): EnvClaim[] {
  const sorted = claimsByStart(v);
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].claim.start < span.start) lo = mid + 1;
    else hi = mid;
  }
  const found: { claim: EnvClaim; i: number }[] = [];
  for (let k = lo; k < sorted.length && sorted[k].claim.start < span.end; k++) found.push(sorted[k]);
  return found.sort((a, b) => a.i - b.i).map((x) => x.claim);
}

/** Env claims and facts by name, once per check. */
const viewOf = memoize2((doc: DocModel, index: IndexSnapshot): EnvView => {
  const { byName, known } = factsByName(index.env, index.dotenv);
  // Prose mentions count only when the code knows the name or the context says "env var" and
  // the name shares a prefix with variables the code does read (a typo, not a passing word).
  const claims = envClaimsOf(doc, index.services, index).filter((c) => (c.explicit && c.layout !== 'prose') || known.has(c.name) || (c.explicit && sharesPrefix(c.name, known)));
  return { claims, byName, known };
});

/** The claims depend on the doc and, for attribution, on the services alone: kept across source changes that leave those. */
const envClaimsOf = memoize2((doc: DocModel, _services: readonly ServiceInfo[], index: IndexSnapshot) => findEnvClaims(doc, index));

function view(ctx: RuleContext): EnvView {
  return viewOf(ctx.doc, ctx.index);
}

function sharesPrefix(name: string, known: Set<string>): boolean {
  const prefix = name.split('_')[0];
  let n = 0;
  for (const k of known) if (k.startsWith(`${prefix}_`) && ++n >= 2) return true;
  return false;
}

function suggestionsFor(claim: EnvClaim, v: EnvView, doc: DocModel): string[] {
  // A key on the same row (`mongo.database`) names the variable the code really maps it to.
  const viaKey = new Set<string>();
  for (const key of claim.siblingKeys) for (const [name, facts] of v.byName) if (facts.some((f) => f.key === key)) viaKey.add(name);
  if (viaKey.size) return [...viaKey];
  const names = [...v.known];
  const affix = names.filter((k) => k.length >= 4 && (claim.name.endsWith(`_${k}`) || k.endsWith(`_${claim.name}`)));
  if (affix.length) return affix;
  const scored = names.map((k) => ({ k, d: distance(k, claim.name) })).filter((x) => x.d <= Math.max(2, Math.floor(claim.name.length * 0.2))).sort((a, b) => a.d - b.d);
  if (scored.length) return scored.filter((x) => x.d === scored[0].d).map((x) => x.k);
  // A renamed variable keeps its prefix and its kind (`NOTIFY_WEBHOOK_SECRET` → `NOTIFY_SIGNING_SECRET`):
  // the one such name the doc never mentions is the likely new name.
  const [first, last] = [claim.name.split('_')[0], claim.name.split('_').pop()];
  const renamed = names.filter((k) => k !== claim.name && k.split('_').length > 2 && k.startsWith(`${first}_`) && k.endsWith(`_${last}`) && !doc.mentions(k));
  return renamed.length === 1 ? renamed : [];
}

export const envUnknown: Rule = {
  id: 'env-unknown',
  family: 'env',
  description: 'An environment variable the doc names is read somewhere in the code (or listed in a .env example).',
  defaultSeverity: 'error',
  fixable: true,
  check(ctx) {
    const v = view(ctx);
    if (v.known.size === 0) return;
    for (const c of v.claims) {
      ctx.claimChecked({ range: ctx.doc.range(c.start, c.end), sources: (v.byName.get(c.name) ?? []).map((f) => f.loc) });
      if (v.known.has(c.name)) continue;
      const range = ctx.doc.range(c.start, c.end);
      if (LIBRARY_ENV.test(c.name)) {
        ctx.report({ range, severity: 'hint', message: `No code in this workspace reads \`${c.name}\`; it may be read by a library or the runtime.` });
        continue;
      }
      const suggestions = suggestionsFor(c, v, ctx.doc);
      const facts = suggestions.flatMap((s) => v.byName.get(s) ?? []);
      ctx.report({
        range,
        message: `Doc names \`${c.name}\`, but no code reads it${suggestions.length ? `; did you mean ${suggestions.map((s) => `\`${s}\``).join(' or ')}${facts[0] ? ` (${where(facts[0].loc)})` : ''}?` : '.'}`,
        sources: facts.map((f) => ({ loc: f.loc, message: `reads ${f.name}` })),
        fixes: suggestions.map((s) => ({ title: `Rename to ${s}`, edits: [{ range, newText: s }], isPreferred: suggestions.length === 1 })),
      });
    }
  },
};

export const envDefault: Rule = {
  id: 'env-default',
  family: 'env',
  description: "A default the doc gives for an environment variable is the code's default.",
  defaultSeverity: 'error',
  fixable: true,
  check(ctx) {
    const v = view(ctx);
    for (const c of v.claims) {
      const facts = v.byName.get(c.name);
      if (!c.default || !facts) continue;
      const f = judgeDefault(ctx, c, facts);
      if (f) ctx.report(f);
    }
  },
};

function judgeDefault(ctx: RuleContext, c: EnvClaim, all: EnvFact[]): Finding | undefined {
  const d = c.default!;
  if (docSaysRequired(d.text)) return undefined;
  const scoped = inServiceScope(all, ctx.index, c.service);
  const facts = (scoped.length ? scoped : all).filter((f) => f.via !== 'dotenv');
  const withDefault = facts.filter((f) => f.default && f.default.kind !== 'unknown');
  if (facts.some((f) => f.default?.kind === 'unknown')) return undefined;
  if (withDefault.length === 0) {
    // No default in code: the doc's "none" is right; a value is only checkable for required vars.
    return undefined;
  }
  ctx.claimChecked({ range: ctx.doc.range(d.start, d.end), sources: withDefault.map((f) => f.defaultLoc ?? f.loc) });
  if (withDefault.some((f) => sameDefault(d.text, f.default!))) return undefined;
  // Code without a default alongside ones with it: the doc may describe either.
  if (facts.length > withDefault.length && docSaysEmpty(d.text)) return undefined;
  const range = ctx.doc.range(d.start, d.end);
  const distinct = [...new Map(withDefault.map((f) => [f.default!.display, f])).values()];
  const shown = (f: EnvFact) => (f.default!.display === '' ? 'empty' : `\`${f.default!.display}\``);
  return {
    range,
    message: `Doc says \`${c.name}\` defaults to ${d.text.trim() ? `\`${d.text.trim()}\`` : 'nothing'}; code default is ${distinct.map((f) => `${shown(f)} (${where(f.defaultLoc ?? f.loc)}${f.command ? `, ${f.command}` : ''})`).join(' or ')}.`,
    sources: withDefault.map((f) => ({ loc: f.defaultLoc ?? f.loc, message: `default of ${c.name}: ${f.default!.source}` })),
    fixes: distinct.map((f) => ({
      title: `Change default to ${f.default!.display || 'empty'}`,
      edits: [{ range, newText: d.coded ? f.default!.display : f.default!.display === '' ? 'empty' : `\`${f.default!.display}\`` }],
      isPreferred: distinct.length === 1,
    })),
  };
}

export const envRequiredDefault: Rule = {
  id: 'env-required-default',
  family: 'env',
  description: 'The doc does not give a default for a variable the code requires.',
  defaultSeverity: 'error',
  fixable: false,
  check(ctx) {
    const v = view(ctx);
    for (const c of v.claims) {
      const facts = v.byName.get(c.name);
      if (!c.default || !facts || docSaysEmpty(c.default.text) || docSaysRequired(c.default.text)) continue;
      const scoped = inServiceScope(facts, ctx.index, c.service);
      const relevant = scoped.length ? scoped : facts;
      if (!relevant.every((f) => f.required && !f.default)) continue;
      const range = ctx.doc.range(c.default.start, c.default.end);
      ctx.claimChecked({ range });
      ctx.report({
        range,
        message: `Doc gives \`${c.name}\` the default \`${c.default.text}\`, but the code requires it and has no default (${where(relevant[0].loc)}).`,
        sources: relevant.map((f) => ({ loc: f.loc, message: `${c.name} is required` })),
      });
    }
  },
};

/** What one section holds for env-undocumented: its env sections, and the names it gets wrong. */
interface EnvSections {
  /** The first env table or `Variable:` list of each service in the section; ranges from the section's first line. */
  lists: { service: ServiceInfo; range: Range }[];
  /** Names the section's claims give that the code does not know. */
  unknownNames: string[];
}

export const envUndocumented: DocumentRule<EnvSections> = {
  id: 'env-undocumented',
  family: 'env',
  description: "A service's environment section lists every variable that service's own code reads.",
  defaultSeverity: 'warning',
  fixable: false,
  summarize(ctx) {
    const v = viewOf(ctx.doc, ctx.index);
    const inSpan = claimsInSpan(v, ctx.span);
    const lists: EnvSections['lists'] = [];
    for (const c of inSpan) {
      if (!c.service || lists.some((l) => l.service.key === c.service!.key) || (c.layout !== 'table' && c.layout !== 'definition')) continue;
      if (c.layout === 'table' && !(c.block?.table && tableIsEnv(c.block.table))) continue;
      // A lone `Variable:` entry is an env section only under a heading that says so.
      if (c.layout === 'definition' && !/env|config|variable|setting/i.test(ctx.doc.headingsAt(c.start)[0]?.title ?? '')) continue;
      const heading = ctx.doc.headingsAt(c.start)[0];
      lists.push({ service: c.service, range: moveRange(heading ? heading.headingRange : ctx.doc.range(c.start, c.end), -ctx.line) });
    }
    return { lists, unknownNames: inSpan.filter((x) => !v.known.has(x.name)).map((x) => x.name) };
  },
  judge(ctx, sections) {
    const unknownNames = sections.flatMap((s) => s.summary.unknownNames);
    // A name the doc misspells is reported as unknown with this one as the fix; not twice.
    const misspelt = (name: string) => unknownNames.some((x) => distance(x, name) <= 2);
    const done = new Set<string>();
    for (const { service, range } of sections.flatMap((s) => s.summary.lists.map((l) => ({ ...l, range: moveRange(l.range, s.line) })))) {
      if (done.has(service.key)) continue;
      done.add(service.key);
      const missing = [...new Map(ownVariablesOf(ctx.index, service.name).filter((f) => !ctx.doc.mentions(f.name) && !misspelt(f.name)).map((f) => [f.name, f])).values()];
      ctx.claimChecked({ range });
      if (!missing.length) continue;
      ctx.report({
        range,
        message: `${service.name} reads ${missing.map((f) => `\`${f.name}\``).join(', ')}, which this doc never mentions (${missing.map((f) => where(f.loc)).join(', ')}).`,
        sources: missing.map((f) => ({ loc: f.defaultLoc ?? f.loc, message: `${service.name} reads ${f.name}` })),
      });
    }
  },
};

export const envRequired: Rule = {
  id: 'env-required',
  family: 'env',
  description: 'A Required column says "no" for a variable the code requires (or "yes" for one it defaults).',
  defaultSeverity: 'error',
  fixable: true,
  check(ctx) {
    const v = view(ctx);
    for (const c of v.claims) {
      const facts = v.byName.get(c.name);
      if (!c.required || !facts) continue;
      const scoped = inServiceScope(facts, ctx.index, c.service).filter((f) => f.via !== 'dotenv');
      if (!scoped.length) continue;
      const range = ctx.doc.range(c.required.start, c.required.end);
      const capital = /^[A-Z]/.test(ctx.doc.text.slice(c.required.start, c.required.end));
      ctx.claimChecked({ range, sources: scoped.map((f) => f.loc) });
      const required = scoped.every((f) => f.required);
      const defaulted = scoped.every((f) => f.default !== undefined);
      // Code can also refuse to start on an empty value by hand; only a declared default proves "optional".
      if (c.required.value && defaulted && !scoped.some((f) => f.required)) {
        ctx.report({ range, message: `Doc says \`${c.name}\` is required; the code gives it the default \`${scoped[0].default!.display}\` (${where(scoped[0].defaultLoc ?? scoped[0].loc)}).`, sources: scoped.map((f) => ({ loc: f.defaultLoc ?? f.loc, message: `default of ${c.name}` })), fixes: [{ title: 'Mark as optional', edits: [{ range, newText: capital ? 'No' : 'no' }], isPreferred: false }] });
      } else if (!c.required.value && required) {
        ctx.report({ range, message: `Doc says \`${c.name}\` is optional; the code requires it (${where(scoped[0].loc)}).`, sources: scoped.map((f) => ({ loc: f.loc, message: `${c.name} is required` })), fixes: [{ title: 'Mark as required', edits: [{ range, newText: capital ? 'Yes' : 'yes' }], isPreferred: true }] });
      }
    }
  },
};
