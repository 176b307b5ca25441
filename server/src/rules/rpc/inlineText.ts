// Reading prose around inline code: what follows or precedes a `name` in its sentence (with
// emphasis marks dropped but offsets kept), which services a passage is about, and how a doc
// spells a reference to an rpc.
import type { BlockRef, DocModel, InlineCodeRef, Section } from '../../markdown/docModel';
import type { ProtoSymbols, RpcRef, ServiceRef } from './symbols';
import { memoize, memoize2 } from '../../engine/memo';

export interface InlineRef {
  code: InlineCodeRef;
  block: BlockRef;
  /** Position among the block's inline codes. */
  i: number;
}

export const inlineRefs = memoize((doc: DocModel): InlineRef[] => doc.blocks.flatMap((block) => block.inlineCodes.map((code, i) => ({ code, block, i }))));

/** Text with markup characters removed, remembering where each kept character came from. */
export interface CleanText {
  text: string;
  /** Document offset of each character of `text`, plus one past the end. */
  offsets: number[];
}

export function clean(doc: DocModel, start: number, end: number): CleanText {
  let text = '';
  const offsets: number[] = [];
  for (let i = start; i < end; i++) {
    const c = doc.text[i];
    if (c === '*' || c === '`' || (c === '_' && !/\w/.test(doc.text[i - 1] ?? '') && !/\w/.test(doc.text[i + 1] ?? ''))) continue;
    // Line breaks inside a paragraph read as spaces.
    text += c === '\n' || c === '\r' ? ' ' : c;
    offsets.push(i);
  }
  offsets.push(end);
  return { text, offsets };
}

/** Offset just past an inline code's closing backticks. */
export function closeOf(doc: DocModel, code: InlineCodeRef): number {
  let i = code.end;
  while (doc.text[i] === ' ' && doc.text[i + 1] === '`') i++;
  while (doc.text[i] === '`') i++;
  return i;
}

function openOf(doc: DocModel, code: InlineCodeRef): number {
  let i = code.start;
  while (i > 0 && doc.text[i - 1] === ' ' && doc.text[i - 2] === '`') i--;
  while (i > 0 && doc.text[i - 1] === '`') i--;
  return i;
}

/** The prose between an inline code and the next one in its block (or the block's end). */
export function textAfter(doc: DocModel, ref: InlineRef): CleanText {
  const next = ref.block.inlineCodes[ref.i + 1];
  return clean(doc, closeOf(doc, ref.code), next ? openOf(doc, next) : ref.block.end);
}

/** The prose between the previous inline code in the block (or its start) and this one. */
export function textBefore(doc: DocModel, ref: InlineRef): CleanText {
  const prev = ref.block.inlineCodes[ref.i - 1];
  return clean(doc, prev ? closeOf(doc, prev) : ref.block.start, openOf(doc, ref.code));
}

export { sentenceAt } from '../../markdown/claims';

// ---------------------------------------------------------------- rpc references

export interface RpcMention {
  /** `pkg.Service` or `Service` when the doc qualifies the rpc. */
  service?: string;
  name: string;
}

/** `Rpc`, `Rpc()`, `Service.Rpc`, `pkg.v1.Service.Rpc`, `/pkg.v1.Service/Rpc`. */
export function parseRpcMention(value: string): RpcMention | undefined {
  const v = value.trim();
  let m = /^\/([A-Za-z_][\w.]*)\/([A-Z]\w*)$/.exec(v);
  if (m) return { service: m[1], name: m[2] };
  m = /^(?:([A-Za-z_][\w.]*)\.)?([A-Z]\w*)(?:\(\))?$/.exec(v);
  if (!m) return undefined;
  return m[1] ? { service: m[1], name: m[2] } : { name: m[2] };
}

/**
 * The real rpcs a mention in `block` can mean; a qualifier must name their service. Among rpcs of
 * one name in several services, those of services the passage names win (read only then: most
 * inline code names no rpc at all).
 */
