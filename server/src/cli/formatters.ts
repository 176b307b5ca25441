// The CLI's three outputs. JSON carries the very Diagnostic objects the language server publishes.
import type { Diagnostic } from 'vscode-languageserver-types';
import { allRules } from '../rules/registry';
import { ruleDocUrl } from '../rules/rule';
import type { Summary } from './check';
import { VERSION } from './version';
import { pathToUri } from '../engine/uris';

export interface FileReport {
  path: string;
  text: string;
  diagnostics: Diagnostic[];
  claimsChecked: number;
  fixed?: string[];
}

const SEVERITY_NAME = ['', 'error', 'warning', 'info', 'hint'];

export function formatText(reports: FileReport[], s: Summary): string {
  const lines: string[] = [];
  for (const r of reports) {
    if (r.fixed?.length) {
      lines.push(`${printable(r.path)}: fixed ${r.fixed.length} claim${r.fixed.length === 1 ? '' : 's'}:`);
      for (const f of r.fixed) lines.push(`  - ${printable(f)}`);
    }
    for (const d of r.diagnostics) {
      lines.push(`${printable(r.path)}:${d.range.start.line + 1}:${d.range.start.character + 1}  ${SEVERITY_NAME[d.severity ?? 1]}  ${d.code}  ${printable(d.message)}`);
    }
  }
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  lines.push(
    `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.information + s.hints, 'note')} in ${plural(reports.length, 'document')}; ${plural(s.claimsChecked, 'claim')} checked` +
      (s.claimsChecked === 0 ? ' (no claims recognised: is --root the workspace the doc describes?)' : ''),
  );
  return `${lines.join('\n')}\n`;
}

/**
 * Messages quote the doc, which anyone can write: on a terminal or in a CI log, control characters
 * would move the cursor, clear the screen or recolour text, and bidi overrides would reorder what a
 * reader sees. They are shown as escapes instead.
 */
export function printable(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

export function formatJson(root: string, reports: FileReport[], summary: Summary): string {
  const body = {
    tool: 'doc-truth',
    version: VERSION,
    root,
    files: reports.map((r) => ({ path: r.path, diagnostics: r.diagnostics, claimsChecked: r.claimsChecked, ...(r.fixed ? { fixed: r.fixed } : {}) })),
    summary,
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

const SARIF_LEVEL = ['none', 'error', 'warning', 'note', 'note'];

export function formatSarif(root: string, reports: FileReport[]): string {
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'doc-truth',
            version: VERSION,
            informationUri: ruleDocUrl('').replace(/\/[^/]*$/, ''),
            rules: allRules.map((r) => ({
              id: r.id,
              shortDescription: { text: r.description },
              helpUri: ruleDocUrl(r.id),
              defaultConfiguration: { level: r.defaultSeverity === 'error' ? 'error' : r.defaultSeverity === 'warning' ? 'warning' : 'note' },
              properties: { family: r.family, fixable: r.fixable },
            })),
          },
        },
        originalUriBaseIds: { ROOT: { uri: `${pathToUri(root, '')}/`.replace(/\/+$/, '/') } },
        results: reports.flatMap((r) =>
          r.diagnostics.map((d) => ({
            ruleId: String(d.code),
            level: SARIF_LEVEL[d.severity ?? 1],
            message: { text: d.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: r.path, uriBaseId: 'ROOT' },
                  region: { startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1 },
                },
              },
            ],
            relatedLocations: (d.relatedInformation ?? []).map((ri, i) => ({
              id: i,
              message: { text: ri.message },
              physicalLocation: { artifactLocation: { uri: ri.location.uri }, region: { startLine: ri.location.range.start.line + 1, startColumn: ri.location.range.start.character + 1 } },
            })),
          })),
        ),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
