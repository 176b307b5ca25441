// Which services a document names, and which runnable services it never mentions. A service is
// named by its folder (`cmd/x`, `services/x`), by a command line (`app sub`), in a list of
// subcommands, by "the `x` service", in a table's Service column, or by a section heading that sits
// among headings of real services and is described as a thing that acts.
import { distance } from 'fastest-levenshtein';
import type { BlockRef, DocModel, Section } from '../../markdown/docModel';
import type { IndexSnapshot, ServiceInfo } from '../../index/snapshot';
import type { Finding, Fix, Range } from '../../engine/types';
import { serviceKey } from '../../index/services';
import { where } from '../../markdown/claims';
import { pathClaimOf } from '../path/pathLike';
import { docLocation, projectRoot } from '../path/docLocation';
import { serviceFolderClaim } from './serviceFolders';
import { memoize2 } from '../../engine/memo';
import { composeServiceNames } from '../../markdown/documentContext';

export interface ServiceAnalysis {
  unknown: Finding[];
  /** Where each judged name sits, true or not: a counted claim belongs to the section it lies in. */
  unknownClaims: Range[];
}

/** Infrastructure a platform talks to; a table or sentence may list them beside its own services. */
const INFRASTRUCTURE = new Set(['nats', 'mongo', 'mongodb', 'minio', 's3', 'redis', 'postgres', 'postgresql', 'mysql', 'kafka', 'docker', 'kubernetes', 'k8s', 'prometheus', 'grafana', 'jaeger', 'otel', 'etcd', 'consul', 'vault', 'envoy', 'nginx', 'traefik', 'clients', 'client', 'dashboards', 'operators', 'users', 'all', 'any', 'none', 'every', 'shared', 'external',
  'health', 'reflection', 'grpc', 'http', 'https', 'dns', 'ntp', 'ssh', 'smtp', 'ldap', 'oauth', 'keycloak', 'sentry', 'datadog', 'loki', 'tempo',
  'elasticsearch', 'opensearch', 'rabbitmq', 'memcached', 'clickhouse', 'cassandra', 'influxdb', 'timescaledb', 'temporal', 'airflow', 'argo',
  'argocd', 'istio', 'linkerd', 'coredns', 'cert-manager', 'ingress', 'registry', 'github', 'gitlab', 'slack', 'pagerduty', 'stripe', 'twilio',
  'sendgrid', 'mailgun', 'vault', 'zookeeper', 'pulsar', 'nginx', 'haproxy', 'caddy', 'localstack', 'mailhog', 'jaeger']);
/** Subcommands CLI frameworks add by themselves. */
const BUILTIN_COMMANDS = new Set(['help', 'version', 'completion', 'h']);
/** Heading words that name a topic, not a component. */
const TOPIC_WORDS = /\b(overview|introduction|summary|stack|layout|structure|architecture|model|subjects?|messaging|streams?|storage|stores?|data|database|collections?|buckets?|health|metrics|monitoring|observability|logging|logs|notes?|operating|operations|runbook|configuration|config|settings|environment|variables|security|isolation|sandbox|deployment|deploying|testing|tests|faq|glossary|references?|appendix|changelog|history|contracts?|api|apis|protocol|schema|process|processes|services|components|dependencies|versions|limits|troubleshooting|development|build|building|release|releases|ports?|endpoints?|routes?|networking|network)\b/i;

/** Once per check: every rule of the family reads the same analysis. */
export const analyseServices = memoize2((doc: DocModel, index: IndexSnapshot): ServiceAnalysis => analyse(doc, index));

function analyse(doc: DocModel, index: IndexSnapshot): ServiceAnalysis {
  const out: ServiceAnalysis = { unknown: [], unknownClaims: [] };
  // Without any discovered service there is nothing to hold names against.
  if (index.services.length === 0) return out;
  const composeNames = composeServiceNames(doc);
  const bins = binaries(index);
  for (const block of doc.blocks) {
    checkFolderClaims(doc, index, block, out);
    checkCommandLines(doc, bins, block, out);
    checkSubcommandLists(doc, index, bins, block, out);
    checkServiceWords(doc, index, block, composeNames, out);
    checkServiceColumn(doc, index, block, out);
  }
  checkHeadings(doc, index, out);
  return out;
}

// ---------------------------------------------------------------- helpers

