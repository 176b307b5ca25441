// The names the code knows for one kind of data: facts read from calls, plus environment defaults
// for names that are configuration (a bucket or database usually comes from `X_BUCKET`'s default).
import type { DataKind, SourceLocation } from '../../engine/types';
import type { IndexSnapshot } from '../../index/snapshot';
import { where } from '../../markdown/claims';

export interface KnownName {
  value: string;
  loc: SourceLocation;
  /** How a message names the source: `internal/store/mongo.go:18` or `FLEETD_MONGO_DB default`. */
  origin: string;
  detail?: string;
}

export function knownNames(index: IndexSnapshot, kind: DataKind, envName?: RegExp, valid?: (v: string) => boolean): KnownName[] {
  const out: KnownName[] = index.data.filter((d) => d.kind === kind && d.value !== '*').map((d) => ({ value: d.value, loc: d.loc, origin: where(d.loc), detail: d.detail }));
  if (envName) {
    for (const e of index.env) {
      if (!envName.test(e.name) || !e.default || e.default.kind !== 'string') continue;
      const v = e.default.display;
      if (!v || (valid && !valid(v))) continue;
      const loc = e.defaultLoc ?? e.loc;
      out.push({ value: v, loc, origin: `\`${e.name}\` default, ${where(loc)}` });
    }
  }
  return out;
}
