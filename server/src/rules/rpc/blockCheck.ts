// Compares the definitions a ```proto block shows with the real ones of the same name: services and
// their rpcs, messages and their fields, enums and their values. A block is often a fragment, so
// an element is only judged against its namesake, and omissions only count when the block shows
// the whole definition (no `...` inside it).
import type { Finding, Fix, ProtoField, ProtoFile, Range, SourceLocation, TextEdit } from '../../engine/types';
import { LineIndex } from '../../engine/lineIndex';
import type { ScannedEnum, ScannedField, ScannedMessage, ScannedRpc, ScannedService, Span } from '../../index/proto/protoScanner';
import { protoBlocks, type DocProtoBlock } from './docBlocks';
import { code, headline, list, source, where, type RpcCheckContext, type RpcRuleId } from './findings';
import { isConfidentSuggestion, nearestName, sameType, type EnumRef, type MessageRef, type RpcRef, type ServiceRef } from './symbols';
import { insertMissing, reindent, linePrefix, replaceWithSource, type Missing } from './edits';

export function checkProtoBlocks(ctx: RpcCheckContext): void {
  for (const block of protoBlocks(ctx.doc)) new BlockChecker(ctx, block).run();
}

interface RealDef {
  text: string;
  loc: SourceLocation;
}

export function signatureText(r: { name: string; requestType: string; requestStream: boolean; responseType: string; responseStream: boolean }): string {
  return `${r.name}(${r.requestStream ? 'stream ' : ''}${r.requestType}) returns (${r.responseStream ? 'stream ' : ''}${r.responseType})`;
}

/** "takes `X`" / "returns `stream Y`" parts where a doc rpc and the real one differ. */
export function signatureDiff(
  doc: { requestType: string; requestStream: boolean; responseType: string; responseStream: boolean },
  real: { requestType: string; requestStream: boolean; responseType: string; responseStream: boolean },
): { doc: string; real: string } | undefined {
  const side = (t: string, s: boolean): string => code(`${s ? 'stream ' : ''}${t}`);
  const docParts: string[] = [];
  const realParts: string[] = [];
  if (!sameType(doc.requestType, real.requestType) || doc.requestStream !== real.requestStream) {
    docParts.push(`takes ${side(doc.requestType, doc.requestStream)}`);
    realParts.push(`takes ${side(real.requestType, real.requestStream)}`);
  }
  if (!sameType(doc.responseType, real.responseType) || doc.responseStream !== real.responseStream) {
    docParts.push(`returns ${side(doc.responseType, doc.responseStream)}`);
    realParts.push(`returns ${side(real.responseType, real.responseStream)}`);
  }
  return docParts.length ? { doc: docParts.join(' and '), real: realParts.join(' and ') } : undefined;
}

function fieldSig(f: { rule?: string; keyType?: string; type: string; name: string; id: number }): string {
  return `${f.rule ? `${f.rule} ` : ''}${f.keyType ? `map<${f.keyType}, ${f.type}>` : f.type} ${f.name} = ${f.id}`;
}

class BlockChecker {
  private pkg?: string;
  private readonly findings: Finding[] = [];
  /** Real definitions of the block's top-level definitions, by the block offset they start at. */
  private readonly realOfTop = new Map<number, RealDef>();
  private readonly realMessages = new Map<string, MessageRef>();
  private readonly lineIndexes = new Map<string, LineIndex>();

  constructor(
    private readonly ctx: RpcCheckContext,
    private readonly block: DocProtoBlock,
  ) {}

  run(): void {
    const sc = this.block.scanned;
    if (!this.relevant()) return;
    this.pkg = sc.package && this.ctx.sym.packages.has(sc.package) ? sc.package : this.inferPackage();
    for (const s of sc.services) this.checkService(s);
    for (const r of sc.orphanRpcs) this.checkOrphanRpc(r);
    for (const m of sc.messages) this.checkMessage(m);
    for (const e of sc.enums) this.checkEnum(e);
    this.offerWholeBlockFix();
  }

  // ---------------------------------------------------------------- plumbing

  private report(id: RpcRuleId, f: Finding): void {
    this.findings.push(f);
    this.ctx.out.report(id, f);
  }

