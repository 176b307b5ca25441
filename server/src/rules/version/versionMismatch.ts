// version-go, version-toolchain, version-module: a version the doc states vs the go.mod files of the
// modules it speaks about. When services disagree, the message says which uses which.
import type { Fix, Finding, GoModule, SourceLocation } from '../../engine/types';
import type { IndexSnapshot } from '../../index/snapshot';
import type { DocModel } from '../../markdown/docModel';
import { where } from '../../markdown/claims';
import { memoize2 } from '../../engine/memo';
import type { Rule, RuleContext } from '../rule';
import { aliasTable } from './moduleAliases';
import { findVersionClaims, type VersionClaimRef, type VersionTarget } from './versionClaims';
import { parseRealVersion, parseVersionClaim, rewriteLike, satisfies } from './versionSpec';

interface Candidate {
  version: string;
  loc: SourceLocation;
  module: GoModule;
}

/** Claims are found once per check (a document against a snapshot) and shared by the three rules. */
const claimsOfCheck = memoize2((doc: DocModel, index: IndexSnapshot) => new WeakMap<RuleContext['config'], VersionClaimRef[]>());

function claimsOf(ctx: RuleContext): VersionClaimRef[] {
  const byConfig = claimsOfCheck(ctx.doc, ctx.index);
  let claims = byConfig.get(ctx.config);
  if (!claims) byConfig.set(ctx.config, (claims = findVersionClaims(ctx.doc, ctx.index, aliasTable(ctx.config.moduleAliases))));
  return claims;
}

function modulesFor(index: IndexSnapshot, claim: VersionClaimRef): GoModule[] {
  const services = claim.services ?? (claim.service ? [claim.service] : []);
  if (!services.length) return [...index.modules];
  const own = services.map((s) => index.modules.find((m) => m.dir === s.dir) ?? index.moduleOf(`${s.dir}/x.go`) ?? index.moduleOf(s.loc.path)).filter((m): m is GoModule => Boolean(m));
  return own.length ? [...new Set(own)] : [...index.modules];
}

function candidatesFor(target: VersionTarget, modules: GoModule[]): Candidate[] {
  const out: Candidate[] = [];
  for (const m of modules) {
    if (target.kind === 'go' && m.go) out.push({ version: m.go.version, loc: m.go.loc, module: m });
    else if (target.kind === 'toolchain') {
      if (m.toolchain) out.push({ version: m.toolchain.version, loc: m.toolchain.loc, module: m });
      else if (m.go) out.push({ version: `go${m.go.version}`, loc: m.go.loc, module: m });
    } else if (target.kind === 'module') {
      for (const r of m.requires) if (target.paths.includes(r.path)) out.push({ version: r.version, loc: r.loc, module: m });
    }
  }
  return out;
}

function moduleLabel(m: GoModule): string {
  return m.dir || m.modulePath.split('/').pop() || m.modulePath;
}

function subject(target: VersionTarget): string {
  return target.kind === 'go' ? 'the Go version' : target.kind === 'toolchain' ? 'the Go toolchain' : `\`${target.kind === 'module' && target.literal ? target.name : target.paths[0]}\``;
}

