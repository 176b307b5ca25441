// Finds NATS claims: subject tables (Subject | Stream | Published by | Consumed by | Queue group),
// stream tables (Stream | Subjects | Retention | Max age), and subjects named in prose about messaging.
import type { BlockRef, DocModel, InlineCodeRef, TableRef } from '../../markdown/docModel';
import type { IndexSnapshot, ServiceInfo } from '../../index/snapshot';
import { columnIndex, serviceAt, servicesNamedIn } from '../../markdown/claims';
import { normaliseSubject } from './subjects';
import { memoize } from '../../engine/memo';

export interface SubjectClaim {
  /** Normalised pattern (`rollout.*.ack`). */
  subject: string;
  written: string;
  start: number;
  end: number;
  explicit: boolean;
  publishers?: { services: ServiceInfo[]; cell: BlockRef };
  subscribers?: { services: ServiceInfo[]; cell: BlockRef };
  stream?: { name: string; start: number; end: number };
  groups: InlineCodeRef[];
  service?: ServiceInfo;
}

export interface StreamClaim {
  name: string;
  start: number;
  end: number;
  subjects: InlineCodeRef[];
  settings: { column: string; cell: BlockRef }[];
}

const SUBJECT_CUE = /\b(subjects?|publish\w*|subscrib\w*|consum\w*|nats|jetstream|streams?|topics?|queue|messages?|request|repl\w*|emits?|sends?|listens?)\b/i;

export function findStreamClaims(doc: DocModel): StreamClaim[] {
  const out: StreamClaim[] = [];
  for (const table of doc.tables) {
    const nameCol = columnIndex(table.header, /^streams?( name)?$/);
    const subjCol = columnIndex(table.header, /^subjects?$/);
    if (nameCol < 0 || subjCol < 0 || !isStreamTable(nameCol, subjCol)) continue;
    for (const row of table.rows) {
      const ic = row[nameCol]?.inlineCodes[0];
      const name = ic?.value ?? row[nameCol]?.text.trim();
      if (!name || !row[nameCol]) continue;
      const start = ic?.start ?? row[nameCol].start;
      out.push({
        name,
        start,
        end: ic?.end ?? row[nameCol].end,
        subjects: row[subjCol]?.inlineCodes ?? [],
        settings: table.header.map((h, i) => ({ column: h, cell: row[i] })).filter((_, i) => i !== nameCol && i !== subjCol),
      });
    }
  }
  return out;
}

export function findSubjectClaims(doc: DocModel, index: IndexSnapshot, knownKeys: ReadonlySet<string>): SubjectClaim[] {
  const out: SubjectClaim[] = [];
  const used = new Set<InlineCodeRef>();
  for (const table of doc.tables) tableSubjects(doc, index, table, out, used);
  for (const t of findStreamClaims(doc)) for (const ic of t.subjects) used.add(ic);
  for (const block of doc.blocks) {
    for (const ic of block.inlineCodes) {
      if (used.has(ic) || knownKeys.has(ic.value) || notASubject(ic.value, index)) continue;
      const subject = normaliseSubject(ic.value);
      if (!subject) continue;
      out.push({ subject, written: ic.value, start: ic.start, end: ic.end, explicit: saysSubject(doc, block, ic), groups: [], service: serviceAt(doc, index, ic.start) });
    }
  }
  return out;
}

const FILE_EXTENSION = /\.(go|proto|md|ya?ml|json|toml|mod|sum|work|lock|sh|txt|bin|env|sample|example|ts|js|py|sql|html|css|csv|pem|crt|key|tar|gz|zip|png|svg)$/i;

/** Dotted names that are something else: files, proto and Go symbols (`fleet.v1.FleetAPI`, `AlertService.Subscribe`), versions, hosts. */
function notASubject(value: string, index: IndexSnapshot): boolean {
  if (FILE_EXTENSION.test(value) || /^v?\d+(\.\d+)+$/.test(value) || /^[\w-]+\.(com|org|io|net|dev|local|internal|svc)$/.test(value)) return true;
  // Proto packages (`route.v1`) and versions with a wildcard (`v1.36.x`).
  if (/\.v\d+(alpha\d*|beta\d*)?$/.test(value) || /^v?\d+\.\d+\.[x*]$/.test(value) || index.protoFiles.some((f) => f.package === value)) return true;
  const tokens = value.split('.');
  // A Go selector: `fmt.Sprintf`, `nats.DefaultURL`, `jetstream.FileStorage`.
  if (tokens.length === 2 && /^[a-z][a-z0-9]*$/.test(tokens[0]) && /^[A-Z][A-Za-z0-9]*$/.test(tokens[1])) return true;
  if (!tokens.some((t) => /^[A-Z][a-z]/.test(t))) return false;
  const symbols = protoSymbolNames(index);
  const goNames = index.declaredNames.names;
  return tokens.some((t) => symbols.has(t) || goNames.has(t)) || /(^|\.)v\d+\.[A-Z]/.test(value);
}

