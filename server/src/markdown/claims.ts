// Shared claim helpers: which service a piece of the doc speaks about, and small text tests rules
// use to tell a claim from a passing mention.
import type { IndexSnapshot, ServiceInfo } from '../index/snapshot';
import type { BlockRef, DocModel } from './docModel';
import { memoize2 } from '../engine/memo';

/**
 * An answer about a text that changes only with the services (a snapshot keeps them as the same
 * list while they are), kept per services list. Texts come and go as a doc is edited: each list
 * keeps at most `limit` answers, so memory stays flat over a session.
 */
function perServices<T>(limit: number): (services: readonly ServiceInfo[], text: string, compute: () => T) => T {
  const byServices = new WeakMap<readonly ServiceInfo[], Map<string, T>>();
  return (services, text, compute) => {
    let known = byServices.get(services);
    if (!known) byServices.set(services, (known = new Map()));
    if (known.has(text)) return known.get(text)!;
    const answer = compute();
    if (known.size >= limit) known.clear();
    known.set(text, answer);
    return answer;
  };
}

/** Services a heading's words name: "4.1 Bot Runner environment" → bot-runner. */
export function servicesNamedIn(text: string, index: IndexSnapshot): ServiceInfo[] {
  // Rules ask about the same headings and cells for every claim under them.
  return [...namedIn(index.services, text, () => readServicesNamedIn(text, index))];
}

const namedIn = perServices<ServiceInfo[]>(20_000);

function readServicesNamedIn(text: string, index: IndexSnapshot): ServiceInfo[] {
  // Words hold only letters, digits and hyphens, so a run's service key is its words' keys joined.
  const keys = text
    .replace(/[`*_]/g, ' ')
    .split(/[^A-Za-z0-9-]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase().replace(/-/g, ''));
  const found = new Map<string, ServiceInfo>();
  for (let i = 0; i < keys.length; i++) {
    let key = '';
    for (let j = i; j < Math.min(keys.length, i + 4); j++) {
      key += keys[j];
      const s = index.serviceByKey(key);
      if (s && !found.has(s.key)) found.set(s.key, s);
    }
  }
  return [...found.values()];
}

/**
 * The service a claim at `offset` belongs to: the innermost heading naming exactly one service,
 * else undefined (platform-wide).
 */
export function serviceAt(doc: DocModel, index: IndexSnapshot, offset: number): ServiceInfo | undefined {
  const umbrella = titleIsUmbrella(doc, index);
  for (const h of doc.headingsAt(offset).filter((x) => !(umbrella && x === doc.title))) {
    const named = servicesNamedIn(h.title, index);
    if (named.length === 1) return named[0];
    if (named.length > 1) return undefined;
  }
  return undefined;
}

/**
 * A title such as "fleetd runtime architecture" names the whole system when the sections below it
 * name several services of their own; then it attributes nothing.
 */
function titleIsUmbrella(doc: DocModel, index: IndexSnapshot): boolean {
  return umbrellaMemo(doc, index.services, index);
}

// Each keystroke makes a new document model, nearly always with the same headings as the last.
const umbrellaMemo = memoize2((doc: DocModel, services: readonly ServiceInfo[], index: IndexSnapshot): boolean => {
  const titles = doc.sections.filter((s) => s !== doc.title).map((s) => s.title);
  return umbrellaOf(services, titles.join('\n'), () => new Set(titles.flatMap((t) => servicesNamedIn(t, index).map((x) => x.key))).size >= 2);
});

const umbrellaOf = perServices<boolean>(8);

/** The service a table column is about (a header cell naming one service), if any. */
export function serviceOfColumn(block: BlockRef, index: IndexSnapshot): ServiceInfo | undefined {
  if (block.kind !== 'table-cell' || !block.table || block.column === undefined) return undefined;
  const header = block.table.header[block.column] ?? '';
  const named = servicesNamedIn(header, index);
  return named.length === 1 ? named[0] : undefined;
}

/** The service for a claim: table column first, then headings. */
export function serviceForBlock(doc: DocModel, index: IndexSnapshot, block: BlockRef): ServiceInfo | undefined {
  return serviceOfColumn(block, index) ?? serviceAt(doc, index, block.start);
}

/** Facts that speak for a service: its own, plus shared ones that belong to no service at all. */
export function inServiceScope<F extends { loc: { path: string }; command?: string }>(facts: readonly F[], index: IndexSnapshot, service: ServiceInfo | undefined): F[] {
  if (!service) return [...facts];
  const own = facts.filter((f) => index.belongsTo(f, service.name));
  const shared = facts.filter((f) => !index.belongsToAnyService(f));
  return [...own, ...shared];
}

/** Index of the table column whose header matches, or -1. */
export function columnIndex(header: readonly string[], pattern: RegExp): number {
  return header.findIndex((h) => pattern.test(h));
}

/** `path:line` for messages (1-based line, as editors show it). */
export function where(loc: { path: string; range: { start: { line: number } } }): string {
  return `${loc.path}:${loc.range.start.line + 1}`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Offsets of a block's visible text, without table pipes and padding. */
export function trimmedSpan(doc: DocModel, block: { start: number; end: number }): { start: number; end: number } {
  const raw = doc.text.slice(block.start, block.end);
  const lead = raw.match(/^[|\s]*/)![0].length;
  const trail = raw.match(/[|\s]*$/)![0].length;
  return lead >= raw.length ? { start: block.start, end: block.end } : { start: block.start + lead, end: block.end - trail };
}

/**
 * The sentence of a block that holds an offset, as offsets and text. Sentence ends are `.`, `;`,
 * `!` or `?` before white space; those inside inline code (`rules.yaml`) do not count.
 */
export function sentenceAt(doc: DocModel, block: BlockRef, offset: number): { start: number; end: number; text: string } {
  let raw = doc.text.slice(block.start, block.end);
  for (const c of block.inlineCodes) raw = raw.slice(0, c.start - block.start) + 'x'.repeat(c.end - c.start) + raw.slice(c.end - block.start);
  const at = offset - block.start;
  let start = 0;
  let end = raw.length;
  for (const m of raw.matchAll(/[.;!?](?=\s|$)/g)) {
    if (m.index < at) start = m.index + 1;
    else {
      end = m.index + 1;
      break;
    }
  }
  return { start: block.start + start, end: block.start + end, text: doc.text.slice(block.start + start, block.start + end) };
}