function judge(ctx: RuleContext, claim: VersionClaimRef): Finding | undefined {
  const range = ctx.doc.range(claim.start, claim.end);
  if (/^latest$/i.test(claim.text)) {
    ctx.claimChecked({ range });
    const cands = candidatesFor(claim.target, modulesFor(ctx.index, claim));
    if (!cands.length) return undefined;
    return { range, severity: 'hint', message: `"Latest" cannot be verified; ${subject(claim.target)} is ${[...new Set(cands.map((c) => c.version))].join(', ')} in go.mod.`, sources: cands.map((c) => ({ loc: c.loc, message: `${c.module.path}` })) };
  }
  const spec = parseVersionClaim(claim.text);
  if (!spec) return undefined;
  const modules = modulesFor(ctx.index, claim);
  let cands = candidatesFor(claim.target, modules);
  if (cands.length === 0 && (claim.service || claim.services)) cands = candidatesFor(claim.target, [...ctx.index.modules]);
  if (cands.length === 0) {
    if (claim.target.kind === 'module' && claim.target.literal && ctx.index.modules.length) {
      ctx.claimChecked({ range });
      return { range, severity: 'warning', message: `Doc gives ${claim.target.name} ${claim.text}, but no go.mod in the workspace requires ${claim.target.name}.` };
    }
    return undefined;
  }
  ctx.claimChecked({ range, sources: cands.map((c) => c.loc) });
  const ok = cands.filter((c) => {
    const real = parseRealVersion(c.version);
    return real ? satisfies(spec, real) : true;
  });
  if (ok.length === cands.length) return undefined;
  const wrong = cands.filter((c) => !ok.includes(c));
  // A product name whose major differs from the module's is most likely another thing's version
  // (the NATS server, the Docker engine): say so quietly rather than call the doc wrong.
  const realMajor = parseRealVersion(cands[0].version)?.parts[0];
  if (claim.target.kind === 'module' && !claim.target.literal && realMajor !== undefined && spec.parts[0] !== realMajor) {
    return { range, severity: 'hint', message: `Doc gives ${claim.target.name} ${claim.text}; the Go module ${claim.target.paths[0]} is ${cands[0].version}, a different major version (this may be the version of something else).`, sources: cands.map((c) => ({ loc: c.loc, message: c.module.path })) };
  }
  const sources = cands.map((c) => ({ loc: c.loc, message: `${c.module.path}: ${c.version}` }));
  const distinct = [...new Set(wrong.map((c) => c.version))];
  const fixes: Fix[] = distinct.map((v) => ({
    title: `Change to ${rewriteLike(spec, v)}${distinct.length > 1 || ok.length ? ` (as in ${wrong.filter((c) => c.version === v).map((c) => moduleLabel(c.module)).join(', ')})` : ''}`,
    edits: [{ range, newText: rewriteLike(spec, v) }],
    isPreferred: distinct.length === 1 && ok.length === 0,
  }));
  if (ok.length) {
    return {
      range,
      severity: 'warning',
      message: `Doc says ${subject(claim.target)} is ${claim.text}: true for ${ok.map((c) => moduleLabel(c.module)).join(', ')}, but ${wrong.map((c) => `${moduleLabel(c.module)} uses ${c.version} (${where(c.loc)})`).join(', ')}.`,
      sources,
      fixes: fixes.map((f) => ({ ...f, isPreferred: false })),
    };
  }
  // One phrase per version: "1.22.5 in services/a, services/b (services/a/go.mod:3, ...)".
  const real =
    distinct.length === 1 && wrong.length === 1
      ? `${wrong[0].version} (${where(wrong[0].loc)})`
      : distinct.map((v) => {
          const using = wrong.filter((c) => c.version === v);
          return `${v} in ${using.map((c) => moduleLabel(c.module)).join(', ')} (${using.map((c) => where(c.loc)).join(', ')})`;
        }).join('; ');
  return { range, message: `Doc says ${subject(claim.target)} is ${claim.text}; go.mod says ${real}.`, sources, fixes };
}

function makeRule(id: string, kind: VersionTarget['kind'], description: string): Rule {
  return {
    id,
    family: 'version',
    description,
    defaultSeverity: 'error',
    fixable: true,
    check(ctx) {
      for (const claim of claimsOf(ctx)) {
        if (claim.target.kind !== kind) continue;
        const f = judge(ctx, claim);
        if (f) ctx.report(f);
      }
    },
  };
}

export const versionGo = makeRule('version-go', 'go', 'The Go version a doc states matches the `go` directive of the go.mod it describes.');
export const versionToolchain = makeRule('version-toolchain', 'toolchain', 'The Go toolchain a doc states matches the `toolchain` directive.');
export const versionModule = makeRule('version-module', 'module', 'Module versions in tables, prose and go.mod excerpts match the go.mod requires.');
