// Finds environment-variable claims: env tables (Variable | Default), definition-style lists
// (`- Variable: X` then `- Default: Y`), prose ("`X` (default `Y`)"), and shell/.env blocks.
// A backticked upper-case word is only a claim when its context says it is an env var.
import type { BlockRef, DocModel, InlineCodeRef, TableRef } from '../../markdown/docModel';
import type { IndexSnapshot, ServiceInfo } from '../../index/snapshot';
import { columnIndex, serviceForBlock, serviceAt, trimmedSpan } from '../../markdown/claims';

export interface EnvDefaultClaim {
  /** The text as written, without backticks. */
  text: string;
  start: number;
  end: number;
  /** The default was written in backticks; a fix keeps that. */
  coded: boolean;
}

export interface EnvClaim {
  name: string;
  start: number;
  end: number;
  default?: EnvDefaultClaim;
  /** What a Required column says, where there is one. */
  required?: { value: boolean; start: number; end: number };
  service?: ServiceInfo;
  layout: 'table' | 'definition' | 'prose' | 'shell';
  /** The context itself says this is an env var (a table column, a `Variable:` label, a shell line). */
  explicit: boolean;
  block?: BlockRef;
  /** Lowercase dotted keys (viper keys, flag names) written on the same row or line. */
  siblingKeys: string[];
}

export const ENV_NAME_STRICT = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
const ENV_NAME_LOOSE = /^[A-Z][A-Z0-9_]*$/;
const ENV_HEADER = /\b(env(ironment)?|variables?|vars?)\b/;
const PROSE_CUE = /\benv(ironment)?\b|\bvariables?\b|\bset\b|\bexport|\bdefault|\bflag|\boverride|\bconfigur/i;

