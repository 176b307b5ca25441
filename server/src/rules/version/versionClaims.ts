// Finds version claims in a doc: rows of version tables, "Go 1.23" / "gRPC v1.64" in prose, and
// ```go.mod excerpts. Each claim names what it versions (the go directive, the toolchain, or modules).
import type { BlockRef, DocModel } from '../../markdown/docModel';
import type { IndexSnapshot, ServiceInfo } from '../../index/snapshot';
import { serviceAt, servicesNamedIn } from '../../markdown/claims';
import { parseGoMod } from '../../index/gomod';
import { fencedContent } from '../../markdown/fencedCode';
import { NON_MODULE_QUALIFIERS } from './moduleAliases';
import { memoize } from '../../engine/memo';

export type VersionTarget =
  | { kind: 'go' }
  | { kind: 'toolchain' }
  /** `literal`: the doc spelled the module path, so "not in go.mod" is itself worth saying. */
  | { kind: 'module'; paths: string[]; name: string; literal: boolean };

export interface VersionClaimRef {
  target: VersionTarget;
  /** The version text as written (`v1.36.0`, `1.24+`, `Latest`). */
  text: string;
  start: number;
  end: number;
  service?: ServiceInfo;
  /** Several services the claim speaks for (a "Used by" column); overrides `service`. */
  services?: ServiceInfo[];
}

const MODULE_PATH_RE = /^(?:[a-z0-9-]+\.)+[a-z]{2,}(?:\/[A-Za-z0-9._~-]+)+$/;
const VERSION_NUMBERS = String.raw`\d+(?:\.(?:\d+|x|\*)){1,2}(?:-[0-9A-Za-z.-]+)?(?:\+incompatible)?\+?`;
const VERSION_TOKEN = `(?:go|v)?${VERSION_NUMBERS}`;
/** After a version: not more of a word or number (a sentence may end right after it: "v1.62.1."). */
const VERSION_END = String.raw`(?![\w]|\.\w)`;
const VERSION_CELL_RE = new RegExp(String.raw`(?<![\w.])(${VERSION_TOKEN}|v?\d+\+|[Ll]atest)${VERSION_END}`);

/** Product names longest first, and one pattern per name: compiled once per alias table, not per keystroke. */
const aliasNamesOf = memoize((aliases: Map<string, string[]>) => [...aliases.keys()].sort((a, b) => b.length - a.length));
const aliasPatterns = memoize((aliases: Map<string, string[]>) =>
  aliasNamesOf(aliases).map((name) => ({ name, re: new RegExp(String.raw`(?<![\w./-])${escapeRe(name)}(?![\w-])\s+\`?(v?\d+\.\d+(?:\.\d+)?\+?)\`?${VERSION_END}`, 'gi') })),
);