const protoSymbolNames = memoize((index: IndexSnapshot): Set<string> => {
  const set = new Set<string>();
  for (const f of index.protoFiles) {
    for (const s of f.services) {
      set.add(s.name);
      for (const r of s.rpcs) set.add(r.name);
    }
    for (const m of f.messages) set.add(m.name);
    for (const e of f.enums) set.add(e.name);
  }
  return set;
});

/** The words around the code (not the code itself: `nats.url` does not make its own context). */
function saysSubject(doc: DocModel, block: BlockRef, ic: InlineCodeRef): boolean {
  if (block.kind === 'table-cell') return /subject|topic|channel/.test(block.table?.header[block.column ?? -1] ?? '');
  // The cue must be in the code's own sentence: one sentence about subjects does not make every
  // dotted name in the paragraph a subject.
  const raw = doc.text.slice(block.start, block.end);
  const at = ic.start - block.start;
  const from = Math.max(...[...raw.slice(0, at).matchAll(/[.!?]\s|\n\n/g)].map((m) => m.index! + m[0].length), 0);
  const next = raw.slice(at).search(/[.!?]\s|[.!?]$|\n\n/);
  let clause = raw.slice(from, next < 0 ? raw.length : at + next);
  for (const c of block.inlineCodes) clause = clause.replace(`\`${c.value}\``, ' ');
  return SUBJECT_CUE.test(clause);
}

/** A table of streams leads with the stream; a table of subjects leads with the subject. */
function isStreamTable(nameCol: number, subjCol: number): boolean {
  return nameCol < subjCol;
}

function tableSubjects(doc: DocModel, index: IndexSnapshot, table: TableRef, out: SubjectClaim[], used: Set<InlineCodeRef>): void {
  const subjCol = columnIndex(table.header, /^subjects?$|subject pattern/);
  const nameCol = columnIndex(table.header, /^streams?( name)?$/);
  if (subjCol < 0 || (nameCol >= 0 && isStreamTable(nameCol, subjCol))) return;
  const pubCol = columnIndex(table.header, /publish|producer|sender|emitted by|written by/);
  const subCol = columnIndex(table.header, /consum|subscrib|receiver|read by|handled by|listener/);
  const streamCol = columnIndex(table.header, /^streams?$/);
  const groupCol = columnIndex(table.header, /queue|group|durable/);
  for (const row of table.rows) {
    const ic = row[subjCol]?.inlineCodes[0];
    if (!ic) continue;
    const subject = normaliseSubject(ic.value);
    if (!subject) continue;
    used.add(ic);
    const cellServices = (col: number) => (col >= 0 && row[col] ? { services: servicesNamedIn(row[col].text, index), cell: row[col] } : undefined);
    const streamCell = streamCol >= 0 ? row[streamCol] : undefined;
    const streamName = streamCell ? (streamCell.inlineCodes[0]?.value ?? streamCell.text.trim()) : '';
    const streamStart = streamCell ? (streamCell.inlineCodes[0]?.start ?? doc.text.indexOf(streamName, streamCell.start)) : 0;
    out.push({
      subject,
      written: ic.value,
      start: ic.start,
      end: ic.end,
      explicit: true,
      publishers: cellServices(pubCol),
      subscribers: cellServices(subCol),
      stream: streamName && /^[A-Za-z0-9_-]+$/.test(streamName) ? { name: streamName, start: streamStart, end: streamStart + streamName.length } : undefined,
      groups: [
        ...(groupCol >= 0 ? (row[groupCol]?.inlineCodes ?? []) : []),
        // "(durable `x`)" / "queue group `x`" written inside a consumer cell.
        ...(subCol >= 0 ? (row[subCol]?.inlineCodes ?? []).filter((c) => /\b(durable|queue|group)\s*$/i.test(doc.text.slice(Math.max(row[subCol].start, c.start - 20), c.start - 1))) : []),
      ],
      service: serviceAt(doc, index, ic.start),
    });
  }
}