  private claim(id: RpcRuleId, range: Range): void {
    this.ctx.out.claim(id, range);
  }

  private range(s: Span): Range {
    return this.block.range(s);
  }

  /** The `service X` / `message X` part of a definition's first line. */
  private headRange(def: { start: number; nameSpan: Span }): Range {
    return this.range({ start: def.start, end: def.nameSpan.end });
  }

  private replace(title: string, span: Span, real: { text: string; loc: SourceLocation }, preferred: boolean): Fix {
    return { title, edits: [replaceWithSource(this.ctx.doc, this.block, span, real.text, real.loc.range.start.character)], isPreferred: preferred };
  }

  private removeFix(title: string, span: Span): Fix {
    return { title, edits: [{ range: this.block.lineRange(span), newText: '' }], isPreferred: false };
  }

  private sourceSlice(loc: SourceLocation): string | undefined {
    const text = this.ctx.index.sourceText(loc.path);
    if (text === undefined) return undefined;
    let li = this.lineIndexes.get(loc.path);
    if (!li) {
      li = new LineIndex(text);
      this.lineIndexes.set(loc.path, li);
    }
    return text.slice(li.offsetAt(loc.range.start), li.offsetAt(loc.range.end));
  }

  /** A block is about this workspace when some definition in it has a real namesake (or a near one). */
  private relevant(): boolean {
    const { sym } = this.ctx;
    const sc = this.block.scanned;
    if (sc.services.some((s) => sym.servicesNamed(s.name).length || nearestName(s.name, sym.services.map((r) => r.svc.name)))) return true;
    if (sc.orphanRpcs.some((r) => sym.rpcsNamed(r.name).length)) return true;
    if (sc.messages.some((m) => m.depth === 0 && sym.resolveMessage(m.path).length)) return true;
    return sc.enums.some((e) => e.depth === 0 && sym.resolveEnum(e.path).length);
  }

  private inferPackage(): string | undefined {
    const { sym } = this.ctx;
    const sc = this.block.scanned;
    for (const s of sc.services) {
      const c = sym.servicesNamed(s.name);
      if (c.length === 1) return c[0].file.package;
    }
    for (const m of sc.messages.filter((x) => x.depth === 0)) {
      const c = sym.resolveMessage(m.path);
      if (c.length === 1) return c[0].file.package;
    }
    return undefined;
  }

  private preferPackage<T extends { file: ProtoFile }>(cands: T[]): T[] {
    const same = cands.filter((c) => c.file.package === this.pkg);
    return same.length ? same : cands;
  }

  // ---------------------------------------------------------------- services and rpcs

