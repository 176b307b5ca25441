// Finds container-isolation claims in bullets and prose ("Memory is capped at 256 MiB", "At most 64
// processes", "network mode is `none`") and in ```yaml compose excerpts (`mem_limit: 128m`).
import { parseDocument, isMap, isSeq, isScalar, type Node as YamlNode, type Pair } from 'yaml';
import type { ContainerSetting } from '../../engine/types';
import type { DocModel } from '../../markdown/docModel';
import { tableIsEnv } from '../env/envClaims';

export type ClaimedValue =
  | { kind: 'bytes'; bytes: number }
  | { kind: 'number'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'text'; value: string }
  /** The list contains this entry (CapDrop ALL, SecurityOpt no-new-privileges:true). */
  | { kind: 'contains'; value: string }
  /** Swap disabled on top of the memory limit: MemorySwap equals Memory. */
  | { kind: 'swap-equals-memory' };

export interface ContainerClaim {
  setting: ContainerSetting;
  value: ClaimedValue;
  written: string;
  start: number;
  end: number;
  /** Text to write for a fix, in the doc's own unit, given the real value. */
  rewrite?: (real: string | number | boolean | string[]) => string | undefined;
  layout: 'prose' | 'yaml';
}

const SIZE = String.raw`(\d+(?:\.\d+)?)\s*(KiB|MiB|GiB|KB|MB|GB|k|m|g|kb|mb|gb|bytes?)\b`;
const SIZE_UNCAPTURED = String.raw`\d+(?:\.\d+)?\s*(?:KiB|MiB|GiB|KB|MB|GB|k|m|g|kb|mb|gb|bytes?)\b`;
const CONTEXT = /\b(container|sandbox|docker|isolat|capabilit|cap_?drop|cap_?add|seccomp|apparmor|securityopt|security opt|privilege|memory|swap|cpu|nanocpu|pids?|process|network|tmpfs|read-only|readonly|root file|user)/i;
/** Entries of Docker's SecurityOpt list as docs quote them. */
const SECURITY_OPT = /^(no-new-privileges(:true|:false)?|(apparmor|seccomp|label|systempaths)[=:].+)$/;

export function bytesOf(n: number, unit: string): number {
  const u = unit.toLowerCase();
  const mult = u.startsWith('k') ? 1024 : u.startsWith('m') ? 1024 ** 2 : u.startsWith('g') ? 1024 ** 3 : 1;
  return Math.round(n * mult);
}

/** Bytes in the unit the doc used: 134217728, "MiB" → "128 MiB". */
export function inUnit(bytes: number, written: string): string {
  const m = new RegExp(SIZE, 'i').exec(written);
  const unit = m?.[2] ?? 'MiB';
  const div = bytesOf(1, unit);
  const n = bytes / div;
  const spaced = m ? /\d\s+\D/.test(m[0]) : true;
  return `${Number.isInteger(n) ? n : n.toFixed(2).replace(/\.?0+$/, '')}${spaced ? ' ' : ''}${unit}`;
}