export function findEnvClaims(doc: DocModel, index: IndexSnapshot): EnvClaim[] {
  const claims: EnvClaim[] = [];
  const used = new Set<BlockRef>();

  for (const table of doc.tables) tableClaims(doc, index, table, claims, used);
  definitionClaims(doc, index, claims, used);

  for (const block of doc.blocks) {
    if (used.has(block) || block.kind === 'table-cell' && block.table && tableIsEnv(block.table)) continue;
    const term = definitionParagraph(doc, block);
    if (term) {
      const tail = doc.text.slice(term.end, block.end);
      claims.push({ name: term.name, start: term.start, end: term.end, default: proseDefault(doc, term, block, tail, true), service: serviceForBlock(doc, index, block), layout: 'definition', explicit: true, block, siblingKeys: [] });
      continue;
    }
    const envCodes = block.inlineCodes.filter((ic) => ENV_NAME_STRICT.test(ic.value));
    envCodes.forEach((ic, i) => {
      const next = envCodes[i + 1];
      // The code range ends before its closing backtick.
      const tail = doc.text.slice(ic.end, next ? next.start : block.end).replace(/^`+/, '');
      const sentenceTail = tail.split(/(?<=\.)\s|;\s/)[0];
      claims.push({
        name: ic.value,
        start: ic.start,
        end: ic.end,
        default: proseDefault(doc, ic, block, sentenceTail),
        service: serviceForBlock(doc, index, block),
        layout: 'prose',
        explicit: PROSE_CUE.test(block.text),
        block,
        siblingKeys: block.inlineCodes.map((c) => c.value).filter(isDottedKey),
      });
    });
  }

  for (const code of doc.codeBlocks) {
    if (!/^(bash|sh|shell|zsh|console|env|dotenv|ini|properties)$/.test(code.lang)) continue;
    const service = serviceAt(doc, index, code.start);
    const lines = code.value.split('\n');
    let offset = code.contentStart;
    for (const line of lines) {
      const m = /^(\s*(?:\$\s*)?(?:export\s+)?)([A-Z][A-Z0-9_]*)=/.exec(line);
      if (m && ENV_NAME_LOOSE.test(m[2])) {
        const at = offset + m[1].length;
        claims.push({ name: m[2], start: at, end: at + m[2].length, service, layout: 'shell', explicit: true, siblingKeys: [] });
      }
      offset += line.length + 1;
    }
  }
  return claims.sort((a, b) => a.start - b.start);
}

export function tableIsEnv(table: TableRef): boolean {
  const col = columnIndex(table.header, ENV_HEADER);
  return col >= 0 && table.rows.some((r) => r[col]?.inlineCodes.some((ic) => ENV_NAME_LOOSE.test(ic.value) && ic.value.length > 1) || ENV_NAME_STRICT.test(r[col]?.text.trim() ?? ''));
}

function tableClaims(doc: DocModel, index: IndexSnapshot, table: TableRef, claims: EnvClaim[], used: Set<BlockRef>): void {
  const nameCol = columnIndex(table.header, ENV_HEADER);
  if (nameCol < 0 || !tableIsEnv(table)) return;
  const defaultCol = columnIndex(table.header, /default/);
  const requiredCol = columnIndex(table.header, /^(required|mandatory)\??$/);
  for (const row of table.rows) {
    const cell = row[nameCol];
    if (!cell) continue;
    // Names are usually in backticks; a bare upper-snake name in the variable column counts too.
    const ic = cell.inlineCodes.find((c) => ENV_NAME_LOOSE.test(c.value) && c.value.length > 1) ?? bareName(doc, cell);
    if (!ic) continue;
    used.add(cell);
    const rcell = requiredCol >= 0 ? row[requiredCol] : undefined;
    const dcell = defaultCol >= 0 ? row[defaultCol] : undefined;
    if (dcell) used.add(dcell);
    claims.push({
      name: ic.value,
      start: ic.start,
      end: ic.end,
      default: dcell ? cellDefault(doc, dcell) : undefined,
      required: rcell ? requiredCell(doc, rcell) : undefined,
      service: serviceForBlock(doc, index, cell),
      layout: 'table',
      explicit: true,
      block: cell,
      siblingKeys: row.flatMap((c) => c.inlineCodes.map((x) => x.value)).filter(isDottedKey),
    });
  }
}

function bareName(doc: DocModel, cell: BlockRef): { value: string; start: number; end: number } | undefined {
  const span = trimmedSpan(doc, cell);
  const value = doc.text.slice(span.start, span.end);
  return ENV_NAME_STRICT.test(value) ? { value, ...span } : undefined;
}

function requiredCell(doc: DocModel, cell: BlockRef): EnvClaim['required'] {
  const span = trimmedSpan(doc, cell);
  const text = doc.text.slice(span.start, span.end).replace(/[`*_]/g, '').trim().toLowerCase();
  if (/^(yes|y|true|required|mandatory|✓|✔|x)$/.test(text)) return { value: true, ...span };
  if (/^(no|n|false|optional|-|—|✗)$/.test(text)) return { value: false, ...span };
  return undefined;
}

const LABEL = /^\s*(?:env(?:ironment)?(?: var(?:iable)?)?|variable|var|name)\s*:/i;
const DEFAULT_LABEL = /^\s*default(?: value)?\s*:/i;

function definitionClaims(doc: DocModel, index: IndexSnapshot, claims: EnvClaim[], used: Set<BlockRef>): void {
  const items = doc.blocks.filter((b) => b.kind === 'list-item');
  items.forEach((item, i) => {
    if (!LABEL.test(item.text)) return;
    const ic = item.inlineCodes.find((c) => ENV_NAME_LOOSE.test(c.value) && c.value.length > 1);
    if (!ic) return;
    used.add(item);
    let def: EnvDefaultClaim | undefined;
    // The entry's other lines follow it until the next label or a gap in the list.
    for (let j = i + 1; j < items.length && j <= i + 4; j++) {
      const other = items[j];
      if (LABEL.test(other.text)) break;
      if (doc.lines.positionAt(other.start).line - doc.lines.positionAt(items[j - 1].end).line > 2) break;
      used.add(other);
      if (DEFAULT_LABEL.test(other.text)) def = labelledDefault(doc, other);
    }
    claims.push({ name: ic.value, start: ic.start, end: ic.end, default: def, service: serviceForBlock(doc, index, item), layout: 'definition', explicit: true, block: item, siblingKeys: [] });
  });
}

function labelledDefault(doc: DocModel, item: BlockRef): EnvDefaultClaim | undefined {
  const ic = item.inlineCodes[0];
  if (ic) return { text: ic.value, start: ic.start, end: ic.end, coded: true };
  const raw = doc.text.slice(item.start, item.end);
  const m = /default(?: value)?\s*:\s*(.*?)\s*$/i.exec(raw);
  if (!m) return undefined;
  const at = item.start + raw.lastIndexOf(m[1]);
  return { text: m[1], start: at, end: at + m[1].length, coded: false };
}

function cellDefault(doc: DocModel, cell: BlockRef): EnvDefaultClaim | undefined {
  const ic = cell.inlineCodes[0];
  if (ic) return { text: ic.value, start: ic.start, end: ic.end, coded: true };
  const raw = doc.text.slice(cell.start, cell.end);
  const inner = raw.replace(/^\|?\s*/, '').replace(/\s*\|?$/, '');
  if (!inner) return { text: '', start: cell.start, end: cell.end, coded: false };
  const at = cell.start + raw.indexOf(inner);
  return { text: inner, start: at, end: at + inner.length, coded: false };
}

/** "`X` (default `Y`)", "`X` defaults to `Y`", "`X` (default: Y)", "... defaults to 30s." */
function proseDefault(doc: DocModel, ic: { end: number }, block: BlockRef, tail: string, wholeBlock = false): EnvDefaultClaim | undefined {
  // In prose the default must be in the name's own sentence; a definition's text is all about its term.
  const otherSentence = (before: string) => !wholeBlock && /[.;]\s/.test(before);
  const m = /^[^`]{0,200}?\bdefaults?(?:\s+(?:to|is|of))?\s*:?\s*`([^`]*)`/i.exec(tail);
  if (m && !otherSentence(m[0].slice(0, m[0].search(/default/i)))) {
    const code = block.inlineCodes.find((c) => c.start > ic.end && c.value === m[1]);
    if (code) return { text: code.value, start: code.start, end: code.end, coded: true };
  }
  // A bare value: "defaults to 30s." (the sentence's full stop is not part of it).
  const bare = /\bdefaults?(?:\s+(?:to|is))\s+([^\s`,;()]+?)(?=[.,;)]?(?:\s|$))/i.exec(tail);
  if (!bare || otherSentence(tail.slice(0, bare.index)) || /^(the|a|an|no|none|empty|nothing)$/i.test(bare[1])) return undefined;
  const at = doc.text.indexOf(bare[0], ic.end) + bare[0].length - bare[1].length;
  return at > ic.end ? { text: bare[1], start: at, end: at + bare[1].length, coded: false } : undefined;
}

/**
 * Definition-list style (`NAME` on its own line, then `: what it does ... defaults to X`), which
 * Markdown renders as one paragraph.
 */
function definitionParagraph(doc: DocModel, block: BlockRef): { name: string; start: number; end: number } | undefined {
  if (block.kind !== 'paragraph') return undefined;
  const raw = doc.text.slice(block.start, block.end);
  const m = /^`?([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)`?\r?\n:\s/.exec(raw);
  if (!m) return undefined;
  const start = block.start + raw.indexOf(m[1]);
  return { name: m[1], start, end: start + m[1].length };
}

function isDottedKey(s: string): boolean {
  return /^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)+$/.test(s);
}