  private checkService(s: ScannedService): void {
    const { sym } = this.ctx;
    this.claim('rpc-unknown-service', this.headRange(s));
    const cands = this.preferPackage(sym.servicesNamed(s.name));
    if (!cands.length) {
      const near = nearestName(s.name, sym.services.map((r) => r.svc.name));
      const nearRef = near ? this.preferPackage(sym.servicesNamed(near))[0] : undefined;
      this.report('rpc-unknown-service', {
        range: this.headRange(s),
        message: `Doc shows service ${code(s.name)}; no .proto file declares a service of that name${nearRef ? ` (nearest: ${code(nearRef.svc.fullName)} in ${where(nearRef.svc.loc)})` : ''}`,
        sources: nearRef ? [source(nearRef.svc.loc, `service ${nearRef.svc.name}`)] : undefined,
        fixes: near
          ? [{ title: `Rename to ${near}`, edits: [{ range: this.range(s.nameSpan), newText: near }], isPreferred: isConfidentSuggestion(s.name, near) }]
          : undefined,
      });
      return;
    }
    // Of several same-named services (v1 and v2), judge against the one the block resembles most.
    const real = cands.reduce((best, c) => (this.rpcOverlap(s, c) > this.rpcOverlap(s, best) ? c : best));
    this.realOfTop.set(s.start, real.svc);
    const shown = new Set(s.rpcs.map((r) => r.name));
    for (const r of s.rpcs) {
      this.claim('rpc-unknown-method', this.range(r));
      const rr = real.svc.rpcs.find((x) => x.name === r.name);
      if (!rr) {
        const near = nearestName(
          r.name,
          real.svc.rpcs.filter((x) => !shown.has(x.name)).map((x) => x.name),
        );
        const nearRpc = near ? real.svc.rpcs.find((x) => x.name === near) : undefined;
        const fixes: Fix[] = [];
        if (nearRpc) fixes.push(this.replace(`Replace with \`${headline(nearRpc.text)}\``, r, nearRpc, isConfidentSuggestion(r.name, nearRpc.name) && !signatureDiff(r, nearRpc)));
        fixes.push(this.removeFix(`Remove rpc ${r.name} from the block`, r));
        this.report('rpc-unknown-method', {
          range: this.range(r),
          message: `Doc shows ${code(`rpc ${r.name}`)} in ${code(real.svc.name)}; ${where(real.svc.loc)} declares no such method${near ? ` (nearest: ${code(near)})` : ''}`,
          sources: [source(real.svc.loc, `service ${real.svc.name}`)],
          fixes,
        });
        continue;
      }
      this.compareRpc(r, { rpc: rr, svc: real.svc, file: real.file });
    }
    if (!s.elided && s.rpcs.length) {
      this.claim('rpc-missing-method', this.headRange(s));
      const missing = real.svc.rpcs.filter((x) => !shown.has(x.name));
      if (missing.length) {
        const edits = insertMissing(
          this.ctx.doc,
          this.block,
          s,
          real.svc.rpcs.map((x) => x.name),
          s.rpcs.map((x) => ({ name: x.name, span: x })),
          missing.map((x): Missing => ({ name: x.name, text: x.text, col: x.loc.range.start.character })),
        );
        this.report('rpc-missing-method', {
          range: this.headRange(s),
          message: `Doc shows ${code(real.svc.name)} without ${list(missing.map((x) => x.name))}; ${where(real.svc.loc)} also declares ${missing.length === 1 ? 'it' : 'them'}`,
          sources: missing.map((x) => source(x.loc, `rpc ${x.name}`)),
          fixes: edits ? [{ title: `Add ${missing.map((x) => x.name).join(', ')}`, edits, isPreferred: true }] : undefined,
        });
      }
    }
  }

  private rpcOverlap(s: ScannedService, c: ServiceRef): number {
    return s.rpcs.filter((r) => c.svc.rpcs.some((x) => x.name === r.name)).length;
  }

  private compareRpc(r: ScannedRpc, real: RpcRef): void {
    this.claim('rpc-signature', this.range(r));
    const diff = signatureDiff(r, real.rpc);
    if (!diff) return;
    this.report('rpc-signature', {
      range: this.range(r),
      message: `Doc says ${code(r.name)} ${diff.doc}; ${where(real.rpc.loc)} ${diff.real}`,
      sources: [source(real.rpc.loc, `rpc ${real.rpc.name} in ${real.svc.fullName}`)],
      fixes: [this.replace(`Replace with \`${headline(real.rpc.text)}\``, r, real.rpc, true)],
    });
  }

  private checkOrphanRpc(r: ScannedRpc): void {
    const { sym } = this.ctx;
    this.claim('rpc-unknown-method', this.range(r));
    const cands = this.preferPackage(sym.rpcsNamed(r.name));
    if (!cands.length) {
      const near = nearestName(r.name, sym.rpcs.map((x) => x.rpc.name));
      const nearRef = near ? this.preferPackage(sym.rpcsNamed(near))[0] : undefined;
      this.report('rpc-unknown-method', {
        range: this.range(r),
        message: `Doc shows ${code(`rpc ${r.name}`)}; no service in the .proto files declares it${nearRef ? ` (nearest: ${code(`${nearRef.svc.name}.${nearRef.rpc.name}`)})` : ''}`,
        sources: nearRef ? [source(nearRef.rpc.loc, `rpc ${nearRef.rpc.name}`)] : undefined,
        fixes: nearRef ? [this.replace(`Replace with \`${headline(nearRef.rpc.text)}\``, r, nearRef.rpc, isConfidentSuggestion(r.name, nearRef.rpc.name) && !signatureDiff(r, nearRef.rpc))] : undefined,
      });
      return;
    }
    const exact = cands.find((c) => !signatureDiff(r, c.rpc));
    if (exact) {
      this.claim('rpc-signature', this.range(r));
      return;
    }
    this.compareRpc(r, cands[0]);
  }

