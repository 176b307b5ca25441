// NATS subjects the code publishes, subscribes and requests on, JetStream stream definitions and
// consumer filters. Only packages that import nats.go are read, so other Publish/Subscribe APIs
// (Redis, in-process buses) stay out.
import type { ConfigValue, NatsFact, NatsRole, SourceLocation, StreamFact } from '../../engine/types';
import { calleeName, calleeRecv, fieldsOf, type Expr } from './expr';
import type { CallRec, FileExtract, LitRec } from './extract';
import type { Ctx, Workspace } from './resolve';
import { elementsOf, guard, looksLikeCtx, type Sink } from './shared';
import { configValue, formatDuration, knownString, subjectOf, type Val } from './values';

const NATS_PKG = /^github\.com\/nats-io\/nats\.go(\/|$)/;
const NATS_CORE = 'github.com/nats-io/nats.go';

interface CallShape {
  role: NatsRole;
  /** The argument holding a `*nats.Msg` instead of a subject. */
  msg?: boolean;
  queue?: boolean;
  durable?: boolean;
}

const CALLS: Record<string, CallShape> = {
  Publish: { role: 'publish' },
  PublishAsync: { role: 'publish' },
  PublishRequest: { role: 'publish' },
  PublishMsg: { role: 'publish', msg: true },
  PublishMsgAsync: { role: 'publish', msg: true },
  Request: { role: 'request' },
  RequestWithContext: { role: 'request' },
  RequestMsg: { role: 'request', msg: true },
  RequestMsgWithContext: { role: 'request', msg: true },
  Subscribe: { role: 'subscribe' },
  SubscribeSync: { role: 'subscribe' },
  ChanSubscribe: { role: 'subscribe' },
  QueueSubscribe: { role: 'subscribe', queue: true },
  QueueSubscribeSync: { role: 'subscribe', queue: true },
  ChanQueueSubscribe: { role: 'subscribe', queue: true },
  QueueSubscribeSyncWithChan: { role: 'subscribe', queue: true },
  PullSubscribe: { role: 'subscribe', durable: true },
};

const ENUMS: Record<string, string> = {
  LimitsPolicy: 'limits',
  InterestPolicy: 'interest',
  WorkQueuePolicy: 'workqueue',
  FileStorage: 'file',
  MemoryStorage: 'memory',
  DiscardOld: 'old',
  DiscardNew: 'new',
};

const DURATION_FIELDS = new Set(['MaxAge', 'Duplicates', 'AckWait', 'InactiveThreshold', 'MaxExpires', 'SubjectDeleteMarkerTTL']);

export function natsFacts(ws: Workspace, sink: Sink): void {
  for (const [name, shape] of Object.entries(CALLS)) {
    for (const { call, file } of ws.callsNamed(name)) {
      if (!file.factsAllowed || !ws.importsMatching(ws.pkgOf(file), NATS_PKG)) continue;
      const recv = calleeRecv(call.x);
      // `nats.Connect(...)`-style package functions are not messaging calls; other packages' Publish neither.
      if (!recv || (recv.t === 'id' && file.imports[recv.name])) continue;
      guard(() => natsCall(ws, sink, file, call, shape));
    }
  }
  for (const file of ws.files) {
    if (!file.factsAllowed || !ws.importsMatching(ws.pkgOf(file), NATS_PKG)) continue;
    for (const rec of file.lits) {
      const name = rec.type.slice(rec.type.lastIndexOf('.') + 1);
      // The package is what precedes the type name: `github.com/nats-io/nats.go` + `.StreamConfig`.
      if (!NATS_PKG.test(rec.type.slice(0, rec.type.lastIndexOf('.')))) continue;
      if (name === 'StreamConfig') for (const { lit } of elementsOf(rec.x)) guard(() => streamConfig(ws, sink, file, rec, lit));
      else if (name === 'ConsumerConfig' || name === 'OrderedConsumerConfig') for (const { lit } of elementsOf(rec.x)) guard(() => consumerConfig(ws, sink, file, rec, lit));
    }
  }
}