/** One entry per runnable service, folders and modules before subcommands of the same name. */
export function runnableServices(index: IndexSnapshot): ServiceInfo[] {
  const byKey = new Map<string, ServiceInfo>();
  for (const s of index.services) {
    if (!s.runnable) continue;
    const prev = byKey.get(s.key);
    if (!prev || (prev.kind === 'command' && s.kind !== 'command')) byKey.set(s.key, s);
  }
  return [...byKey.values()];
}

/** Subcommands of a binary: command services declared in its folder. */
function commandsOf(index: IndexSnapshot, binary: ServiceInfo): ServiceInfo[] {
  return index.services.filter((s) => s.kind === 'command' && (s.dir === binary.dir || s.dir.startsWith(binary.dir + '/')));
}

/** Binaries that have subcommands. */
function binaries(index: IndexSnapshot): { binary: ServiceInfo; commands: ServiceInfo[] }[] {
  const out: { binary: ServiceInfo; commands: ServiceInfo[] }[] = [];
  for (const s of index.services) {
    if (s.kind === 'command' || !s.runnable) continue;
    const commands = commandsOf(index, s);
    if (commands.length && !out.some((o) => o.binary.dir === s.dir)) out.push({ binary: s, commands });
  }
  return out;
}

function list(names: readonly string[], max = 8): string {
  const shown = names.slice(0, max).map((n) => `\`${n}\``);
  return shown.join(', ') + (names.length > max ? ` and ${names.length - max} more` : '');
}

/** Names a doc may call a service: runnable ones (a library module such as `pkg` is not a service). */
function serviceNames(index: IndexSnapshot): string[] {
  return [...new Set(index.services.filter((s) => s.runnable).map((s) => s.name))];
}

function nearestName(name: string, candidates: readonly string[]): { name: string; distance: number; tied: boolean } | undefined {
  let best: { name: string; distance: number; tied: boolean } | undefined;
  for (const c of candidates) {
    const d = distance(serviceKey(name), serviceKey(c));
    if (!best || d < best.distance) best = { name: c, distance: d, tied: false };
    else if (d === best.distance && c !== best.name) best.tied = true;
  }
  return best;
}

function nearMiss(name: string, near: { distance: number } | undefined): boolean {
  return !!near && near.distance <= Math.max(1, Math.floor(serviceKey(name).length * 0.25));
}

function sourcesOf(services: readonly ServiceInfo[]): Finding['sources'] {
  return services.slice(0, 5).map((s) => ({ loc: s.loc, message: `${s.kind === 'command' ? 'subcommand' : 'service'} ${s.name}` }));
}

/** `described` is how the doc names it: "service `x`", "service folder `cmd/x`". */
function unknownFinding(doc: DocModel, index: IndexSnapshot, start: number, end: number, claim: string, described: string, replaceable: boolean): Finding {
  const names = serviceNames(index);
  const near = nearestName(claim, names);
  const fixes: Fix[] = [];
  if (replaceable && near && nearMiss(claim, near)) {
    fixes.push({ title: `Change to \`${near.name}\``, edits: [{ range: doc.range(start, end), newText: near.name }], isPreferred: !near.tied });
  }
  const hint = near && nearMiss(claim, near) ? ` Did you mean \`${near.name}\`?` : '';
  return {
    range: doc.range(start, end),
    message: `Doc names ${described}; the workspace has no such service (services: ${list(names)}).${hint}`,
    sources: sourcesOf(index.services.filter((s) => s.kind !== 'command' && s.runnable)),
    fixes: fixes.length ? fixes : undefined,
  };
}

// ---------------------------------------------------------------- claims

function checkFolderClaims(doc: DocModel, index: IndexSnapshot, block: BlockRef, out: ServiceAnalysis): void {
  for (const ic of block.inlineCodes) {
    const claim = pathClaimOf(ic.value);
    if (!claim || claim.kind === 'file') continue;
    const folder = serviceFolderClaim(claim.path, index);
    if (!folder) continue;
    const start = ic.start + (ic.value.startsWith('./') ? 2 : 0) + folder.container.length + 1;
    out.unknownClaims.push(doc.range(start, start + folder.name.length));
    if (index.dirPaths.has(claim.path)) continue;
    out.unknown.push(unknownFinding(doc, index, start, start + folder.name.length, folder.name, `service folder \`${folder.container}/${folder.name}\``, true));
  }
}

/** `fleetd migrate`: a binary with subcommands followed by a word that must be one of them. */
type Binary = { binary: ServiceInfo; commands: ServiceInfo[] };