  // ---------------------------------------------------------------- messages and fields

  private resolveMessage(m: ScannedMessage): MessageRef | undefined {
    const { sym } = this.ctx;
    if (m.depth === 0) {
      const cands = this.preferPackage(sym.resolveMessage(m.path, this.pkg));
      if (cands.length <= 1) return cands[0];
      return cands.reduce((best, c) => (this.fieldOverlap(m, c) > this.fieldOverlap(m, best) ? c : best));
    }
    const parent = this.realMessages.get(m.path.slice(0, m.path.lastIndexOf('.')));
    return parent ? sym.message(`${parent.msg.fullName}.${m.name}`) : undefined;
  }

  private fieldOverlap(m: ScannedMessage, c: MessageRef): number {
    return m.fields.filter((f) => c.msg.fields.some((x) => x.name === f.name && x.id === f.id)).length;
  }

  private checkMessage(m: ScannedMessage): void {
    const { sym } = this.ctx;
    const parentPath = m.depth ? m.path.slice(0, m.path.lastIndexOf('.')) : '';
    // A nested message of an unknown message has been accounted for by its parent's finding.
    if (m.depth && !this.realMessages.has(parentPath)) return;
    this.claim('rpc-message-field', this.headRange(m));
    const real = this.resolveMessage(m);
    if (!real) {
      const parent = m.depth ? this.realMessages.get(parentPath) : undefined;
      const pool = parent ? sym.messages.filter((x) => x.msg.fullName.startsWith(`${parent.msg.fullName}.`)) : sym.messages;
      const near = nearestName(m.name, pool.map((x) => x.msg.name));
      const elsewhere = parent ? sym.messages.find((x) => x.msg.name === m.name) : undefined;
      const hint = elsewhere ? ` (${code(elsewhere.msg.fullName)} is declared at ${where(elsewhere.msg.loc)})` : near ? ` (nearest: ${code(near)})` : '';
      this.report('rpc-message-field', {
        range: this.headRange(m),
        message: `Doc shows message ${code(m.path)}; ${parent ? `${where(parent.msg.loc)} declares no such nested message` : 'no .proto file declares a message of that name'}${hint}`,
        sources: parent ? [source(parent.msg.loc, `message ${parent.msg.fullName}`)] : undefined,
        fixes: near ? [{ title: `Rename to ${near}`, edits: [{ range: this.range(m.nameSpan), newText: near }], isPreferred: false }] : undefined,
      });
      return;
    }
    this.realMessages.set(m.path, real);
    if (m.depth === 0) this.realOfTop.set(m.start, real.msg);
    const matched = new Set<ProtoField>();
    for (const f of m.fields) {
      this.claim('rpc-message-field', this.range(f));
      let rf = real.msg.fields.find((x) => x.name === f.name);
      if (!rf) rf = real.msg.fields.find((x) => x.id === f.id && !m.fields.some((o) => o.name === x.name));
      if (!rf) {
        const near = nearestName(f.name, real.msg.fields.filter((x) => !m.fields.some((o) => o.name === x.name)).map((x) => x.name));
        const nearField = near ? real.msg.fields.find((x) => x.name === near) : undefined;
        const fixes: Fix[] = [];
        if (nearField) fixes.push(this.replace(`Replace with \`${nearField.text}\``, f, nearField, false));
        fixes.push(this.removeFix(`Remove field ${f.name} from the block`, f));
        this.report('rpc-message-field', {
          range: this.range(f),
          message: `Doc shows field ${code(f.name)} in ${code(real.msg.name)}; ${where(real.msg.loc)} declares no field of that name or number${near ? ` (nearest: ${code(near)})` : ''}`,
          sources: [source(real.msg.loc, `message ${real.msg.fullName}`)],
          fixes,
        });
        continue;
      }
      matched.add(rf);
      this.compareField(f, rf, real);
    }
    if (!m.elided && m.fields.length) {
      this.claim('rpc-message-field', this.headRange(m));
      const missing = real.msg.fields.filter((x) => !matched.has(x));
      if (missing.length) this.reportMissingFields(m, real, missing);
    }
  }

