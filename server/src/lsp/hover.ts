// Hover on a claim: what the rule found and the lines of code that decide it.
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { SourceLocation } from '../engine/types';
import { pathToUri } from '../engine/uris';
import type { IndexSnapshot } from '../index/snapshot';
import { claimsAt, dataOf, diagnosticsAt, isFolder, type CheckedDocument } from './checkedDocument';

const SNIPPET_CONTEXT = 1;
const SNIPPET_MAX_LINES = 8;

export function hoverAt(checked: CheckedDocument, pos: Position): Hover | null {
  const parts: string[] = [];
  const diagnostics = diagnosticsAt(checked, pos);
  for (const d of diagnostics) {
    const data = dataOf(d);
    const rule = data ? (d.codeDescription ? `[\`${data.ruleId}\`](${d.codeDescription.href})` : `\`${data.ruleId}\``) : '';
    const lines = [`**Doc Truth** ${rule}`.trim(), '', typeof d.message === 'string' ? escapeMarkdown(d.message) : d.message.value];
    const source = data?.sources[0];
    if (source) lines.push('', sourceBlock(checked.root, checked.snapshot, source));
    parts.push(lines.join('\n'));
  }
  if (parts.length === 0) {
    // A claim that checked out: show what it was checked against.
    const claim = claimsAt(checked, pos).find((c) => c.sources.length > 0);
    if (!claim) return null;
    parts.push(['**Doc Truth** — matches the code', '', sourceBlock(checked.root, checked.snapshot, claim.sources[0])].join('\n'));
  }
  const range = diagnostics[0]?.range ?? claimsAt(checked, pos)[0]?.range;
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range };
}

/** `path:line` (a link to the place) and the few lines around it. */
export function sourceBlock(root: string, snapshot: IndexSnapshot, loc: SourceLocation): string {
  if (isFolder(snapshot, loc.path)) return `[\`${loc.path}\`](${pathToUri(root, loc.path.replace(/\/+$/, ''))})`;
  const line = loc.range.start.line + 1;
  const link = `[\`${loc.path}:${line}\`](${pathToUri(root, loc.path)}#L${line})`;
  const text = snapshot.sourceText(loc.path);
  if (text === undefined) return link;
  const all = text.split(/\r?\n/);
  const from = Math.max(0, loc.range.start.line - SNIPPET_CONTEXT);
  const to = Math.min(all.length - 1, Math.max(loc.range.end.line, loc.range.start.line) + SNIPPET_CONTEXT, from + SNIPPET_MAX_LINES - 1);
  const snippet = all.slice(from, to + 1).join('\n');
  const fence = snippet.includes('```') ? '~~~~' : '```';
  return `${link}\n\n${fence}${fenceLanguage(loc.path)}\n${snippet}\n${fence}`;
}

function fenceLanguage(path: string): string {
  if (path.endsWith('.go')) return 'go';
  if (path.endsWith('.proto')) return 'proto';
  if (path.endsWith('go.mod') || path.endsWith('go.work')) return 'go.mod';
  if (/(^|\/)(\.env\.|[^/]*\.env$)/.test(path)) return 'properties';
  return '';
}

/** Messages quote code in backticks; only the text between code spans could turn into markup. */
function escapeMarkdown(s: string): string {
  return s
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 ? part : part.replace(/([\\*_<>[\]])/g, '\\$1')))
    .join('');
}