function checkCommandLines(doc: DocModel, bins: readonly Binary[], block: BlockRef, out: ServiceAnalysis): void {
  if (!bins.length) return;
  // A table cell may hold the command line bare: `| ledgerd migrate | ... |`.
  const bare = block.kind === 'table-cell' && !block.inlineCodes.length && /^[A-Za-z][\w.-]*\s+[a-z][\w-]*$/.test(block.text.trim()) ? [{ value: block.text.trim(), start: block.start + doc.text.slice(block.start, block.end).indexOf(block.text.trim()) }] : [];
  for (const ic of [...block.inlineCodes, ...bare]) {
    const m = /^([A-Za-z][\w.-]*)\s+([a-z][\w-]*)(?=\s|$)/.exec(ic.value);
    if (!m) continue;
    const bin = bins.find((b) => serviceKey(b.binary.name) === serviceKey(m[1]));
    if (!bin || BUILTIN_COMMANDS.has(m[2])) continue;
    const start = ic.start + ic.value.indexOf(m[2], m[1].length);
    out.unknownClaims.push(doc.range(start, start + m[2].length));
    if (bin.commands.some((c) => serviceKey(c.name) === serviceKey(m[2]))) continue;
    out.unknown.push(subcommandFinding(doc, start, m[2], bin));
  }
}

function subcommandFinding(doc: DocModel, start: number, name: string, bin: { binary: ServiceInfo; commands: ServiceInfo[] }): Finding {
  const names = bin.commands.map((c) => c.name);
  const near = nearestName(name, names);
  const fixes: Fix[] = [];
  if (near && nearMiss(name, near)) fixes.push({ title: `Change to \`${near.name}\``, edits: [{ range: doc.range(start, start + name.length), newText: near.name }], isPreferred: !near.tied });
  return {
    range: doc.range(start, start + name.length),
    message: `Doc names subcommand \`${name}\` of \`${bin.binary.name}\`; its subcommands are ${list(names)} (${where(bin.commands[0].loc)}).`,
    sources: sourcesOf(bin.commands),
    fixes: fixes.length ? fixes : undefined,
  };
}

