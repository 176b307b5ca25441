// Compares every ```go block of a document with the code it shows. Both snippet rules read the same
// analysis (computed once per document and snapshot): `snippet-drift` reports copies that no longer
// match, `snippet-unknown` reports declarations the workspace does not have.
import type { CodeBlockRef, DocModel } from '../../markdown/docModel';
import type { IndexSnapshot } from '../../index/snapshot';
import type { Finding, Fix, GoDecl, Range, SourceLocation } from '../../engine/types';
import { where } from '../../markdown/claims';
import { fencedContent, indentTail, type FencedContent } from '../../markdown/fencedCode';
import { findDecls, type SnippetDecl } from './goDecls';
import { lexGo, realTokens, type GoToken } from './goTokens';
import { codeLines, diffLines, lcs, type CodeLine, type LineDiff, type LineDifference } from './lineDiff';
import { goSourcesContaining, type GoSource } from './goSources';
import { memoize2 } from '../../engine/memo';

export interface SnippetAnalysis {
  drift: Finding[];
  unknown: Finding[];
  /**
   * Where the claims judged by each rule sit; every declaration or fragment counts once, for one
   * rule, and belongs to the section it lies in.
   */
  driftClaims: Range[];
  unknownClaims: Range[];
}

const SKIP_WORDS = /^(ignore|example|examples|pseudo|pseudocode|pseudo-code|sketch|nocheck|no-check)$/i;
const GO_LANGS = new Set(['go', 'golang']);
/** Below this share of common lines a same-named declaration is more likely an unrelated example. */
const MIN_SIMILARITY = 0.3;
/** A fragment is a copy of one place when at least this share of its distinctive lines match there. */
const FRAGMENT_MATCH = 0.6;

/** Once per check: every rule of the family reads the same analysis. */
export const analyseSnippets = memoize2((doc: DocModel, index: IndexSnapshot): SnippetAnalysis => analyse(doc, index));

interface SnippetLink {
  path: string;
  symbol?: string;
  /** Where the link is written, for reporting a broken one. */
  start: number;
  end: number;
}

