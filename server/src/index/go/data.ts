// Storage and serving names: Mongo databases, collections and indexes, MinIO buckets and object-key
// patterns, HTTP routes, listen addresses and Prometheus metric names.
import type { DataFact, DataKind } from '../../engine/types';
import { calleeName, calleeRecv, fieldsOf, type Expr } from './expr';
import type { CallRec, FileExtract, LitRec } from './extract';
import type { Ctx, Workspace } from './resolve';
import { elementsOf, guard, looksLikeCtx, type Sink } from './shared';
import { hasLiteral, knownString, patternOf, type Val } from './values';

const MONGO = /^go\.mongodb\.org\/mongo-driver(\/v2)?\//;
const MINIO = /^github\.com\/minio\/minio-go(\/v\d+)?$/;
const GIN = /^github\.com\/gin-gonic\/gin$/;
const ECHO = /^github\.com\/labstack\/echo(\/v\d+)?$/;
const CHI = /^github\.com\/go-chi\/chi(\/v\d+)?$/;
const NET_HTTP = /^net\/http$/;
const ROUTERS = /^github\.com\/(gorilla\/mux|go-chi\/chi|gin-gonic\/gin|labstack\/echo|julienschmidt\/httprouter)/;

const BUCKET_CALLS = /^(MakeBucket|BucketExists|RemoveBucket|ListObjects|SetBucketPolicy|SetBucketLifecycle|SetBucketVersioning|EnableVersioning)$/;
const OBJECT_CALLS = /^(PutObject|GetObject|StatObject|FGetObject|FPutObject|RemoveObject|PresignedGetObject|PresignedPutObject|PresignedHeadObject)$/;
const HTTP_METHODS = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|CONNECT|TRACE)$/;
const CHI_METHODS = /^(Get|Post|Put|Patch|Delete|Head|Options|Connect|Trace)$/;

const CALL_NAMES = [
  'Database', 'Collection', 'HandleFunc', 'Handle', 'ListenAndServe', 'ListenAndServeTLS', 'Listen', 'Run', 'Start',
  ...BUCKET_CALLS.source.replace(/^\^\(|\)\$$/g, '').split('|'),
  ...OBJECT_CALLS.source.replace(/^\^\(|\)\$$/g, '').split('|'),
  ...HTTP_METHODS.source.replace(/^\^\(|\)\$$/g, '').split('|'),
  ...CHI_METHODS.source.replace(/^\^\(|\)\$$/g, '').split('|'),
];

export function dataFacts(ws: Workspace, sink: Sink): void {
  for (const name of CALL_NAMES) {
    for (const { call, file } of ws.callsNamed(name)) {
      if (!file.factsAllowed) continue;
      const recv = calleeRecv(call.x);
      if (!recv) continue;
      const pkg = ws.pkgOf(file);
      const has = (re: RegExp) => ws.importsMatching(pkg, re);
      const recvImport = recv.t === 'id' ? file.imports[recv.name] : undefined;
      const x = call.x;
      if ((name === 'Database' || name === 'Collection') && has(MONGO) && !recvImport && x.args.length >= 1) {
        nameFact(ws, sink, file, call.func, x.args[0], name === 'Database' ? 'mongo-database' : 'mongo-collection');
      } else if ((BUCKET_CALLS.test(name) || OBJECT_CALLS.test(name)) && has(MINIO) && !recvImport) {
        const shift = looksLikeCtx(x.args[0], file.imports) ? 1 : 0;
        if (x.args[shift]) nameFact(ws, sink, file, call.func, x.args[shift], 'minio-bucket');
        if (OBJECT_CALLS.test(name) && x.args[shift + 1]) objectKey(ws, sink, file, call, x.args[shift + 1]);
      } else if ((name === 'HandleFunc' || name === 'Handle') && x.args.length >= 2 && (has(NET_HTTP) || has(ROUTERS))) {
        guard(() => route(ws, sink, file, call, x.args[0], undefined));
      } else if (HTTP_METHODS.test(name) && (has(GIN) || has(ECHO)) && !recvImport && x.args.length >= 2) {
        guard(() => route(ws, sink, file, call, x.args[0], name));
      } else if (CHI_METHODS.test(name) && has(CHI) && !recvImport && x.args.length >= 2) {
        guard(() => route(ws, sink, file, call, x.args[0], name.toUpperCase()));
      } else if ((name === 'ListenAndServe' || name === 'ListenAndServeTLS') && recvImport === 'net/http' && x.args[0]) {
        nameFact(ws, sink, file, call.func, x.args[0], 'listen-addr');
      } else if (name === 'Listen' && (recvImport === 'net' || recvImport === 'crypto/tls') && x.args[1]) {
        nameFact(ws, sink, file, call.func, x.args[1], 'listen-addr');
      } else if (((name === 'Run' && has(GIN)) || (name === 'Start' && has(ECHO))) && !recvImport && x.args.length === 1) {
        nameFact(ws, sink, file, call.func, x.args[0], 'listen-addr');
      }
    }
  }
  for (const file of ws.files) {
    if (!file.factsAllowed) continue;
    for (const rec of file.lits) {
      if (/mongo-driver(\/v2)?\/mongo\.IndexModel$/.test(rec.type)) guard(() => indexModels(ws, sink, file, rec));
      else if (rec.type === 'net/http.Server') {
        for (const { lit } of elementsOf(rec.x)) {
          const addr = fieldsOf(lit).get('Addr');
          if (addr) nameFact(ws, sink, file, rec.func, addr, 'listen-addr');
        }
      } else if (/client_golang\/prometheus\.\w*Opts$/.test(rec.type)) guard(() => metric(ws, sink, file, rec));
    }
  }
}