  private compareField(f: ScannedField, rf: ProtoField, real: MessageRef): void {
    const same =
      f.name === rf.name &&
      f.id === rf.id &&
      sameType(f.type, rf.type) &&
      (f.keyType ?? '') === (rf.keyType ?? '') &&
      (f.rule ?? '') === (rf.rule ?? '');
    const sameOneof = (f.oneof ?? '') === (rf.oneof ?? '');
    if (same && sameOneof) return;
    const oneofNote = sameOneof ? '' : `; the code has it ${rf.oneof ? `in oneof ${code(rf.oneof)}` : 'outside any oneof'}`;
    this.report('rpc-message-field', {
      range: this.range(f),
      message: `Doc shows ${code(fieldSig(f))} in ${code(real.msg.name)}; ${where(rf.loc)} declares ${code(fieldSig(rf))}${oneofNote}`,
      sources: [source(rf.loc, `field ${rf.name} of ${real.msg.fullName}`)],
      // Moving a field in or out of a oneof takes more than its own line; the block-wide fix does it.
      fixes: sameOneof ? [this.replace(`Replace with \`${headline(rf.text)}\``, f, rf, true)] : [],
    });
  }

  private reportMissingFields(m: ScannedMessage, real: MessageRef, missing: ProtoField[]): void {
    // Fields of a oneof go inside the block's oneof of that name, or cannot be placed line by line.
    const edits: TextEdit[] = [];
    let placeable = true;
    const groups = new Map<string, ProtoField[]>();
    for (const f of missing) groups.set(f.oneof ?? '', [...(groups.get(f.oneof ?? '') ?? []), f]);
    for (const [oneof, fields] of groups) {
      const container = oneof ? m.oneofs.find((o) => o.name === oneof) : m;
      if (!container) {
        placeable = false;
        break;
      }
      const order = real.msg.fields.filter((x) => (x.oneof ?? '') === oneof).map((x) => x.name);
      const present = m.fields.filter((x) => (x.oneof ?? '') === oneof && order.includes(x.name)).map((x) => ({ name: x.name, span: x as Span }));
      const e = insertMissing(this.ctx.doc, this.block, container, order, present, fields.map((x) => ({ name: x.name, text: x.text, col: x.loc.range.start.character })));
      if (!e) {
        placeable = false;
        break;
      }
      edits.push(...e);
    }
    this.report('rpc-message-field', {
      range: this.headRange(m),
      severity: 'warning',
      message: `Doc shows ${code(real.msg.name)} without ${missing.length === 1 ? 'field' : 'fields'} ${list(missing.map((x) => x.name))}; ${where(real.msg.loc)} declares ${missing.length === 1 ? 'it' : 'them'}`,
      sources: missing.map((x) => source(x.loc, `field ${x.name}`)),
      fixes: placeable && edits.length ? [{ title: `Add ${missing.map((x) => x.name).join(', ')}`, edits, isPreferred: true }] : undefined,
    });
  }

  // ---------------------------------------------------------------- enums

  private resolveEnum(e: ScannedEnum): EnumRef | undefined {
    const { sym } = this.ctx;
    if (e.depth === 0) return this.preferPackage(sym.resolveEnum(e.path, this.pkg))[0];
    const parent = this.realMessages.get(e.path.slice(0, e.path.lastIndexOf('.')));
    return parent ? sym.enumByFullName(`${parent.msg.fullName}.${e.name}`) : undefined;
  }