export function findVersionClaims(doc: DocModel, index: IndexSnapshot, aliases: Map<string, string[]>): VersionClaimRef[] {
  const claims: VersionClaimRef[] = [];
  const aliasNames = aliasNamesOf(aliases);

  const targetFromText = (text: string, codes: string[]): VersionTarget | undefined => {
    // A module path is usually in backticks; a table cell may hold it bare.
    const literal = [...codes, text].find((c) => MODULE_PATH_RE.test(c.trim()));
    if (literal) return { kind: 'module', paths: [literal.trim()], name: literal.trim(), literal: true };
    const lower = text.toLowerCase();
    if (/\btoolchain\b/.test(lower)) return { kind: 'toolchain' };
    for (const name of aliasNames) {
      const at = findWord(lower, name);
      if (at >= 0 && !NON_MODULE_QUALIFIERS.test(lower.slice(at + name.length))) return { kind: 'module', paths: aliases.get(name)!, name, literal: false };
    }
    if (/^\s*(go|golang|go language|language)\s*$/.test(lower) || /^\s*go\s*(version|toolchain)?\s*$/.test(lower)) return { kind: 'go' };
    return undefined;
  };

  // ---- tables
  for (const table of doc.tables) {
    // "| Service | `go` directive |": a column of Go versions, one service per row.
    const goCol = table.header.findIndex((h) => /^(`?go`? (directive|version)|go\.mod go)$/.test(h.trim()));
    if (goCol >= 0) {
      for (const row of table.rows) {
        const cell = row[goCol];
        const named = row.filter((_, i) => i !== goCol).flatMap((c) => servicesNamedIn(c.text, index));
        const tok = cell && versionIn(doc, cell);
        if (tok && named.length === 1) claims.push({ target: { kind: 'go' }, ...tok, service: named[0] });
      }
      continue;
    }
    const versionCol = table.header.findIndex((h) => /\bversions?\b|\bver\b|\brelease\b/.test(h));
    // "| ... | Version | Used by |": the row speaks for the services it lists.
    const usedByCol = table.header.findIndex((h) => /used by|services?|consumers?|where/.test(h));
    const serviceCols = table.header.map((h, i) => ({ i, svc: i === 0 ? undefined : singleService(h, index) })).filter((c) => c.svc);
    if (versionCol < 0 && serviceCols.length === 0) continue;
    for (const row of table.rows) {
      const others = row.filter((c, i) => i !== versionCol && i !== usedByCol && !serviceCols.some((s) => s.i === i));
      const users = usedByCol >= 0 && row[usedByCol] ? servicesNamedIn(row[usedByCol].text, index) : [];
      const target =
        others.map((c) => targetFromText(c.text, c.inlineCodes.map((ic) => ic.value))).find((t) => t?.kind === 'module' && t.literal) ??
        others.map((c) => targetFromText(c.text, c.inlineCodes.map((ic) => ic.value))).find(Boolean) ??
        (others.length ? goFromRow(others.map((c) => c.text)) : undefined);
      if (!target) continue;
      const cells = versionCol >= 0 ? [{ cell: row[versionCol], svc: undefined as ServiceInfo | undefined }] : serviceCols.map((s) => ({ cell: row[s.i], svc: s.svc }));
      for (const { cell, svc } of cells) {
        if (!cell) continue;
        const tok = versionIn(doc, cell);
        if (tok) claims.push({ target, ...tok, service: svc ?? serviceAt(doc, index, cell.start), ...(users.length && !svc ? { services: users } : {}) });
      }
    }
  }

  // ---- prose: "Go 1.23", "built with Go 1.22+", "gRPC v1.64.0", "`github.com/x/y` v1.2.3"
  const aliasRes = aliasPatterns(aliases);
  for (const block of doc.blocks) {
    if (block.kind === 'table-cell') continue;
    const raw = doc.text.slice(block.start, block.end);
    // Every version pattern below needs a digit; most prose has none.
    if (!/\d/.test(raw)) continue;
    const service = serviceAt(doc, index, block.start);
    const goRe = new RegExp(String.raw`\b(?:Go|Golang)(?:\s+version)?\s+\`?(${VERSION_TOKEN}|\d+\.\d+\+?)\`?${VERSION_END}`, 'g');
    for (let m; (m = goRe.exec(raw)); ) {
      const at = block.start + m.index + m[0].indexOf(m[1]);
      claims.push({ target: { kind: 'go' }, text: m[1], start: at, end: at + m[1].length, service });
    }
    const toolchainRe = new RegExp(String.raw`\btoolchain\b[^.\n]{0,40}?\`?(go\d+\.\d+(?:\.\d+)?)\`?`, 'g');
    for (let m; (m = toolchainRe.exec(raw)); ) {
      const at = block.start + m.index + m[0].lastIndexOf(m[1]);
      claims.push({ target: { kind: 'toolchain' }, text: m[1], start: at, end: at + m[1].length, service });
    }
    // A literal module path followed closely by a version: `github.com/x/y v1.2.3`, `github.com/x/y` at v1.2.3.
    // The left boundary keeps a long run of hex or words from being retried at every position.
    const modRe = new RegExp(String.raw`(?<![A-Za-z0-9.-])\`?((?:[a-z0-9-]+\.)+[a-z]{2,}(?:/[A-Za-z0-9._~-]+)+)\`?(?:\s*(?:@|at|is at|version|pinned (?:at|to))?\s*)\`?(v${VERSION_NUMBERS})\`?`, 'g');
    for (let m; (m = modRe.exec(raw)); ) {
      const at = block.start + m.index + m[0].lastIndexOf(m[2]);
      claims.push({ target: { kind: 'module', paths: [m[1]], name: m[1], literal: true }, text: m[2], start: at, end: at + m[2].length, service });
    }
    // A known product name directly followed by a version: "gRPC v1.64", "NATS client 1.37".
    for (const { name, re } of aliasRes) {
      re.lastIndex = 0;
      for (let m; (m = re.exec(raw)); ) {
        const at = block.start + m.index + m[0].lastIndexOf(m[1]);
        if (claims.some((c) => c.start === at)) continue;
        claims.push({ target: { kind: 'module', paths: aliases.get(name)!, name, literal: false }, text: m[1], start: at, end: at + m[1].length, service });
      }
    }
  }

  // ---- ```go.mod excerpts
  for (const code of doc.codeBlocks) {
    if (!/^(go\.mod|gomod|go-mod|mod)$/.test(code.lang) && !(code.lang === '' && /^\s*module\s+\S+/m.test(code.value) && /^\s*require\b/m.test(code.value))) continue;
    // Read the block as it sits in the doc (remark strips a list's indentation from `value`), so
    // every column found maps straight back to the document.
    const raw = fencedContent(doc, code);
    if (!raw) continue;
    const mod = parseGoMod('(doc)', raw.text);
    const service = serviceAt(doc, index, code.start) ?? moduleService(mod.modulePath, index);
    const offsetOf = (line: number, character: number) => doc.lines.offsetAt({ line: raw.firstLine + line, character });
    const push = (target: VersionTarget, text: string, r: { start: { line: number; character: number } }) => {
      const at = offsetOf(r.start.line, r.start.character);
      claims.push({ target, text, start: at, end: at + text.length, service });
    };
    if (mod.go) push({ kind: 'go' }, mod.go.version, mod.go.loc.range);
    if (mod.toolchain) push({ kind: 'toolchain' }, mod.toolchain.version, mod.toolchain.loc.range);
    for (const r of mod.requires) push({ kind: 'module', paths: [r.path], name: r.path, literal: true }, r.version, r.loc.range);
  }
  return claims.sort((a, b) => a.start - b.start);
}

function goFromRow(texts: string[]): VersionTarget | undefined {
  return texts.some((t) => /^\s*(go|golang)\s*$/i.test(t)) ? { kind: 'go' } : undefined;
}

function singleService(header: string, index: IndexSnapshot): ServiceInfo | undefined {
  const named = servicesNamedIn(header, index);
  return named.length === 1 ? named[0] : undefined;
}

function moduleService(modulePath: string, index: IndexSnapshot): ServiceInfo | undefined {
  const m = index.modules.find((x) => x.modulePath === modulePath);
  return m ? index.services.find((s) => s.kind === 'module' && s.dir === m.dir) : undefined;
}

function versionIn(doc: DocModel, cell: BlockRef): { text: string; start: number; end: number } | undefined {
  const raw = doc.text.slice(cell.start, cell.end);
  const m = VERSION_CELL_RE.exec(raw);
  if (!m) return undefined;
  const at = cell.start + m.index;
  return { text: m[1], start: at, end: at + m[1].length };
}

function findWord(haystack: string, word: string): number {
  const re = new RegExp(String.raw`(?<![\w./-])${escapeRe(word)}(?![\w-]|\.\w)`);
  return re.exec(haystack)?.index ?? -1;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