function analyse(doc: DocModel, index: IndexSnapshot): SnippetAnalysis {
  const out: SnippetAnalysis = { drift: [], unknown: [], driftClaims: [], unknownClaims: [] };
  // Without Go code there is nothing to compare snippets with.
  if (!hasGoFile(index)) return out;
  for (const block of doc.codeBlocks) {
    const content = fencedContent(doc, block);
    if (!content || !GO_LANGS.has(content.info[0]?.toLowerCase() ?? '')) continue;
    if (content.info.slice(1).some((w) => SKIP_WORDS.test(w.replace(/^["']|["']$/g, '')))) continue;
    checkBlock(doc, index, block, content, out);
  }
  return out;
}

function checkBlock(doc: DocModel, index: IndexSnapshot, block: CodeBlockRef, content: FencedContent, out: SnippetAnalysis): void {
  const tokens = lexGo(content.text);
  if (realTokens(tokens).length === 0) return;
  const link = linkOf(doc, block);
  let linkedPath: string | undefined;
  if (link) {
    const range = doc.range(link.start, link.end);
    out.unknownClaims.push(range);
    linkedPath = resolveLinkedPath(index, link.path);
    if (!linkedPath) {
      out.unknown.push({
        range,
        message: `Snippet is linked to \`${link.path}\`, which is not in the workspace.`,
      });
      return;
    }
  }
  const shape = findDecls(tokens);
  const elided = isElided(content.text);
  const ctx: BlockContext = { doc, index, content, tokens, elided, linkedPath, symbol: link?.symbol };
  if (link?.symbol) {
    const target = findSymbol(index, linkedPath!, link.symbol);
    if (!target) {
      out.unknown.push({
        range: doc.range(link.start, link.end),
        message: `Snippet is linked to \`${link.symbol}\` in \`${linkedPath}\`, which declares no such name.`,
        sources: [{ loc: { path: linkedPath!, range: zeroRange }, message: 'linked file' }],
      });
      return;
    }
    if (shape.decls.length === 0) {
      out.driftClaims.push(block.range);
      compareFragment(ctx, [declSource(target)], out, target);
      return;
    }
  }
  // Without declaration facts (no Go indexed yet), a whole block can still be found as a copy.
  if (shape.decls.length === 0 || index.decls.length === 0) {
    out.driftClaims.push(block.range);
    compareFragment(ctx, undefined, out);
    return;
  }
  const unknown: SnippetDecl[] = [];
  for (const decl of shape.decls) {
    const candidates = candidatesFor(index, decl, linkedPath, link?.symbol);
    if (candidates.length === 0) {
      // The facts may miss a declaration form; a verbatim copy of the code still exists.
      if (declIsVerbatim(ctx, decl)) {
        out.driftClaims.push(declRange(ctx, decl));
        continue;
      }
      unknown.push(decl);
      continue;
    }
    out.driftClaims.push(declRange(ctx, decl));
    compareDecl(ctx, decl, candidates, out);
  }
  if (unknown.length) reportUnknown(ctx, shape.decls, unknown, out);
}

interface BlockContext {
  doc: DocModel;
  index: IndexSnapshot;
  content: FencedContent;
  tokens: GoToken[];
  elided: boolean;
  linkedPath?: string;
  symbol?: string;
}

// ---------------------------------------------------------------- links

function linkOf(doc: DocModel, block: CodeBlockRef): SnippetLink | undefined {
  const titled = /(?:^|\s)(?:title|file|source)=(?:"([^"]+)"|'([^']+)'|(\S+))/.exec(block.meta);
  if (titled) {
    const raw = titled[1] ?? titled[2] ?? titled[3];
    const [path, symbol] = raw.split('#');
    const lineEnd = doc.text.indexOf('\n', block.start);
    return { path, symbol: symbol || undefined, start: block.start, end: lineEnd < 0 ? block.end : lineEnd };
  }
  const comment = [...doc.comments].reverse().find((c) => c.end <= block.start && /^\s*$/.test(doc.text.slice(c.end, block.start)));
  const m = comment && /^doc-truth:\s*source=(\S+?)(?:#(\S+))?\s*$/.exec(comment.text);
  if (!comment || !m) return undefined;
  return { path: m[1], symbol: m[2], start: comment.start, end: comment.end };
}

function resolveLinkedPath(index: IndexSnapshot, path: string): string | undefined {
  const clean = path.replace(/^\.\//, '').replace(/^\//, '');
  if (index.filePaths.has(clean)) return clean;
  const bySuffix = [...index.filePaths].filter((p) => p.endsWith('/' + clean));
  return bySuffix.length === 1 ? bySuffix[0] : undefined;
}

function findSymbol(index: IndexSnapshot, path: string, symbol: string): GoDecl | undefined {
  const [recv, name] = symbol.includes('.') ? symbol.split('.', 2) : [undefined, symbol];
  // The name first: a location is built only for the declarations asked about.
  return index.decls.find((d) => d.name === name && d.loc.path === path && (recv === undefined || d.receiver === recv.replace(/^\(?\*?/, '').replace(/\)$/, '')));
}

// ---------------------------------------------------------------- declarations

const CLASS: Record<GoDecl['kind'], string> = { func: 'func', method: 'func', type: 'type', const: 'value', var: 'value' };

function candidatesFor(index: IndexSnapshot, decl: SnippetDecl, linkedPath: string | undefined, symbol: string | undefined): GoDecl[] {
  let named = index.decls.filter((d) => decl.names.includes(d.name));
  if (linkedPath) named = named.filter((d) => d.loc.path === linkedPath);
  if (symbol) {
    const bare = symbol.split('.').pop()!;
    if (decl.names.includes(bare)) named = named.filter((d) => d.name === bare);
  }
  const sameClass = named.filter((d) => CLASS[d.kind] === CLASS[decl.kind]);
  const pool = sameClass.length ? sameClass : named;
  if (decl.receiver) {
    const sameReceiver = pool.filter((d) => d.receiver === decl.receiver);
    if (sameReceiver.length) return sameReceiver;
  }
  if (decl.kind !== 'method') {
    const plain = pool.filter((d) => !d.receiver);
    if (plain.length) return plain;
  }
  return pool;
}

/** Where a declaration sits in the document, from its first token to its last. */
function declRange(ctx: BlockContext, decl: SnippetDecl): Range {
  return ctx.doc.range(ctx.content.start + ctx.tokens[decl.first].start, ctx.content.start + ctx.tokens[decl.last].end);
}

function declLabel(d: { name: string; receiver?: string }): string {
  return d.receiver ? `${d.receiver}.${d.name}` : d.name;
}

/** The lines of a declaration in the snippet, without the `type`/`const`/`var` keyword. */
function snippetDeclLines(ctx: BlockContext, decl: SnippetDecl): CodeLine[] {
  let toks = ctx.tokens.slice(decl.first, decl.last + 1);
  if (!decl.grouped && decl.kind !== 'func' && decl.kind !== 'method') toks = toks.slice(1);
  return dropElisions(codeLines(toks, ctx.content.text));
}

/** The lines of a real declaration, without a leading `type`/`const`/`var` keyword. */
function realDeclLines(d: GoDecl): CodeLine[] {
  let toks = lexGo(d.text);
  const first = toks.findIndex((t) => !t.virtual);
  if (first >= 0 && (toks[first].text === 'type' || toks[first].text === 'const' || toks[first].text === 'var') && d.kind !== 'func' && d.kind !== 'method') toks = toks.slice(first + 1);
  return codeLines(toks, d.text, d.loc.range.start.line);
}

function compareDecl(ctx: BlockContext, decl: SnippetDecl, candidates: GoDecl[], out: SnippetAnalysis): void {
  const docLines = snippetDeclLines(ctx, decl);
  const scored = candidates.map((c) => {
    const codeL = realDeclLines(c);
    const diff = diffLines(docLines, codeL, { elided: ctx.elided });
    const identical = diff.differences.length === 0;
    // Token-level, so a one-line declaration with one changed token still reads as a copy.
    const docTokens = docLines.flatMap((l) => l.tokens);
    const codeTokens = codeL.flatMap((l) => l.tokens);
    const similarity = (2 * lcs(docTokens, codeTokens).length) / Math.max(1, docTokens.length + codeTokens.length);
    return { decl: c, diff, identical, similarity };
  });
  if (scored.some((s) => s.identical)) return;
  scored.sort((a, b) => b.similarity - a.similarity);
  const best = scored[0];
  const unambiguous = scored.length === 1 || best.similarity > scored[1].similarity;
  const label = declLabel({ name: decl.names[0], receiver: decl.receiver });
  const declLoc = best.decl.loc;
  const declSourceInfo = { loc: declLoc, message: `\`${declLabel(best.decl)}\` in the code` };
  const fix = declFix(ctx, decl, best.decl, unambiguous && !ctx.elided);
  if (best.similarity < MIN_SIMILARITY) {
    const firstTok = ctx.tokens[decl.first];
    const lineNo = ctx.content.firstLine + firstTok.line;
    out.drift.push({
      range: lineRange(ctx.doc, lineNo),
      severity: 'hint',
      message: `Snippet declares \`${label}\` but has little in common with \`${declLabel(best.decl)}\` in ${where(declLoc)}; it cannot be checked as a copy.`,
      sources: [declSourceInfo],
    });
    return;
  }
  // The declaration's first line carries the summary, so the drift shows where the copy starts.
  const firstLine = ctx.tokens[decl.first].line;
  const differing = best.diff.differences.map((d) => d.docLine);
  if (differing.length && !differing.includes(firstLine)) {
    // Counted within the snippet: a message must not change when lines are added above the block.
    const lines = [...new Set(differing)].map((l) => l + 1);
    out.drift.push({
      range: lineRange(ctx.doc, ctx.content.firstLine + firstLine),
      message: `Snippet of \`${declLabel(best.decl)}\` differs from the code in ${where(declLoc)}: ${lines.length === 1 ? 'line' : 'lines'} ${lines.join(', ')} of the snippet.`,
      sources: [declSourceInfo],
      fixes: fix ? [fix] : undefined,
    });
  }
  for (const d of best.diff.differences) {
    out.drift.push({
      range: lineRange(ctx.doc, ctx.content.firstLine + d.docLine),
      message: differenceMessage(`\`${declLabel(best.decl)}\``, ctx, d, best.decl.loc.path),
      sources: [declSourceInfo, ...d.code.slice(0, 3).map((c) => ({ loc: lineLoc(best.decl.loc.path, c.line), message: 'code line' }))],
      fixes: fix ? [fix] : undefined,
    });
  }
}

function declFix(ctx: BlockContext, decl: SnippetDecl, real: GoDecl, preferred: boolean): Fix | undefined {
  let text = real.text;
  const startsWithKeyword = /^(type|const|var)\b/.test(text);
  if (decl.kind !== 'func' && decl.kind !== 'method') {
    if (!decl.grouped && !startsWithKeyword) text = `${decl.kind} ${text}`;
    if (decl.grouped && startsWithKeyword) text = text.replace(/^(type|const|var)\s+/, '');
  }
  const start = ctx.content.start + ctx.tokens[decl.first].start;
  const end = ctx.content.start + ctx.tokens[decl.last].end;
  return {
    title: `Replace \`${declLabel(real)}\` with the code from ${where(real.loc)}`,
    edits: [{ range: ctx.doc.range(start, end), newText: indentTail(text, ctx.content.indent, ctx.content.eol) }],
    isPreferred: preferred,
  };
}

function reportUnknown(ctx: BlockContext, all: SnippetDecl[], unknown: SnippetDecl[], out: SnippetAnalysis): void {
  const names = unknown.flatMap((d) => [declLabel({ name: d.names[0], receiver: d.receiver })]);
  const where = ctx.linkedPath ? `\`${ctx.linkedPath}\`` : 'the workspace';
  const list = names.map((n) => `\`${n}\``).join(', ');
  if (unknown.length === all.length) {
    const end = ctx.content.start + ctx.content.text.replace(/\s+$/, '').length;
    const range = ctx.doc.range(ctx.content.start, end);
    out.unknownClaims.push(range);
    out.unknown.push({
      range,
      message: `Snippet declares ${list}, which ${names.length === 1 ? 'does' : 'do'} not exist in ${where}.`,
    });
    return;
  }
  for (const d of unknown) {
    const range = declRange(ctx, d);
    out.unknownClaims.push(range);
    out.unknown.push({
      range,
      message: `Snippet declares \`${declLabel({ name: d.names[0], receiver: d.receiver })}\`, which does not exist in ${where}.`,
    });
  }
}

function declIsVerbatim(ctx: BlockContext, decl: SnippetDecl): boolean {
  const needle = realTokens(ctx.tokens.slice(decl.first, decl.last + 1))
    .map((t) => t.text)
    .join('\u0001');
  return goSourcesContaining(ctx.index, [longest(needle.split('\u0001'))], ctx.linkedPath).some((s) => containsTokens(s.flat, needle));
}

// ---------------------------------------------------------------- fragments

function declSource(d: GoDecl): GoSource {
  const lines = codeLines(lexGo(d.text), d.text, d.loc.range.start.line);
  return { path: d.loc.path, lines, flat: lines.flatMap((l) => l.tokens).join('\u0001'), text: d.text, lineOffset: d.loc.range.start.line };
}

/** Compares a fragment with `sources`, or with the workspace's files that could hold a copy of it. */
function compareFragment(ctx: BlockContext, given: readonly GoSource[] | undefined, out: SnippetAnalysis, target?: GoDecl): void {
  const docLines = dropElisions(codeLines(ctx.tokens, ctx.content.text));
  if (docLines.length === 0) return;
  const flat = docLines.flatMap((l) => l.tokens);
  // Too little to tell a copy from a coincidence.
  if (flat.length < 4 && !target) return;
  const needle = flat.join('\u0001');
  const distinctive = docLines.filter(isDistinctive);
  // A file holding a copy holds every token of it; one matching a distinctive line holds that
  // line's most specific word.
  const anchors = distinctive.length ? [...new Set(distinctive.map((l) => longest(specificTokens(l))))] : [longest(flat)];
  const sources = given ?? goSourcesContaining(ctx.index, anchors, ctx.linkedPath);
  if (!ctx.elided && sources.some((s) => containsTokens(s.flat, needle))) return;
  const best = locateFragment(docLines, distinctive, sources, ctx.elided);
  if (!best) return;
  const need = Math.max(2, Math.ceil(FRAGMENT_MATCH * Math.max(1, distinctive.length)));
  if (!target && (best.matchedDistinctive < need || best.ambiguous)) return;
  const diff = best.diff;
  if (diff.differences.length === 0) return;
  const fix = fragmentFix(ctx, best);
  const label = target ? `\`${declLabel(target)}\`` : where({ path: best.source.path, range: { start: { line: best.firstCodeLine } } });
  for (const d of diff.differences) {
    out.drift.push({
      range: lineRange(ctx.doc, ctx.content.firstLine + d.docLine),
      message: differenceMessage(label, ctx, d, best.source.path),
      sources: [
        { loc: lineLoc(best.source.path, best.firstCodeLine), message: 'copied code' },
        ...d.code.slice(0, 3).map((c) => ({ loc: lineLoc(best.source.path, c.line), message: 'code line' })),
      ],
      fixes: fix ? [fix] : undefined,
    });
  }
}

interface FragmentMatch {
  source: GoSource;
  /** Index into source.lines of the first code line of the copied region. */
  from: number;
  to: number;
  firstCodeLine: number;
  diff: LineDiff;
  matchedDistinctive: number;
  ambiguous: boolean;
}

function locateFragment(docLines: CodeLine[], distinctive: CodeLine[], sources: readonly GoSource[], elided: boolean): FragmentMatch | undefined {
  const wanted = new Map<string, number[]>();
  docLines.forEach((l, i) => {
    if (!isDistinctive(l)) return;
    const list = wanted.get(l.key) ?? [];
    list.push(i);
    wanted.set(l.key, list);
  });
  if (wanted.size === 0) return undefined;
  // Vote for (file, offset) pairs: a copied region puts many doc lines at one offset.
  const votes = new Map<string, { source: GoSource; offset: number; count: number }>();
  for (const s of sources) {
    s.lines.forEach((l, q) => {
      const at = wanted.get(l.key);
      if (!at) return;
      for (const p of at) {
        const k = `${s.path}\u0000${q - p}`;
        const v = votes.get(k) ?? { source: s, offset: q - p, count: 0 };
        v.count++;
        votes.set(k, v);
      }
    });
  }
  const top = [...votes.values()].sort((a, b) => b.count - a.count).slice(0, 5);
  const distinctiveKeys = new Set(distinctive.map((l) => l.key));
  const scored = top.map((v) => {
    const slack = 3;
    const from = Math.max(0, v.offset - slack);
    const to = Math.min(v.source.lines.length, v.offset + docLines.length + slack);
    const window = v.source.lines.slice(from, to);
    const diff = diffLines(docLines, window, { trimEnds: true, elided });
    // Only lines the alignment pairs up count, and only those that name something specific.
    const matchedDistinctive = diff.pairs.filter(([p]) => distinctiveKeys.has(docLines[p].key)).length;
    const firstLine = window[0]?.line ?? 0;
    return { source: v.source, from, to, firstCodeLine: firstLine, diff, matchedDistinctive, ambiguous: false };
  });
  scored.sort((a, b) => b.matchedDistinctive - a.matchedDistinctive || a.diff.differences.length - b.diff.differences.length);
  const best = scored[0];
  if (!best) return undefined;
  const second = scored.find((s) => s !== best && !(s.source === best.source && Math.abs(s.from - best.from) <= 6));
  best.ambiguous = !!second && second.matchedDistinctive === best.matchedDistinctive && second.diff.differences.length === best.diff.differences.length;
  // Narrow the region to what the snippet covers, for messages and the fix.
  const pairs = best.diff.pairs;
  if (pairs.length) {
    const [p0, q0] = pairs[0];
    const [p1, q1] = pairs[pairs.length - 1];
    const windowFrom = best.from;
    best.from = Math.max(0, windowFrom + q0 - p0);
    best.to = Math.min(best.source.lines.length, windowFrom + q1 + 1 + (docLines.length - 1 - p1));
    best.firstCodeLine = best.source.lines[best.from]?.line ?? best.firstCodeLine;
  }
  return best;
}

function fragmentFix(ctx: BlockContext, match: FragmentMatch): Fix | undefined {
  if (match.ambiguous || ctx.elided) return undefined;
  const first = match.source.lines[match.from];
  const last = match.source.lines[match.to - 1];
  if (!first || !last) return undefined;
  const raw = match.source.text.split('\n');
  const text = raw.slice(first.line - match.source.lineOffset, last.line - match.source.lineOffset + 1).join('\n');
  const end = ctx.content.start + ctx.content.text.replace(/\s+$/, '').length;
  return {
    title: `Replace the snippet with the code from ${match.source.path}:${first.line + 1}-${last.line + 1}`,
    edits: [{ range: ctx.doc.range(ctx.content.start, end), newText: ctx.content.indent + indentTail(text, ctx.content.indent, ctx.content.eol) }],
    isPreferred: true,
  };
}

function containsTokens(haystack: string, needle: string): boolean {
  if (!needle) return false;
  const at = haystack.indexOf(needle);
  if (at < 0) return false;
  // Match whole tokens only.
  for (let i = at; i >= 0; i = haystack.indexOf(needle, i + 1)) {
    const before = i === 0 || haystack[i - 1] === '\u0001';
    const after = i + needle.length === haystack.length || haystack[i + needle.length] === '\u0001';
    if (before && after) return true;
  }
  return false;
}

/** Names every Go file is full of; a line made only of these says nothing about where it came from. */
const COMMON_NAMES = new Set([
  'err', 'nil', 'ctx', 'ok', 'true', 'false', 'return', 'if', 'else', 'for', 'range', 'func', 'var', 'const', 'type', 'go', 'defer',
  'switch', 'case', 'default', 'break', 'continue', 'select', 'struct', 'interface', 'map', 'chan', 'string', 'int', 'int64', 'int32',
  'uint', 'uint64', 'byte', 'bool', 'error', 'float64', 'any', 'len', 'cap', 'append', 'make', 'new', 'panic', 'close', 'copy',
  'delete', 'i', 'j', 'k', 'v', 'n', 's', 'b', 'x', '_', 'context', 'Context', 'fmt', 'Errorf', 'Sprintf', 'time', 'Duration',
]);

/** A line that could only match its own copy: it names something besides Go's everyday words. */
function hasGoFile(index: IndexSnapshot): boolean {
  for (const p of index.filePaths) if (p.endsWith('.go')) return true;
  return false;
}

function specificTokens(l: CodeLine): string[] {
  return l.tokens.filter((t) => (/^["'`0-9]/.test(t) ? t.length > 3 : /^[A-Za-z_]/.test(t) && !COMMON_NAMES.has(t)));
}

function isDistinctive(l: CodeLine): boolean {
  return specificTokens(l).length >= 1 && l.key.replace(/\s/g, '').length >= 6;
}

function longest(tokens: readonly string[]): string {
  return tokens.reduce((a, b) => (b.length > a.length ? b : a), '');
}

// ---------------------------------------------------------------- shared

function isElided(text: string): boolean {
  return /\/\/\s*(\.\.\.|…)|\/\*\s*(\.\.\.|…)\s*\*\/|^\s*(\.\.\.|…)\s*$/m.test(text);
}

function dropElisions(lines: CodeLine[]): CodeLine[] {
  return lines.filter((l) => !(l.tokens.length === 1 && (l.tokens[0] === '...' || l.tokens[0] === '…')));
}

function differenceMessage(label: string, ctx: BlockContext, d: LineDifference, path: string): string {
  const docText = ctx.doc.lines.lineText(ctx.content.firstLine + d.docLine).trim();
  const code = d.code
    .slice(0, 2)
    .map((c) => `\`${c.text}\` (${path}:${c.line + 1})`)
    .join(' and ');
  const more = d.code.length > 2 ? ` and ${d.code.length - 2} more` : '';
  switch (d.kind) {
    case 'changed': {
      const also = d.alsoInCode?.length ? ` The code also has ${d.alsoInCode.length === 1 ? 'a line' : `${d.alsoInCode.length} lines`} here that the snippet lacks, from \`${d.alsoInCode[0].text}\` (${path}:${d.alsoInCode[0].line + 1}).` : '';
      return `Snippet differs from ${label}: doc has \`${docText}\`; code has ${code}${more}.${also}`;
    }
    case 'extra':
      return `Snippet line \`${docText}\` is not in ${label}; the code has no such line.`;
    case 'omits':
      return `Snippet leaves out code of ${label} before \`${docText}\`: code has ${code}${more}.`;
  }
}

function lineRange(doc: DocModel, line: number) {
  const text = doc.lines.lineText(line);
  const lead = text.length - text.trimStart().length;
  const start = doc.lines.lineStart(line) + lead;
  return doc.range(start, doc.lines.lineStart(line) + text.trimEnd().length);
}

function lineLoc(path: string, line: number): SourceLocation {
  return { path, range: { start: { line, character: 0 }, end: { line, character: 0 } } };
}

const zeroRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