export function rpcsForMention(sym: ProtoSymbols, mention: RpcMention, doc: DocModel, block: BlockRef): RpcRef[] {
  let cands = sym.rpcsNamed(mention.name);
  if (mention.service) {
    const q = mention.service;
    cands = cands.filter((c) => c.svc.name === q || c.svc.fullName === q);
  } else if (cands.length > 1) {
    const { inBlock, inHeadings } = servicesInContext(doc, sym, block);
    const preferred = cands.filter((c) => inBlock.some((p) => p.svc === c.svc) || inHeadings.some((p) => p.svc === c.svc));
    if (preferred.length) cands = preferred;
  }
  return cands;
}

// ---------------------------------------------------------------- which services a passage is about

/** Compiled once per name: passages are read for every service, every block, every keystroke. */
const wordRes = new Map<string, RegExp>();
const wordRe = (name: string): RegExp => {
  let re = wordRes.get(name);
  if (!re) {
    if (wordRes.size > 10_000) wordRes.clear();
    wordRes.set(name, (re = new RegExp(`(^|[^\\w.])${name.replace(/[.]/g, '\\.')}(?![\\w])`)));
  }
  return re;
};

/** Services whose name (simple or qualified) the text contains as a word. */
export function servicesNamedIn(sym: ProtoSymbols, text: string): ServiceRef[] {
  return sym.services.filter((s) => wordRe(s.svc.name).test(text) || text.includes(s.svc.fullName));
}

export const servicesNamedInDoc = memoize2((doc: DocModel, sym: ProtoSymbols): ServiceRef[] => servicesNamedIn(sym, doc.text));

/**
 * Services the passage holding a block speaks about. Strong: named in the block itself or a
 * heading above it. Weak: named elsewhere in the innermost section, or owning an rpc the block
 * mentions in inline code.
 */
export interface ServiceContext {
  inBlock: ServiceRef[];
  inHeadings: ServiceRef[];
  inSection: ServiceRef[];
}

const contextOf = memoize2((block: BlockRef, sym: ProtoSymbols) => new WeakMap<DocModel, ServiceContext>());

/** Services a section's whole text names, read once per section rather than once per block in it. */
const namedInSection = memoize2((doc: DocModel, sym: ProtoSymbols) => new Map<Section, ServiceRef[]>());

function servicesNamedInSection(doc: DocModel, sym: ProtoSymbols, section: Section): ServiceRef[] {
  const bySection = namedInSection(doc, sym);
  let found = bySection.get(section);
  if (!found) bySection.set(section, (found = servicesNamedIn(sym, doc.text.slice(section.start, section.end))));
  return found;
}

export function servicesInContext(doc: DocModel, sym: ProtoSymbols, block: BlockRef): ServiceContext {
  const byDoc = contextOf(block, sym);
  let found = byDoc.get(doc);
  if (!found) byDoc.set(doc, (found = readContext(doc, sym, block)));
  return found;
}

function readContext(doc: DocModel, sym: ProtoSymbols, block: BlockRef): ServiceContext {
  const text = doc.text.slice(block.start, block.end);
  const inBlock = servicesNamedIn(sym, text);
  const inHeadings: ServiceRef[] = [];
  const headings = doc.headingsAt(block.start);
  for (const h of headings) {
    for (const s of servicesNamedIn(sym, h.title)) if (!inHeadings.includes(s)) inHeadings.push(s);
  }
  const inSection: ServiceRef[] = [];
  const section = headings[0];
  if (section) for (const s of servicesNamedInSection(doc, sym, section)) inSection.push(s);
  for (const c of block.inlineCodes) {
    const owners = new Set(sym.rpcsNamed(c.value.trim()).map((r) => r.svc));
    if (owners.size !== 1) continue;
    const owner = sym.services.find((s) => owners.has(s.svc));
    if (owner && !inSection.includes(owner)) inSection.push(owner);
  }
  return { inBlock, inHeadings, inSection };
}