function natsCall(ws: Workspace, sink: Sink, file: FileExtract, call: CallRec, shape: CallShape): void {
  const x = call.x;
  const shift = looksLikeCtx(x.args[0], file.imports) ? 1 : 0;
  const first = x.args[shift];
  if (!first) return;
  ws.expand(file, call.func, (ctx, final) => {
    let subjectExprs: { x: Expr; ctx: Ctx }[];
    if (shape.msg) {
      const msg = ws.literalOf(first, ctx);
      const subj = msg ? fieldsOf(msg.lit).get('Subject') : undefined;
      if (!msg || !subj) return final;
      subjectExprs = ws.alternatives(subj, msg.ctx).map((a) => ({ x: a, ctx: msg.ctx }));
    } else subjectExprs = ws.alternatives(first, ctx).map((a) => ({ x: a, ctx }));
    const values = subjectExprs.map((s) => ({ ...s, v: ws.eval(s.x, s.ctx) }));
    const complete = values.every((s) => s.v.k === 'str' && !s.v.parts.includes(null));
    if (!complete && !final) return false;
    let queue: string | undefined;
    let durable: string | undefined;
    let stream: string | undefined;
    if (shape.queue && x.args[shift + 1]) queue = knownString(ws.eval(x.args[shift + 1], ctx));
    if (shape.durable && x.args[shift + 1]) durable = knownString(ws.eval(x.args[shift + 1], ctx));
    for (const opt of x.args.slice(shift + 1)) {
      if (opt.t !== 'call' || opt.fn.t !== 'sel' || opt.fn.x.t !== 'id' || ctx.file.imports[opt.fn.x.name] !== NATS_CORE) continue;
      const a0 = opt.args[0] ? knownString(ws.eval(opt.args[0], ctx)) : undefined;
      const a1 = opt.args[1] ? knownString(ws.eval(opt.args[1], ctx)) : undefined;
      if (opt.fn.f === 'Durable') durable = a0 ?? durable;
      else if (opt.fn.f === 'BindStream') stream = a0 ?? stream;
      else if (opt.fn.f === 'Bind') {
        stream = a0 ?? stream;
        durable = a1 ?? durable;
      } else if (opt.fn.f === 'Queue' || opt.fn.f === 'DeliverGroup') queue = a0 ?? queue;
    }
    for (const s of values) {
      const subject = subjectOf(s.v);
      if (!subject) {
        if (final) for (const flow of throughField(ws, s.x, s.ctx)) emitCall(sink, shape.role, flow.v, flow.loc, queue, durable, stream);
        continue;
      }
      emitCall(sink, shape.role, s.v, ws.locOf(s.x, s.ctx), queue, durable, stream);
    }
    return true;
  });
}

function emitCall(sink: Sink, role: NatsRole, v: Val, loc: SourceLocation, queue?: string, durable?: string, stream?: string): void {
  const subject = subjectOf(v);
  if (!subject) return;
  const fact: NatsFact = { subject, role, loc };
  if (queue) fact.queue = queue;
  if (durable) fact.durable = durable;
  if (stream) fact.stream = stream;
  sink.nats(fact);
}

/**
 * `js.Publish(ctx, m.subject, m.body)` where m is one of the package's own structs: the subjects
 * are the values written into that field wherever the package builds such a struct.
 */
function throughField(ws: Workspace, x: Expr, ctx: Ctx): { v: Val; loc: SourceLocation }[] {
  if (x.t !== 'sel' || x.x.t !== 'id' || ctx.file.imports[x.x.name]) return [];
  return ws.fieldValues(ctx.file, x.f).map((fv) => ({ v: ws.eval(fv.x, fv.ctx), loc: ws.locOf(fv.x, fv.ctx) }));
}

function streamConfig(ws: Workspace, sink: Sink, file: FileExtract, rec: LitRec, lit: Expr & { t: 'lit' }): void {
  const ctx = ws.ctx(file, rec.func);
  const fields = fieldsOf(lit);
  const nameExpr = fields.get('Name');
  const name = nameExpr ? knownString(ws.eval(nameExpr, ctx)) : undefined;
  if (!name) return;
  const subjects: { subject: string; loc: SourceLocation }[] = [];
  const subjExpr = fields.get('Subjects');
  if (subjExpr?.t === 'lit') {
    for (const el of subjExpr.elems) {
      const s = subjectOf(ws.eval(el.v, ctx));
      if (s) subjects.push({ subject: s, loc: ws.locOf(el.v, ctx) });
    }
  } else if (subjExpr) {
    const v = ws.eval(subjExpr, ctx);
    if (v.k === 'list') for (const it of v.items) {
      const s = subjectOf(it);
      if (s) subjects.push({ subject: s, loc: ws.locOf(subjExpr, ctx) });
    }
  }
  const settings: Record<string, ConfigValue> = {};
  const settingLocs: Record<string, SourceLocation> = {};
  for (const [field, x] of fields) {
    if (field === 'Name' || field === 'Subjects') continue;
    settings[field] = natsSetting(field, ws.eval(x, ctx), ws.sourceOf(x, ctx));
    settingLocs[field] = ws.locOf(x, ctx);
  }
  if (subjExpr) settingLocs.Subjects = ws.locOf(subjExpr, ctx);
  const stream: StreamFact = { name, subjects: subjects.map((s) => s.subject), settings, loc: ws.locOf(nameExpr!, ctx), settingLocs };
  sink.stream(stream);
  for (const s of subjects) sink.nats({ subject: s.subject, role: 'stream', stream: name, loc: s.loc });
}

