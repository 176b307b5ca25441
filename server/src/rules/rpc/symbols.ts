// Every proto name the workspace declares, with the lookups rpc rules share: by simple name, by
// dotted path relative to a package, and nearest names for suggestions. Built once per snapshot.
import { distance } from 'fastest-levenshtein';
import type { IndexSnapshot } from '../../index/snapshot';
import type { ProtoEnum, ProtoFile, ProtoMessage, ProtoRpc, ProtoService } from '../../engine/types';
import { memoize } from '../../engine/memo';

export interface ServiceRef {
  svc: ProtoService;
  file: ProtoFile;
}
export interface RpcRef {
  rpc: ProtoRpc;
  svc: ProtoService;
  file: ProtoFile;
}
export interface MessageRef {
  msg: ProtoMessage;
  file: ProtoFile;
}
export interface EnumRef {
  en: ProtoEnum;
  file: ProtoFile;
}

export class ProtoSymbols {
  readonly files: ProtoFile[];
  readonly services: ServiceRef[] = [];
  readonly rpcs: RpcRef[] = [];
  readonly messages: MessageRef[] = [];
  readonly enums: EnumRef[] = [];
  readonly packages = new Set<string>();
  /** Every identifier a .proto file declares: types, rpcs, fields, enum values. */
  readonly names = new Set<string>();
  /** Go package names the protos generate into (`fleetv1`), which docs use as qualifiers. */
  readonly goPackageNames = new Set<string>();

  constructor(protoFiles: readonly ProtoFile[]) {
    this.files = protoFiles.filter((f) => !f.parseError);
    for (const file of this.files) {
      if (file.package) this.packages.add(file.package);
      if (file.goPackage) {
        const semi = file.goPackage.split(';');
        this.goPackageNames.add(semi[1] ?? semi[0].split('/').pop()!);
      }
      for (const svc of file.services) {
        this.services.push({ svc, file });
        this.names.add(svc.name);
        for (const rpc of svc.rpcs) {
          this.rpcs.push({ rpc, svc, file });
          this.names.add(rpc.name);
        }
      }
      for (const msg of file.messages) {
        this.messages.push({ msg, file });
        this.names.add(msg.name);
        for (const f of msg.fields) this.names.add(f.name);
      }
      for (const en of file.enums) {
        this.enums.push({ en, file });
        this.names.add(en.name);
        for (const v of en.values) this.names.add(v.name);
      }
    }
  }

  get empty(): boolean {
    return this.files.length === 0;
  }

  servicesNamed(name: string): ServiceRef[] {
    const bare = stripDot(name);
    return this.services.filter((s) => s.svc.name === bare || s.svc.fullName === bare);
  }

  rpcsNamed(name: string): RpcRef[] {
    return this.rpcs.filter((r) => r.rpc.name === name);
  }

  /**
   * Messages a dotted path names, as written inside a file of package `pkg` (or anywhere):
   * exact `pkg.path` first, then `path` in any package, then a unique nested match.
   */
  resolveMessage(path: string, pkg?: string): MessageRef[] {
    return resolveByPath(this.messages, (m) => m.msg.fullName, (m) => m.file.package, path, pkg);
  }

  resolveEnum(path: string, pkg?: string): EnumRef[] {
    return resolveByPath(this.enums, (e) => e.en.fullName, (e) => e.file.package, path, pkg);
  }

  /** The message whose full name is exactly this. */
  message(fullName: string): MessageRef | undefined {
    return this.messages.find((m) => m.msg.fullName === fullName);
  }

  enumByFullName(fullName: string): EnumRef | undefined {
    return this.enums.find((e) => e.en.fullName === fullName);
  }

  /** Whether a name is any declared type (message, enum, service), simple or dotted. */
  isType(name: string): boolean {
    const bare = stripDot(name);
    return (
      this.messages.some((m) => m.msg.name === bare || m.msg.fullName === bare || m.msg.fullName.endsWith(`.${bare}`)) ||
      this.enums.some((e) => e.en.name === bare || e.en.fullName === bare || e.en.fullName.endsWith(`.${bare}`))
    );
  }
}

function stripDot(s: string): string {
  return s.startsWith('.') ? s.slice(1) : s;
}

function resolveByPath<T>(items: T[], full: (t: T) => string, pkgOf: (t: T) => string, path: string, pkg?: string): T[] {
  const p = stripDot(path);
  if (pkg !== undefined) {
    const exact = items.filter((t) => full(t) === (pkg ? `${pkg}.${p}` : p));
    if (exact.length) return exact;
  }
  const anyPkg = items.filter((t) => full(t) === (pkgOf(t) ? `${pkgOf(t)}.${p}` : p));
  if (anyPkg.length) return anyPkg;
  const fq = items.filter((t) => full(t) === p);
  if (fq.length) return fq;
  const nested = items.filter((t) => full(t).endsWith(`.${p}`));
  return nested.length === 1 ? nested : [];
}

export const protoSymbols = memoize((index: IndexSnapshot): ProtoSymbols => new ProtoSymbols(index.protoFiles));

/**
 * The closest candidate to a misspelt name, when it is close enough to be a plausible slip:
 * case differences count as nothing, and at most a third of the name may differ.
 */
export function nearestName(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  let tie = false;
  const lower = name.toLowerCase();
  for (const c of new Set(candidates)) {
    if (c === name) continue;
    const d = distance(lower, c.toLowerCase());
    if (d < bestD) {
      best = c;
      bestD = d;
      tie = false;
    } else if (d === bestD) tie = true;
  }
  if (best === undefined) return undefined;
  const limit = Math.max(2, Math.floor(Math.max(name.length, best.length) / 3));
  if (bestD > limit) return undefined;
  return tie && bestD > 0 ? undefined : best;
}

/** Whether a suggestion is safe to apply without asking: a case slip or one or two typos. */
export function isConfidentSuggestion(name: string, suggestion: string): boolean {
  const d = distance(name.toLowerCase(), suggestion.toLowerCase());
  return d === 0 || (d <= 2 && Math.min(name.length, suggestion.length) >= 5);
}

/** Type names compare equal when one is the other qualified (`Empty` ~ `google.protobuf.Empty`). */
export function sameType(a: string, b: string): boolean {
  const x = stripDot(a);
  const y = stripDot(b);
  return x === y || x.endsWith(`.${y}`) || y.endsWith(`.${x}`);
}