/** "three subcommands: `a`, `b` and `c`" and "the `x` subcommand". */
function checkSubcommandLists(doc: DocModel, index: IndexSnapshot, bins: readonly Binary[], block: BlockRef, out: ServiceAnalysis): void {
  if (!bins.length || !/sub-?commands?/i.test(block.text)) return;
  const blockText = doc.text.slice(block.start, block.end);
  // The binary the sentence is about: named in the block, or the only one there is.
  const named = bins.filter((b) => new RegExp(`\\b${escape(b.binary.name)}\\b`, 'i').test(blockText));
  const bin = named.length === 1 ? named[0] : bins.length === 1 ? bins[0] : undefined;
  let listing = false;
  let prevEnd = block.start;
  for (const ic of block.inlineCodes) {
    const gap = doc.text.slice(prevEnd, Math.max(prevEnd, ic.start - 1));
    const after = doc.text.slice(ic.end, ic.end + 24);
    if (/\bsub-?commands?\s*(?:are|is|:|\(|—|-)?\s*$/i.test(gap)) listing = true;
    else if (!(listing && /^\s*(,|and|or|,\s*and|,\s*or|\/)\s*$/i.test(gap.replace(/`/g, '')))) listing = false;
    prevEnd = ic.end + 1;
    const single = /^`?\s+sub-?command\b/i.test(after);
    if (!(listing || single) || !/^[a-z][\w-]*$/.test(ic.value) || BUILTIN_COMMANDS.has(ic.value)) continue;
    out.unknownClaims.push(ic.range);
    const all = bin ? bin.commands : bins.flatMap((b) => b.commands);
    if (all.some((c) => serviceKey(c.name) === serviceKey(ic.value))) continue;
    if (bin) out.unknown.push(subcommandFinding(doc, ic.start, ic.value, bin));
    else out.unknown.push(unknownFinding(doc, index, ic.start, ic.end, ic.value, `subcommand \`${ic.value}\``, false));
  }
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** "the `x` service", "the `x` binary". */
function checkServiceWords(doc: DocModel, index: IndexSnapshot, block: BlockRef, composeNames: ReadonlySet<string>, out: ServiceAnalysis): void {
  const blockText = doc.text.slice(block.start, block.end);
  if (/\bcompose\b/i.test(blockText)) return;
  for (const ic of block.inlineCodes) {
    if (!/^[a-z][a-z0-9_-]*$/.test(ic.value) || INFRASTRUCTURE.has(ic.value) || composeNames.has(ic.value)) continue;
    const after = doc.text.slice(ic.end, ic.end + 20);
    if (!/^`?\s+(service|binary|daemon|microservice)\b/i.test(after)) continue;
    // "the `health` service" may be a gRPC service the code serves, not a deployable one.
    if (index.protoFiles.some((f) => f.services.some((p) => [serviceKey(ic.value), serviceKey(ic.value) + 'service'].includes(serviceKey(p.name))))) continue;
    out.unknownClaims.push(ic.range);
    if (index.serviceByKey(ic.value)) continue;
    out.unknown.push(unknownFinding(doc, index, ic.start, ic.end, ic.value, `service \`${ic.value}\``, true));
  }
}

/** Cells of a table column headed Service (or Binary, Subcommand) name services; a Component column lists libraries too. */
function checkServiceColumn(doc: DocModel, index: IndexSnapshot, block: BlockRef, out: ServiceAnalysis): void {
  if (block.kind !== 'table-cell' || !block.table || block.column === undefined) return;
  if (!/^(services?|binary|binaries|subcommands?)$/.test(block.table.header[block.column] ?? '')) return;
  const text = block.text.trim();
  if (!/^[A-Za-z][\w-]*$/.test(text) || INFRASTRUCTURE.has(text.toLowerCase())) return;
  const raw = doc.text.slice(block.start, block.end);
  const at = raw.indexOf(text);
  const start = block.start + Math.max(0, at);
  out.unknownClaims.push(doc.range(start, start + text.length));
  if (index.serviceByKey(text)) return;
  out.unknown.push(unknownFinding(doc, index, start, start + text.length, text, `service \`${text}\``, true));
}

/** Numbering and punctuation around a heading's words: "4. rollout" → "rollout". */
function headingWords(title: string): string {
  return title
    .replace(/^\s*(\d+(\.\d+)*\.?|[IVX]+\.)\s+/, '')
    .replace(/[`*_]/g, '')
    .trim();
}

function headingNamesService(title: string, index: IndexSnapshot): boolean {
  const words = headingWords(title);
  return !!words && !!index.serviceByKey(words);
}

/**
 * A heading among siblings that are real services ("## Bot Runner", "## Market Data") which names
 * no service but is described as an actor ("The risk engine checks...") documents a service.
 */
function checkHeadings(doc: DocModel, index: IndexSnapshot, out: ServiceAnalysis): void {
  const groups = new Map<string, Section[]>();
  // Headings come in document order: the nearest enclosing heading of smaller depth is the last
  // one still open, once those of the same depth or deeper are closed.
  const open: Section[] = [];
  for (const s of doc.sections) {
    while (open.length && open[open.length - 1].depth >= s.depth) open.pop();
    const parent = open[open.length - 1];
    open.push(s);
    const key = `${parent ? parent.start : -1}:${s.depth}`;
    const g = groups.get(key) ?? [];
    g.push(s);
    groups.set(key, g);
  }
  for (const siblings of groups.values()) {
    // Only sections whose claims this check holds are judged (an edit's check holds one).
    if (!siblings.some((s) => doc.holdsClaimsAt(s.start))) continue;
    const real = siblings.filter((s) => headingNamesService(s.title, index));
    if (real.length < 2) continue;
    for (const s of siblings) {
      if (real.includes(s) || !doc.holdsClaimsAt(s.start)) continue;
      const words = headingWords(s.title);
      const parts = words.split(/[\s-]+/).filter(Boolean);
      if (parts.length === 0 || parts.length > 3 || TOPIC_WORDS.test(words) || !/^[A-Za-z][\w -]*$/.test(words)) continue;
      if (!isAgentNoun(parts[parts.length - 1]) || parts.some((p) => INFRASTRUCTURE.has(p.toLowerCase()))) continue;
      if (!describedAsActor(doc, s, parts)) continue;
      out.unknownClaims.push(s.headingRange);
      const headingStart = doc.lines.offsetAt(s.headingRange.start);
      const headingEnd = doc.lines.offsetAt(s.headingRange.end);
      out.unknown.push(unknownFinding(doc, index, headingStart, headingEnd, words, `a service \`${words}\` (a section among service sections)`, false));
    }
  }
}

/** Words that name something that runs: `engine`, `runner`, `tracker`, `gateway`. */
const AGENT_NOUNS = new Set(['engine', 'service', 'api', 'gateway', 'daemon', 'proxy', 'bot', 'hub', 'svc', 'job', 'cron', 'relay', 'bridge', 'sync', 'agent']);
const NOT_AGENTS = new Set(['cluster', 'header', 'footer', 'folder', 'layer', 'order', 'error', 'user', 'other', 'number', 'parameter', 'filter', 'buffer', 'container', 'register', 'chapter', 'vendor', 'mirror', 'color', 'colour', 'factor', 'sensor', 'letter', 'matter', 'master', 'after', 'answer', 'paper', 'power', 'water', 'center', 'centre', 'border', 'behavior', 'behaviour', 'anchor', 'major', 'minor', 'author', 'editor', 'docker']);

function isAgentNoun(word: string): boolean {
  const w = word.toLowerCase();
  if (AGENT_NOUNS.has(w)) return true;
  return /(er|or)$/.test(w) && w.length > 4 && !NOT_AGENTS.has(w);
}

/** The section's own text opens by naming the heading as a subject: "The risk engine checks...". */
function describedAsActor(doc: DocModel, s: Section, parts: string[]): boolean {
  const bodyStart = doc.lines.offsetAt({ line: s.headingRange.end.line + 1, character: 0 });
  const next = doc.sections.find((o) => o.start > s.start);
  const bodyEnd = Math.min(next ? next.start : doc.text.length, bodyStart + 600);
  const body = doc.text.slice(bodyStart, bodyEnd).replace(/[`*_]/g, '');
  const phrase = parts.map(escape).join('[\\s-]+');
  return new RegExp(`^\\s*(the|our|a|an)\\s+${phrase}(\\s+(service|worker|daemon|engine|process))?\\s+[a-z]+s\\b`, 'i').test(body) || new RegExp(`^\\s*${phrase}\\s+(is|runs|serves|handles|checks|consumes|publishes|keeps|stores)\\b`, 'i').test(body);
}

// ---------------------------------------------------------------- undocumented

/** What one section says about runnable services: every one it may mean, and those it names deliberately. */
export interface ServiceMentions {
  mentioned: ReadonlySet<string>;
  strong: ReadonlySet<string>;
}

/** Runnable services a document owes a word: those of the project it sits in (nearest go.mod or go.work above it). */
export const servicesOwedBy = memoize2((doc: DocModel, index: IndexSnapshot): ServiceInfo[] => {
  // A service's own README owes nothing to its neighbours.
  const root = projectRoot(docLocation(doc, index).dir, index);
  return runnableServices(index).filter((s) => !root || s.dir === root || s.dir.startsWith(root + '/') || s.loc.path.startsWith(root + '/'));
});

const targetKeys = memoize2((doc: DocModel, index: IndexSnapshot): ReadonlySet<string> => new Set(servicesOwedBy(doc, index).map((s) => s.key)));

export function serviceMentionsIn(doc: DocModel, index: IndexSnapshot, span: { start: number; end: number }): ServiceMentions {
  const targets = targetKeys(doc, index);
  const text = doc.text.slice(span.start, span.end);
  return { mentioned: mentionedKeys(text, targets), strong: strongMentions(doc, span, text, targets) };
}

/**
 * The finding for a document about the platform's services (it names at least two deliberately)
 * that never mentions some runnable service, placed on the title; undefined when there is none.
 * `claims` holds one range per service owed a word: the title's, as the claim is the document's.
 */
export function undocumentedServices(doc: DocModel, index: IndexSnapshot, mentions: readonly ServiceMentions[]): { claims: Range[]; finding?: Finding } {
  const runnable = servicesOwedBy(doc, index);
  if (!doc.title || runnable.length === 0) return { claims: [] };
  const mentioned = new Set(mentions.flatMap((m) => [...m.mentioned]));
  const strong = new Set(mentions.flatMap((m) => [...m.strong]));
  const documented = runnable.filter((s) => strong.has(s.key));
  if (documented.length < 2) return { claims: [] };
  const title = doc.title.headingRange;
  const claims = runnable.map(() => title);
  const missing = runnable.filter((s) => !mentioned.has(s.key));
  if (missing.length === 0) return { claims };
  const what = missing.map((s) => `\`${s.name}\` (${s.kind === 'command' ? `subcommand, ${where(s.loc)}` : s.dir || s.loc.path})`);
  return {
    claims,
    finding: {
      range: doc.title.headingRange,
      message: `The doc never mentions ${missing.length === 1 ? 'the runnable service' : `${missing.length} runnable services`} ${what.join(', ')}; it documents ${list(documented.map((s) => s.name))}.`,
      sources: sourcesOf(missing),
    },
  };
}

/**
 * Names the doc gives deliberately: in inline code, headings and table cells, or spelled with more
 * than one word (`bot-runner`, "Bot Runner"). A service called `run` is not documented by the verb.
 */
function strongMentions(doc: DocModel, span: { start: number; end: number }, text: string, targets: ReadonlySet<string>): Set<string> {
  const keys = new Set<string>();
  const add = (t: string) => mentionedKeys(t, targets).forEach((k) => keys.add(k));
  for (const b of doc.blocks) {
    if (b.start < span.start || b.start >= span.end) continue;
    for (const ic of b.inlineCodes) add(ic.value);
    if (b.kind === 'heading' || b.kind === 'table-cell') add(b.text);
  }
  for (const k of mentionedKeys(text, targets, 2)) keys.add(k);
  for (const w of text.split(/[^A-Za-z0-9_-]+/)) if (/[-_]/.test(w) && targets.has(serviceKey(w))) keys.add(serviceKey(w));
  return keys;
}

/**
 * The service keys among `targets` the text could mean: a word, a word's hyphen- or underscore-
 * separated part, or a run of up to four words (at least `minWords` of them).
 */
export function mentionedKeys(text: string, targets: ReadonlySet<string>, minWords = 1): Set<string> {
  if (targets.size === 0) return new Set();
  // Cells and inline code repeat from one keystroke's check to the next: short texts are
  // remembered per set of targets (by content, as each check builds its own set).
  if (text.length > SHORT_TEXT) return readMentionedKeys(text, targets, minWords);
  const memo = shortTextMemo(targets);
  const key = `${minWords}\u0000${text}`;
  let found = memo.get(key);
  if (!found) {
    if (memo.size >= SHORT_TEXT_MEMO_LIMIT) memo.clear();
    memo.set(key, (found = readMentionedKeys(text, targets, minWords)));
  }
  return new Set(found);
}

const SHORT_TEXT = 200;
const SHORT_TEXT_MEMO_LIMIT = 50_000;
const shortTextMemos = new Map<string, Map<string, ReadonlySet<string>>>();
const memoOfTargets = new WeakMap<ReadonlySet<string>, Map<string, ReadonlySet<string>>>();

function shortTextMemo(targets: ReadonlySet<string>): Map<string, ReadonlySet<string>> {
  let memo = memoOfTargets.get(targets);
  if (memo) return memo;
  const id = [...targets].sort().join('\n');
  memo = shortTextMemos.get(id);
  if (!memo) {
    // A workspace has one set of services at a time; older sets are not kept.
    if (shortTextMemos.size >= 4) shortTextMemos.clear();
    shortTextMemos.set(id, (memo = new Map()));
  }
  memoOfTargets.set(targets, memo);
  return memo;
}

function readMentionedKeys(text: string, targets: ReadonlySet<string>, minWords: number): Set<string> {
  const found = new Set<string>();
  const longest = longestOf(targets);
  const words = text.split(/[^A-Za-z0-9_-]+/).filter(Boolean);
  // Words hold only ASCII letters, digits, `-` and `_`: a key is the word lower-cased without them
  // (what serviceKey gives), and most words have neither to remove.
  const keys = words.map((w) => (w.includes('-') || w.includes('_') ? serviceKey(w) : w.toLowerCase()));
  if (minWords === 1) {
    words.forEach((w, i) => {
      if (!w.includes('-') && !w.includes('_')) {
        if (targets.has(keys[i])) found.add(keys[i]);
        return;
      }
      for (const part of w.split(/[-_]/)) {
        const k = part.toLowerCase();
        if (targets.has(k)) found.add(k);
      }
    });
  }
  for (let i = 0; i < keys.length; i++) {
    let joined = '';
    for (let j = i; j < Math.min(keys.length, i + 4); j++) {
      joined += keys[j];
      if (joined.length > longest) break;
      if (j - i + 1 >= minWords && targets.has(joined)) found.add(joined);
    }
  }
  return found;
}

/** The longest key among `targets`, once per set (a check asks for every inline code and cell). */
const longest = new WeakMap<ReadonlySet<string>, number>();

function longestOf(targets: ReadonlySet<string>): number {
  let n = longest.get(targets);
  if (n === undefined) longest.set(targets, (n = Math.max(...[...targets].map((t) => t.length))));
  return n;
}