/** A fact whose value is a plain name (bucket, collection, address), from constants or helper arguments. */
function nameFact(ws: Workspace, sink: Sink, file: FileExtract, func: number, arg: Expr, kind: DataKind): void {
  ws.expand(file, func, (ctx, final) => {
    const alts = ws.alternatives(arg, ctx);
    const vals = alts.map((a) => ({ a, v: ws.eval(a, ctx) }));
    if (vals.some(({ v }) => knownString(v) === undefined) && !final) return false;
    for (const { a, v } of vals) {
      const value = knownString(v);
      if (value) sink.data({ kind, value, loc: ws.locOf(a, ctx) });
    }
    return true;
  });
}

function objectKey(ws: Workspace, sink: Sink, file: FileExtract, call: CallRec, arg: Expr): void {
  ws.expand(file, call.func, (ctx, final) => {
    const alts = ws.alternatives(arg, ctx);
    const vals = alts.map((a) => ({ a, v: ws.eval(a, ctx) }));
    if (vals.some(({ v }) => !hasLiteral(v)) && !final) return false;
    for (const { a, v } of vals) {
      if (!hasLiteral(v)) continue;
      sink.data({ kind: 'object-key', value: patternOf(v)!, loc: ws.locOf(a, ctx) });
    }
    return true;
  });
}

function route(ws: Workspace, sink: Sink, file: FileExtract, call: CallRec, arg: Expr, method: string | undefined): void {
  const ctx = ws.ctx(file, call.func);
  const v = ws.eval(arg, ctx);
  let pattern = knownString(v);
  if (pattern === undefined) return;
  // Go 1.22 patterns: "GET /livez", "POST example.com/x".
  const m = /^([A-Z]+)\s+(\S+)$/.exec(pattern);
  if (m) {
    method ??= m[1];
    pattern = m[2];
  }
  if (!pattern.includes('/')) return;
  const prefixes = (call.routePrefix ?? []).map((p) => knownString(ws.eval(p, ctx)));
  const recv = calleeRecv(call.x);
  const group = recv ? groupPrefix(ws, recv, ctx, 0) : '';
  if (prefixes.some((p) => p === undefined) || group === undefined) return;
  const value = joinRoute([...(prefixes as string[]), group, pattern]);
  const fact: DataFact = { kind: 'http-route', value, loc: ws.locOf(arg, ctx) };
  if (method) fact.detail = method;
  sink.data(fact);
}

/** gin/echo `api := r.Group("/api")`: the prefix a router variable carries. */
function groupPrefix(ws: Workspace, recv: Expr, ctx: Ctx, depth: number): string | undefined {
  if (depth > 5 || recv.t !== 'id' || !ctx.fn) return '';
  const local = ctx.fn.locals.get(recv.name);
  if (local?.k !== 'expr' || local.x.t !== 'call' || calleeName(local.x) !== 'Group' || !local.x.args[0]) return '';
  const p = knownString(ws.eval(local.x.args[0], ctx));
  if (p === undefined) return undefined;
  const outer = calleeRecv(local.x);
  const before = outer ? groupPrefix(ws, outer, ctx, depth + 1) : '';
  return before === undefined ? undefined : joinRoute([before, p]);
}

function joinRoute(parts: string[]): string {
  const joined = parts.filter(Boolean).join('/').replace(/\/{2,}/g, '/');
  return joined.startsWith('/') || /^[\w.-]+\//.test(joined) ? joined : `/${joined}`;
}

function indexModels(ws: Workspace, sink: Sink, file: FileExtract, rec: LitRec): void {
  const ctx = ws.ctx(file, rec.func);
  let fromCall: string | undefined;
  if (rec.parentCall && /^(CreateOne|CreateMany)$/.test(calleeName(rec.parentCall))) fromCall = collectionOfChain(ws, calleeRecv(rec.parentCall), ctx);
  for (const { lit, key } of elementsOf(rec.x)) {
    const fields = fieldsOf(lit);
    const keys = fields.get('Keys');
    if (!keys) continue;
    const names = indexKeys(ws, keys, ctx);
    if (!names.length) continue;
    const collection = key ? knownString(ws.eval(key, ctx)) : fromCall;
    let detail = names.join('+');
    const opts = fields.get('Options');
    if (opts) detail += indexOptions(ws, opts, ctx);
    sink.data({ kind: 'mongo-index', value: collection ?? '*', detail, loc: ws.locOf(keys, ctx) });
  }
}