function natsSetting(field: string, v: Val, source: string): ConfigValue {
  if (v.k === 'ext') {
    const display = ENUMS[v.name] ?? v.name;
    return { display, kind: 'string', source };
  }
  if (DURATION_FIELDS.has(field) && v.k === 'int') return { display: formatDuration(v.n), kind: 'duration', numeric: v.n, source };
  return configValue(v, source);
}

const CONSUMER_CALLS = /^(CreateOrUpdateConsumer|CreateConsumer|UpdateConsumer|OrderedConsumer|AddConsumer|CreateOrUpdatePushConsumer|CreatePushConsumer)$/;

function consumerConfig(ws: Workspace, sink: Sink, file: FileExtract, rec: LitRec, lit: Expr & { t: 'lit' }): void {
  const ctx = ws.ctx(file, rec.func);
  const fields = fieldsOf(lit);
  const durableExpr = fields.get('Durable') ?? fields.get('Name');
  const durable = durableExpr ? knownString(ws.eval(durableExpr, ctx)) : undefined;
  const queueExpr = fields.get('DeliverGroup');
  const queue = queueExpr ? knownString(ws.eval(queueExpr, ctx)) : undefined;
  const stream = rec.parentCall && CONSUMER_CALLS.test(calleeName(rec.parentCall)) ? streamOfCall(ws, rec.parentCall, ctx) : undefined;
  const filters: Expr[] = [];
  const one = fields.get('FilterSubject');
  if (one) filters.push(one);
  const many = fields.get('FilterSubjects');
  if (many?.t === 'lit') filters.push(...many.elems.map((el) => el.v));
  for (const f of filters) {
    const subject = subjectOf(ws.eval(f, ctx));
    if (!subject) continue;
    const fact: NatsFact = { subject, role: 'consumer-filter', loc: ws.locOf(f, ctx) };
    if (durable) fact.durable = durable;
    if (queue) fact.queue = queue;
    if (stream) fact.stream = stream;
    sink.nats(fact);
  }
}

/** `js.CreateOrUpdateConsumer(ctx, "STREAM", cfg)`, `js.AddConsumer("STREAM", cfg)`, or a stream handle's. */
function streamOfCall(ws: Workspace, call: Expr & { t: 'call' }, ctx: Ctx): string | undefined {
  const shift = looksLikeCtx(call.args[0], ctx.file.imports) ? 1 : 0;
  const candidate = call.args[shift];
  if (candidate && candidate.t !== 'lit' && !(candidate.t === 'un' && candidate.x.t === 'lit') && call.args.length > shift + 1) {
    return knownString(ws.eval(candidate, ctx));
  }
  // stream.CreateOrUpdateConsumer(ctx, cfg) where `stream, _ := js.Stream(ctx, "NAME")`.
  const recv = calleeRecv(call);
  if (recv?.t !== 'id' || !ctx.fn) return undefined;
  const local = ctx.fn.locals.get(recv.name);
  if (!local || (local.k !== 'tuple' && local.k !== 'expr') || local.x.t !== 'call') return undefined;
  const src = local.x;
  const name = calleeName(src);
  const s = looksLikeCtx(src.args[0], ctx.file.imports) ? 1 : 0;
  if (name === 'Stream' && src.args[s]) return knownString(ws.eval(src.args[s], ctx));
  if (/^(CreateStream|CreateOrUpdateStream|UpdateStream)$/.test(name) && src.args[s]) {
    const cfg = ws.literalOf(src.args[s], ctx);
    const n = cfg ? fieldsOf(cfg.lit).get('Name') : undefined;
    return n && cfg ? knownString(ws.eval(n, cfg.ctx)) : undefined;
  }
  return undefined;
}