export function findContainerClaims(doc: DocModel): ContainerClaim[] {
  const out: ContainerClaim[] = [];
  for (const block of doc.blocks) {
    // Env tables describe variables; what a variable sizes is judged by the env rules.
    if (block.kind === 'heading' || !CONTEXT.test(block.text) || (block.table && tableIsEnv(block.table))) continue;
    const raw = doc.text.slice(block.start, block.end);
    const add = (setting: ContainerSetting, value: ClaimedValue, m: RegExpExecArray, group: number, rewrite?: ContainerClaim['rewrite']) => {
      const inner = m[group];
      const at = block.start + m.index + m[0].indexOf(inner);
      out.push({ setting, value, written: inner, start: at, end: at + inner.length, rewrite, layout: 'prose' });
    };
    let m: RegExpExecArray | null;
    if ((m = new RegExp(String.raw`\bmemory\b[^.\n]{0,40}?(${SIZE_UNCAPTURED})`, 'i').exec(raw)) && !/swap/i.test(m[0])) {
      const s = new RegExp(SIZE, 'i').exec(m[1])!;
      const written = m[1];
      add('Memory', { kind: 'bytes', bytes: bytesOf(Number(s[1]), s[2]) }, m, 1, (real) => (typeof real === 'number' ? inUnit(real, written) : undefined));
    }
    if ((m = /\b(swap (?:is )?disabled|no swap|without swap|swap (?:is )?capped at the same (?:value|limit))\b/i.exec(raw))) add('MemorySwap', { kind: 'swap-equals-memory' }, m, 1);
    if ((m = /(?:at most|up to|max(?:imum)?(?: of)?|limited to|capped at)\s+(\d+)\s+(?:processes|pids|tasks)|\bPidsLimit\b\D{0,12}(\d+)|\bpids?[ _-]limit\b\D{0,12}(\d+)/i.exec(raw))) {
      const g = m[1] ? 1 : m[2] ? 2 : 3;
      add('PidsLimit', { kind: 'number', value: Number(m[g]) }, m, g, (real) => String(real));
    }
    if ((m = /\b(half an? (?:v?CPU|core)|a quarter of an? (?:v?CPU|core)|(?:one|a) (?:full |whole |single )?(?:v?CPU|core)|two (?:full )?(?:v?CPUs|cores)|(\d+(?:\.\d+)?)\s*(?:v?CPUs?|cores?))\b/i.exec(raw))) {
      const word = m[1].toLowerCase();
      const cpus = word.startsWith('half') ? 0.5 : word.startsWith('a quarter') ? 0.25 : /^(one|a) /.test(word) ? 1 : word.startsWith('two') ? 2 : Number(m[2]);
      add('NanoCPUs', { kind: 'number', value: cpus * 1e9 }, m, 1);
    } else if ((m = /\bNanoCPUs\b\D{0,8}(\d[\d_]*(?:\.\d+)?(?:e\d+)?)/i.exec(raw))) add('NanoCPUs', { kind: 'number', value: Number(m[1].replace(/_/g, '')) }, m, 1);
    if ((m = /\bNetworkMode\b\s*:?\s*"?([a-z][a-z0-9_-]*)/.exec(raw)) || (m = /\bnetwork(?:ing)?(?: mode)?\b[^.\n]{0,30}?`(none|host|bridge|[a-z0-9_-]+)`/i.exec(raw))) add('NetworkMode', { kind: 'text', value: m[1] }, m, 1, (real) => String(real));
    else if ((m = /\b(networking is disabled|no network(?:ing)?|network(?:ing)? disabled)\b/i.exec(raw))) add('NetworkMode', { kind: 'text', value: 'none' }, m, 1);
    if ((m = /\b(all (?:linux )?capabilities are dropped|drops? all (?:linux )?capabilities)/i.exec(raw))) add('CapDrop', { kind: 'contains', value: 'ALL' }, m, 1);
    const opts = block.inlineCodes.filter((ic) => SECURITY_OPT.test(ic.value.trim()) && !/^no-new-privileges/.test(ic.value.trim()));
    for (const ic of opts) out.push({ setting: 'SecurityOpt', value: { kind: 'contains', value: ic.value.trim() }, written: ic.value, start: ic.start, end: ic.end, layout: 'prose' });
    if ((m = /`(no-new-privileges(?::true)?)`|\b(no-new-privileges)\b/i.exec(raw))) add('SecurityOpt', { kind: 'contains', value: 'no-new-privileges' }, m, m[1] ? 1 : 2);
    // Go-literal style: `CapDrop: ALL`, `CapAdd: ["NET_BIND_SERVICE"]`, `NetworkMode: none`.
    for (const cap of raw.matchAll(/\b(CapDrop|CapAdd)\b`?\s*:?\s*`?\s*\[?\s*"?([A-Z_]{3,})"?/g)) {
      const at = block.start + cap.index! + cap[0].lastIndexOf(cap[2]);
      if (!out.some((c) => c.setting === cap[1] && c.start <= at && at < c.end + 20)) out.push({ setting: cap[1] as ContainerSetting, value: { kind: 'contains', value: cap[2] }, written: cap[2], start: at, end: at + cap[2].length, layout: 'prose' });
    }
    if ((m = /\b((?:custom |own )?seccomp profile)\b/i.exec(raw)) && !/\bdefault seccomp\b|\bdocker's default\b(?![^.]*\bon top\b)/i.test(raw.slice(0, m.index + 20))) {
      if (!/\b(no|without|not)\b[^.]{0,20}seccomp/i.test(raw)) add('SecurityOpt', { kind: 'contains', value: 'seccomp=' }, m, 1);
    }
    if ((m = /\b(root file ?system is read-only|read-only root(?: file ?system)?|ReadonlyRootfs(?::\s*true)?)/i.exec(raw))) add('ReadonlyRootfs', { kind: 'bool', value: true }, m, 1);
    if ((m = /\b(?:runs? as|user)\b[^.\n]{0,40}?`(\d+(?::\d+)?|[a-z_][a-z0-9_-]*(?::[a-z0-9_-]+)?)`/i.exec(raw))) add('User', { kind: 'text', value: m[1] }, m, 1, (real) => String(real));
    if ((m = /\b(privileged mode is (?:off|disabled)|not privileged|never privileged|Privileged:\s*false)\b/i.exec(raw))) add('Privileged', { kind: 'bool', value: false }, m, 1);
  }
  for (const code of doc.codeBlocks) if (code.lang === 'yaml' || code.lang === 'yml') out.push(...composeClaims(code.value, code.contentStart));
  return out;
}

const COMPOSE_KEYS: Record<string, (v: YamlNode) => { setting: ContainerSetting; value: ClaimedValue } | undefined> = {
  mem_limit: (v) => sizeValue('Memory', v),
  memswap_limit: (v) => sizeValue('MemorySwap', v),
  pids_limit: (v) => (isScalar(v) && typeof v.value === 'number' ? { setting: 'PidsLimit', value: { kind: 'number', value: v.value } } : undefined),
  cpus: (v) => (isScalar(v) && !Number.isNaN(Number(v.value)) ? { setting: 'NanoCPUs', value: { kind: 'number', value: Number(v.value) * 1e9 } } : undefined),
  network_mode: (v) => (isScalar(v) ? { setting: 'NetworkMode', value: { kind: 'text', value: String(v.value) } } : undefined),
  read_only: (v) => (isScalar(v) && typeof v.value === 'boolean' ? { setting: 'ReadonlyRootfs', value: { kind: 'bool', value: v.value } } : undefined),
  privileged: (v) => (isScalar(v) && typeof v.value === 'boolean' ? { setting: 'Privileged', value: { kind: 'bool', value: v.value } } : undefined),
  user: (v) => (isScalar(v) ? { setting: 'User', value: { kind: 'text', value: String(v.value) } } : undefined),
};

function sizeValue(setting: ContainerSetting, v: YamlNode): { setting: ContainerSetting; value: ClaimedValue } | undefined {
  if (!isScalar(v)) return undefined;
  if (typeof v.value === 'number') return { setting, value: { kind: 'bytes', bytes: v.value } };
  const m = new RegExp(`^${SIZE}$`, 'i').exec(String(v.value).trim());
  return m ? { setting, value: { kind: 'bytes', bytes: bytesOf(Number(m[1]), m[2]) } } : undefined;
}

function composeClaims(text: string, base: number): ContainerClaim[] {
  const out: ContainerClaim[] = [];
  let parsed;
  try {
    parsed = parseDocument(text, { keepSourceTokens: false });
  } catch {
    return out;
  }
  if (parsed.errors.length) return out;
  const visit = (node: unknown): void => {
    if (isMap(node)) {
      for (const pair of node.items as Pair<YamlNode, YamlNode>[]) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        const value = pair.value;
        if (!value) continue;
        const make = COMPOSE_KEYS[key];
        const claim = make?.(value);
        if (claim && value.range) {
          const [s, e] = value.range;
          const written = text.slice(s, e);
          out.push({ ...claim, written, start: base + s, end: base + e, layout: 'yaml', rewrite: yamlRewrite(claim.setting, written) });
        }
        if ((key === 'cap_drop' || key === 'cap_add' || key === 'security_opt') && isSeq(value)) {
          for (const item of value.items) {
            if (!isScalar(item) || !item.range) continue;
            const [s, e] = item.range;
            out.push({ setting: key === 'cap_drop' ? 'CapDrop' : key === 'cap_add' ? 'CapAdd' : 'SecurityOpt', value: { kind: 'contains', value: String(item.value) }, written: text.slice(s, e), start: base + s, end: base + e, layout: 'yaml' });
          }
        }
        visit(value);
      }
    } else if (isSeq(node)) for (const item of node.items) visit(item);
  };
  visit(parsed.contents);
  return out;
}

function yamlRewrite(setting: ContainerSetting, written: string): ContainerClaim['rewrite'] {
  return (real) => {
    if (typeof real !== 'number') return typeof real === 'string' ? real : undefined;
    if (setting === 'Memory' || setting === 'MemorySwap') {
      if (/^\d+$/.test(written.trim())) return String(real);
      const unit = /[a-z]+$/i.exec(written.trim())?.[0] ?? 'm';
      const n = real / bytesOf(1, unit);
      return Number.isInteger(n) ? `${n}${unit}` : `${real}`;
    }
    if (setting === 'NanoCPUs') return String(real / 1e9);
    return String(real);
  };
}
