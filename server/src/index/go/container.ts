// Docker SDK container settings: fields of container.Config / HostConfig / Resources literals and
// assignments to them, including builder methods that set a field from their argument (read at each
// call of the method).
import type { ContainerFact, ContainerSetting } from '../../engine/types';
import { fieldsOf, selectorPath, type Expr } from './expr';
import type { FileExtract } from './extract';
import type { Ctx, Workspace } from './resolve';
import { elementsOf, type Sink } from './shared';
import { knownString, patternOf, type Val } from './values';

type Owner = 'host' | 'config' | 'resources';

const CONFIG_SETTINGS = new Set<ContainerSetting>(['Image', 'User']);
const RESOURCE_SETTINGS = new Set<ContainerSetting>(['Memory', 'MemorySwap', 'NanoCPUs', 'CPUQuota', 'CPUPeriod', 'CPUShares', 'PidsLimit']);
const HOST_SETTINGS = new Set<ContainerSetting>(['CapAdd', 'CapDrop', 'SecurityOpt', 'Privileged', 'ReadonlyRootfs', 'NetworkMode', 'Tmpfs', 'Binds', 'AutoRemove', ...RESOURCE_SETTINGS]);
const LISTS = new Set<ContainerSetting>(['CapAdd', 'CapDrop', 'SecurityOpt', 'Binds']);
const BOOLS = new Set<ContainerSetting>(['Privileged', 'ReadonlyRootfs', 'AutoRemove']);
const STRINGS = new Set<ContainerSetting>(['Image', 'User', 'NetworkMode']);

function settingsFor(owner: Owner): Set<ContainerSetting> {
  return owner === 'config' ? CONFIG_SETTINGS : owner === 'resources' ? RESOURCE_SETTINGS : HOST_SETTINGS;
}

export function containerFacts(ws: Workspace, sink: Sink): void {
  for (const file of ws.files) {
    if (!file.factsAllowed) continue;
    for (const rec of file.lits) {
      const m = /\.(Config|HostConfig|Resources)$/.exec(rec.type);
      if (!m || !/types\/container\./.test(rec.type)) continue;
      const owner: Owner = m[1] === 'Config' ? 'config' : m[1] === 'HostConfig' ? 'host' : 'resources';
      const allowed = settingsFor(owner);
      for (const { lit } of elementsOf(rec.x)) {
        for (const [field, x] of fieldsOf(lit)) {
          if (allowed.has(field as ContainerSetting)) setting(ws, sink, file, rec.func, field as ContainerSetting, x);
        }
      }
    }
    if (!file.assigns.length) continue;
    const owners = ownersOf(ws, file);
    for (const a of file.assigns) {
      const target = a.lhs.t === 'index' ? a.lhs.x : a.lhs;
      const path = selectorPath(target);
      if (!path || path.length < 2) continue;
      const field = path[path.length - 1] as ContainerSetting;
      let ownerName = path[path.length - 2];
      let owner = owners.get(ownerName);
      if (ownerName === 'Resources' && path.length >= 3) {
        ownerName = path[path.length - 3];
        owner = owners.get(ownerName) === 'host' ? 'resources' : undefined;
      }
      if (!owner || !settingsFor(owner).has(field)) continue;
      if (a.lhs.t === 'index') {
        if (field === 'Tmpfs') setting(ws, sink, file, a.func, field, a.rhs, a.lhs.i);
        continue;
      }
      setting(ws, sink, file, a.func, field, a.rhs);
    }
  }
}

/** Which names in a file's package hold a Docker config (struct fields, variables, parameters). */
function ownersOf(ws: Workspace, file: FileExtract): Map<string, Owner> {
  const out = new Map<string, Owner>();
  for (const n of ws.pkgNames(ws.pkgOf(file), 'containerNames')) out.set(n.name, n.kind);
  return out;
}

function setting(ws: Workspace, sink: Sink, file: FileExtract, func: number, field: ContainerSetting, x: Expr, tmpfsKey?: Expr): void {
  ws.expand(file, func, (ctx, final) => {
    const v = ws.eval(x, ctx);
    let value = valueOf(field, v);
    if (tmpfsKey && value !== undefined) {
      const key = knownString(ws.eval(tmpfsKey, ctx));
      value = key !== undefined && typeof value === 'string' ? [value ? `${key}:${value}` : key] : undefined;
    }
    if (value === undefined || isPartial(v)) {
      if (!final) return false;
      if (value === undefined) return true;
    }
    if (Array.isArray(value) && value.length === 0) return true;
    const fact: ContainerFact = { setting: field, value, source: sourceText(ws, x, ctx, tmpfsKey), loc: ws.locOf(x, ctx) };
    sink.container(fact);
    return true;
  });
}

/** Some part is only known at run time: the caller may know more. */
function isPartial(v: Val): boolean {
  if (v.k === 'str') return v.parts.includes(null);
  if (v.k === 'list') return v.items.some(isPartial);
  if (v.k === 'map') return v.entries.some(([k, val]) => isPartial(k) || isPartial(val));
  return false;
}

function sourceText(ws: Workspace, x: Expr, ctx: Ctx, key?: Expr): string {
  const src = ws.sourceOf(x, ctx);
  return key ? `${ws.sourceOf(key, ctx)}: ${src}` : src;
}

function valueOf(field: ContainerSetting, v: Val): ContainerFact['value'] | undefined {
  if (LISTS.has(field)) {
    if (v.k === 'list') {
      const items = v.items.map((it) => patternOf(it));
      return items.every((i): i is string => i !== undefined) ? items : undefined;
    }
    return undefined;
  }
  if (field === 'Tmpfs') {
    if (v.k === 'map') {
      const out: string[] = [];
      for (const [k, val] of v.entries) {
        const key = knownString(k);
        const opts = knownString(val);
        if (key === undefined || opts === undefined) return undefined;
        out.push(opts ? `${key}:${opts}` : key);
      }
      return out;
    }
    // The value of `hc.Tmpfs["/tmp"] = "rw,noexec"`; the key is added by the caller.
    return knownString(v);
  }
  if (BOOLS.has(field)) return v.k === 'bool' ? v.b : undefined;
  if (STRINGS.has(field)) {
    if (v.k !== 'str') return undefined;
    const known = knownString(v);
    return known ?? (v.parts.some((p) => typeof p === 'string' && p) ? patternOf(v) : undefined);
  }
  if (v.k === 'int' || v.k === 'float' || v.k === 'dur') return Math.trunc(v.n);
  return undefined;
}