  private checkEnum(e: ScannedEnum): void {
    const { sym } = this.ctx;
    const parentPath = e.depth ? e.path.slice(0, e.path.lastIndexOf('.')) : '';
    if (e.depth && !this.realMessages.has(parentPath)) return;
    this.claim('rpc-enum-value', this.headRange(e));
    const real = this.resolveEnum(e);
    if (!real) {
      const near = nearestName(e.name, sym.enums.map((x) => x.en.name));
      this.report('rpc-enum-value', {
        range: this.headRange(e),
        message: `Doc shows enum ${code(e.path)}; no .proto file declares an enum of that name${near ? ` (nearest: ${code(near)})` : ''}`,
        fixes: near ? [{ title: `Rename to ${near}`, edits: [{ range: this.range(e.nameSpan), newText: near }], isPreferred: false }] : undefined,
      });
      return;
    }
    if (e.depth === 0) this.realOfTop.set(e.start, real.en);
    const matched = new Set<string>();
    for (const v of e.values) {
      this.claim('rpc-enum-value', this.range(v));
      let rv = real.en.values.find((x) => x.name === v.name);
      if (!rv) rv = real.en.values.find((x) => x.number === v.number && !e.values.some((o) => o.name === x.name));
      if (!rv) {
        const near = nearestName(v.name, real.en.values.map((x) => x.name));
        this.report('rpc-enum-value', {
          range: this.range(v),
          message: `Doc shows ${code(`${v.name} = ${v.number}`)} in ${code(real.en.name)}; ${where(real.en.loc)} declares no value of that name or number${near ? ` (nearest: ${code(near)})` : ''}`,
          sources: [source(real.en.loc, `enum ${real.en.fullName}`)],
          fixes: [this.removeFix(`Remove ${v.name} from the block`, v)],
        });
        continue;
      }
      matched.add(rv.name);
      if (rv.name === v.name && rv.number === v.number) continue;
      const text = this.sourceSlice(rv.loc) ?? `${rv.name} = ${rv.number};`;
      this.report('rpc-enum-value', {
        range: this.range(v),
        message: `Doc shows ${code(`${v.name} = ${v.number}`)} in ${code(real.en.name)}; ${where(rv.loc)} declares ${code(`${rv.name} = ${rv.number}`)}`,
        sources: [source(rv.loc, `${rv.name} of ${real.en.fullName}`)],
        fixes: [this.replace(`Replace with \`${text}\``, v, { text, loc: rv.loc }, true)],
      });
    }
    if (!e.elided && e.values.length) {
      this.claim('rpc-enum-value', this.headRange(e));
      const missing = real.en.values.filter((x) => !matched.has(x.name));
      if (missing.length) {
        const edits = insertMissing(
          this.ctx.doc,
          this.block,
          e,
          real.en.values.map((x) => x.name),
          e.values.filter((x) => real.en.values.some((r) => r.name === x.name)).map((x) => ({ name: x.name, span: x })),
          missing.map((x) => ({ name: x.name, text: this.sourceSlice(x.loc) ?? `${x.name} = ${x.number};`, col: x.loc.range.start.character })),
        );
        this.report('rpc-enum-value', {
          range: this.headRange(e),
          severity: 'warning',
          message: `Doc shows ${code(real.en.name)} without ${list(missing.map((x) => x.name))}; ${where(real.en.loc)} declares ${missing.length === 1 ? 'it' : 'them'}`,
          sources: missing.map((x) => source(x.loc, `${x.name} = ${x.number}`)),
          fixes: edits ? [{ title: `Add ${missing.map((x) => x.name).join(', ')}`, edits, isPreferred: true }] : undefined,
        });
      }
    }
  }

  // ---------------------------------------------------------------- the whole block

  /**
   * When the block is nothing but copies of real definitions, one fix replaces each of them with
   * its source; offered beside the line fixes, never preferred over them.
   */
  private offerWholeBlockFix(): void {
    if (!this.findings.length) return;
    const sc = this.block.scanned;
    const defs = sc.topLevel.filter((t) => t.kind === 'service' || t.kind === 'message' || t.kind === 'enum');
    if (sc.topLevel.some((t) => t.kind === 'other' || t.kind === 'rpc' || t.kind === 'extend')) return;
    if (!defs.length || defs.some((d) => !this.realOfTop.has(d.span.start))) return;
    const edits = defs.map((d) => {
      const real = this.realOfTop.get(d.span.start)!;
      const def = [...sc.services, ...sc.messages, ...sc.enums].find((x) => x.start === d.span.start)!;
      return { range: this.block.range(def), newText: reindent(real.text, real.loc.range.start.character, linePrefix(this.ctx.doc, this.block, def.start)) };
    });
    if (edits.every((e, i) => e.newText === this.block.text.slice(defs[i].span.start, defs[i].span.end))) return;
    const files = [...new Set([...this.realOfTop.values()].map((r) => r.loc.path))];
    const fix: Fix = { title: `Replace the block's definitions with their source in ${files.join(', ')}`, edits, isPreferred: false };
    for (const f of this.findings) f.fixes = [...(f.fixes ?? []), fix];
  }
}
