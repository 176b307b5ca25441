// security-container: container isolation claims (memory, swap, CPU, pids, network, capabilities,
// security options, read-only root, user) vs the Docker SDK configuration the code builds.
import type { ContainerFact, ContainerSetting } from '../../engine/types';
import { inServiceScope, serviceAt, where } from '../../markdown/claims';
import type { IndexSnapshot } from '../../index/snapshot';
import type { Rule } from '../rule';
import { effectiveContainerFacts, type EffectiveFact } from './builderValues';
import { memoize } from '../../engine/memo';
import { findContainerClaims, type ClaimedValue, type ContainerClaim } from './containerClaims';

function describe(setting: ContainerSetting, v: ContainerFact['value']): string {
  if (typeof v === 'number' && (setting === 'Memory' || setting === 'MemorySwap')) return v % (1024 * 1024) === 0 ? `${v / 1024 / 1024} MiB` : `${v} bytes`;
  if (typeof v === 'number' && setting === 'NanoCPUs') return `${v / 1e9} CPU`;
  if (Array.isArray(v)) return `[${v.join(', ')}]`;
  return String(v);
}

function matches(claim: ClaimedValue, real: ContainerFact['value'], all: readonly EffectiveFact[]): boolean {
  switch (claim.kind) {
    case 'bytes':
      return real === claim.bytes;
    case 'number':
      return typeof real === 'number' && Math.abs(real - claim.value) < 1e-6 * Math.max(1, claim.value);
    case 'bool':
      return real === claim.value;
    case 'text':
      return String(real) === claim.value;
    case 'contains': {
      const list = Array.isArray(real) ? real : [String(real)];
      const want = claim.value.toLowerCase();
      return list.some((x) => {
        const have = x.toLowerCase();
        if (want === 'no-new-privileges' || want === 'no-new-privileges:true') return have === 'no-new-privileges' || have === 'no-new-privileges:true';
        return have === want || (want.endsWith('=') && have.startsWith(want));
      });
    }
    case 'swap-equals-memory': {
      const memory = all.filter((f) => f.fact.setting === 'Memory').map((f) => f.value);
      return memory.includes(real);
    }
  }
}

/**
 * A CPU limit is either NanoCPUs or a CFS quota over a period; docs speak of "CPUs" for both.
 * Where the code sets quota and period, the CPU count they mean is added as a NanoCPUs fact.
 */
function withCpuShare(facts: EffectiveFact[]): EffectiveFact[] {
  const quota = facts.find((f) => f.fact.setting === 'CPUQuota');
  const period = facts.find((f) => f.fact.setting === 'CPUPeriod');
  if (!quota || facts.some((f) => f.fact.setting === 'NanoCPUs')) return facts;
  const q = quota.value;
  const p = period ? period.value : 100000;
  const nano = typeof q === 'number' && typeof p === 'number' && p > 0 ? Math.round((q / p) * 1e9) : undefined;
  return [...facts, { fact: { ...quota.fact, setting: 'NanoCPUs', value: nano ?? 0, source: `${quota.fact.source} / ${period?.fact.source ?? '100000 (default period)'}` }, value: nano }];
}

/**
 * The settings that really apply depend on the snapshot alone: worked out once per snapshot, not
 * per keystroke, and a source change that leaves them as they were leaves the findings standing.
 */
function effectiveOf(index: IndexSnapshot): EffectiveFact[] {
  return index.derive('security:effective-container-facts', (s) => withCpuShare(effectiveContainerFacts(s, s.container)));
}

export const securityContainer: Rule = {
  id: 'security-container',
  family: 'security',
  description: 'Container isolation the doc promises (limits, network, capabilities, security options) is what the Docker SDK config sets.',
  defaultSeverity: 'error',
  fixable: true,
  check(ctx) {
    if (!ctx.index.container.length) return;
    const effective = effectiveOf(ctx.index);
    for (const claim of findContainerClaims(ctx.doc)) {
      const service = serviceAt(ctx.doc, ctx.index, claim.start);
      const scopedFacts = inServiceScope(effective.map((e) => ({ ...e, loc: e.fact.loc })), ctx.index, service);
      const scope = scopedFacts.length ? scopedFacts : effective.map((e) => ({ ...e, loc: e.fact.loc }));
      const wanted: ContainerSetting = claim.setting;
      const same = scope.filter((e) => e.fact.setting === wanted);
      const range = ctx.doc.range(claim.start, claim.end);
      if (!same.length) {
        // A restriction the doc promises on a container whose config we see, but that is never set.
        const settings = new Set(scope.map((e) => e.fact.setting));
        if (settings.size < 3 || claim.value.kind === 'swap-equals-memory') continue;
        if (claim.value.kind === 'bool' && claim.value.value === false) continue;
        ctx.claimChecked({ range });
        ctx.report({ range, message: `Doc says ${claimText(claim)}; the container configuration never sets ${wanted} (${where(scope[0].fact.loc)}).`, sources: scope.slice(0, 5).map((e) => ({ loc: e.fact.loc, message: `${e.fact.setting} = ${e.value === undefined ? e.fact.source : describe(e.fact.setting, e.value)}` })) });
        continue;
      }
      const known = same.filter((e): e is typeof e & { value: ContainerFact['value'] } => e.value !== undefined);
      // Set from configuration at run time: the doc may be right, the code cannot say.
      if (known.length < same.length) continue;
      ctx.claimChecked({ range, sources: known.map((e) => e.fact.loc) });
      if (known.some((e) => matches(claim.value, e.value, scope))) continue;
      const values = [...new Set(known.map((e) => describe(wanted, e.value)))];
      const fixes = claim.rewrite
        ? [...new Set(known.map((e) => claim.rewrite!(e.value)).filter((x): x is string => Boolean(x)))].map((text, _i, all) => ({ title: `Change to ${text}`, edits: [{ range, newText: text }], isPreferred: all.length === 1 }))
        : [];
      ctx.report({
        range,
        message: `Doc says ${claimText(claim)}; the code sets ${wanted} to ${values.join(' or ')} (${same.map((e) => where(e.fact.loc)).slice(0, 3).join(', ')}).`,
        sources: known.map((e) => ({ loc: e.fact.loc, message: `${wanted}: ${e.fact.source}` })),
        fixes,
      });
    }
  },
};

/** The claim as a phrase: "Memory is 256 MiB", "SecurityOpt includes a seccomp profile". */
function claimText(claim: ContainerClaim): string {
  switch (claim.value.kind) {
    case 'swap-equals-memory':
      return 'MemorySwap equals the memory limit (no swap)';
    case 'contains':
      return `${claim.setting} includes ${claim.value.value === 'seccomp=' ? 'a custom seccomp profile' : `\`${claim.value.value}\``}`;
    default:
      return `${claim.setting} is ${claim.written}`;
  }
}
