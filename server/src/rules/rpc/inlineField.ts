// Inline mentions of a message field, `Device.labels`, and a type claimed for it in the same
// sentence: "`Device.labels` is a `map<string, string>`", "`Frame.samples` is `repeated double`".
import type { ProtoField } from '../../engine/types';
import { code, source, where, type RpcCheckContext } from './findings';
import { inlineRefs, textAfter, type InlineRef } from './inlineText';
import { isConfidentSuggestion, nearestName, sameType, type MessageRef } from './symbols';

const FIELD_MENTION = /^((?:[a-z_][\w]*\.)*[A-Z]\w*(?:\.[A-Z]\w*)*)\.([a-z_][a-z0-9_]*)$/;
const TYPE_CLAIM = /^(?:(repeated|optional|required)\s+)?(?:map\s*<\s*([\w.]+)\s*,\s*([\w.]+)\s*>|([\w.]+))$/;
const LINK = /^\s*(?:is|:|,|—|–|-|has type|is of type|holds)?\s*(?:(?:a|an|the)\s+)?$/i;
const SCALARS = new Set(['double', 'float', 'int32', 'int64', 'uint32', 'uint64', 'sint32', 'sint64', 'fixed32', 'fixed64', 'sfixed32', 'sfixed64', 'bool', 'string', 'bytes']);

export function checkFieldClaims(ctx: RpcCheckContext): void {
  const { doc, sym, out } = ctx;
  const refs = inlineRefs(doc);
  for (const ref of refs) {
    if (out.judgedInline.has(ref.code.start)) continue;
    const m = FIELD_MENTION.exec(ref.code.value.trim());
    if (!m) continue;
    const [, typePath, fieldName] = m;
    const msgs = sym.resolveMessage(typePath);
    if (msgs.length !== 1) continue;
    const msg = msgs[0];
    out.judgedInline.add(ref.code.start);
    out.claim('rpc-message-field', ref.code.range);
    const field = msg.msg.fields.find((f) => f.name === fieldName);
    if (!field) {
      reportUnknownField(ctx, ref, msg, typePath, fieldName);
      continue;
    }
    checkTypeClaim(ctx, ref, msg, field);
  }
}

function reportUnknownField(ctx: RpcCheckContext, ref: InlineRef, msg: MessageRef, typePath: string, fieldName: string): void {
  const near = nearestName(fieldName, msg.msg.fields.map((f) => f.name));
  const fixed = `${typePath}.${near}`;
  ctx.out.report('rpc-message-field', {
    range: ref.code.range,
    message: `Doc mentions ${code(`${typePath}.${fieldName}`)}; ${where(msg.msg.loc)} declares no field ${code(fieldName)} in ${code(msg.msg.name)}${near ? ` (nearest: ${code(near)})` : ''}`,
    sources: [source(msg.msg.loc, `message ${msg.msg.fullName}`)],
    fixes: near ? [{ title: `Replace with ${fixed}`, edits: [{ range: ref.code.range, newText: fixed }], isPreferred: isConfidentSuggestion(fieldName, near) }] : undefined,
  });
}

function typeText(f: { rule?: string; keyType?: string; type: string }): string {
  return `${f.rule ? `${f.rule} ` : ''}${f.keyType ? `map<${f.keyType}, ${f.type}>` : f.type}`;
}

/** The next inline code, when only linking words ("is a") stand between it and the field. */
function checkTypeClaim(ctx: RpcCheckContext, ref: InlineRef, msg: MessageRef, field: ProtoField): void {
  const { doc, sym, out } = ctx;
  const next = ref.block.inlineCodes[ref.i + 1];
  if (!next || !LINK.test(textAfter(doc, ref).text)) return;
  const t = TYPE_CLAIM.exec(next.value.trim());
  if (!t) return;
  const [, rule, keyType, valueType, plain] = t;
  const type = valueType ?? plain;
  // Only a scalar, a map or a declared type reads as a type claim; any other word is prose.
  if (!keyType && !SCALARS.has(type) && !sym.isType(type)) return;
  out.judgedInline.add(next.start);
  out.claim('rpc-message-field', next.range);
  const ruleMatches = rule === undefined ? field.rule !== 'repeated' || !!keyType : rule === field.rule;
  const ok = ruleMatches && (keyType ?? '') === (field.keyType ?? '') && sameType(type, field.type);
  if (ok) return;
  const real = typeText(field);
  out.report('rpc-message-field', {
    range: next.range,
    message: `Doc says ${code(`${msg.msg.name}.${field.name}`)} is ${code(next.value.trim())}; ${where(field.loc)} declares ${code(field.text)}`,
    sources: [source(field.loc, `field ${field.name} of ${msg.msg.fullName}`)],
    fixes: [{ title: `Replace with ${real}`, edits: [{ range: next.range, newText: real }], isPreferred: true }],
  });
}