/** `db.Collection("x").Indexes()` or a `coll("x")`-style helper somewhere in the receiver chain. */
function collectionOfChain(ws: Workspace, recv: Expr | undefined, ctx: Ctx): string | undefined {
  let cur = recv;
  for (let i = 0; cur && i < 10; i++) {
    if (cur.t === 'sel' && cur.x.t === 'id' && !ctx.file.imports[cur.x.name]) {
      // `s.runs.Indexes()` where the package builds `&Store{runs: db.Collection(runsCollection)}`.
      const names = new Set(
        ws
          .fieldValues(ctx.file, cur.f)
          .map((fv) => (fv.x.t === 'call' && calleeName(fv.x) === 'Collection' && fv.x.args[0] ? knownString(ws.eval(fv.x.args[0], fv.ctx)) : undefined))
          .filter((n): n is string => !!n),
      );
      return names.size === 1 ? [...names][0] : undefined;
    }
    if (cur.t !== 'call') return undefined;
    const name = calleeName(cur);
    if ((name === 'Collection' || /coll/i.test(name)) && cur.args.length === 1) return knownString(ws.eval(cur.args[0], ctx));
    // `s.jobs().Indexes()` where `func (s *Store) jobs() *mongo.Collection { return s.db.Collection(collJobs) }`.
    const ref = ws.calleeRef(cur, ctx);
    const ret = ref?.fn.ret;
    if (ref && ret?.t === 'call' && calleeName(ret) === 'Collection' && ret.args.length === 1) {
      return knownString(ws.eval(ret.args[0], ws.helperCtx(ref, cur, ctx)));
    }
    cur = calleeRecv(cur);
  }
  return undefined;
}

function indexKeys(ws: Workspace, keys: Expr, ctx: Ctx): string[] {
  if (keys.t !== 'lit') return [];
  const out: string[] = [];
  for (const el of keys.elems) {
    if (el.key && !(el.key.t === 'id' && el.v.t !== 'lit')) {
      // bson.M{"serial": 1}
      const k = knownString(ws.eval(el.key, ctx));
      if (k) out.push(k);
      continue;
    }
    const e = el.v;
    if (e.t !== 'lit') continue;
    // bson.D{{Key: "serial", Value: 1}} or bson.D{{"serial", 1}}
    const keyed = fieldsOf(e).get('Key');
    const k = keyed ?? e.elems[0]?.v;
    const name = k ? knownString(ws.eval(k, ctx)) : undefined;
    if (name) out.push(name);
  }
  return out;
}

function indexOptions(ws: Workspace, opts: Expr, ctx: Ctx): string {
  let out = '';
  let cur: Expr | undefined = opts;
  for (let i = 0; cur && cur.t === 'call' && i < 12; i++) {
    const name = calleeName(cur);
    const a: Val | undefined = cur.args[0] ? ws.eval(cur.args[0], ctx) : undefined;
    if (name === 'SetUnique' && a?.k === 'bool' && a.b) out = ' unique' + out;
    else if (name === 'SetSparse' && a?.k === 'bool' && a.b) out = ' sparse' + out;
    else if (name === 'SetExpireAfterSeconds') out = (a && (a.k === 'int' || a.k === 'float') ? ` ttl=${Math.trunc(a.n)}s` : ' ttl') + out;
    cur = calleeRecv(cur);
  }
  return out;
}

function metric(ws: Workspace, sink: Sink, file: FileExtract, rec: LitRec): void {
  const ctx = ws.ctx(file, rec.func);
  const typeName = rec.type.slice(rec.type.lastIndexOf('.') + 1);
  const parent = rec.parentCall ? calleeName(rec.parentCall) : '';
  const kind = (/^(Counter|Gauge|Histogram|Summary)Opts$/.exec(typeName)?.[1] ?? /^New(Counter|Gauge|Histogram|Summary)/.exec(parent)?.[1] ?? '').toLowerCase();
  let labels: string[] = [];
  if (rec.parentCall && /Vec$/.test(parent) && rec.parentCall.args[1]) {
    const l = ws.eval(rec.parentCall.args[1], ctx);
    if (l.k === 'list') labels = l.items.map((i) => knownString(i) ?? '*');
  }
  for (const { lit } of elementsOf(rec.x)) {
    const fields = fieldsOf(lit);
    const nameExpr = fields.get('Name');
    if (!nameExpr) continue;
    const parts = ['Namespace', 'Subsystem', 'Name'].map((f) => {
      const x = fields.get(f);
      return x ? knownString(ws.eval(x, ctx)) : '';
    });
    if (parts.some((p) => p === undefined) || !parts[2]) continue;
    const detail = [kind, labels.length ? `labels=${labels.join(',')}` : ''].filter(Boolean).join(' ');
    const fact: DataFact = { kind: 'metric', value: (parts as string[]).filter(Boolean).join('_'), loc: ws.locOf(nameExpr, ctx) };
    if (detail) fact.detail = detail;
    sink.data(fact);
  }
}
