// `doc-truth rules`: the rule catalogue as a plain table.
import { allRules } from '../rules/registry';

export function rulesTable(): string {
  const rows = allRules.map((r) => [r.id, r.defaultSeverity, r.fixable ? 'fix' : '', r.description]);
  const w0 = Math.max(4, ...rows.map((r) => r[0].length));
  return rows.map((r) => `${r[0].padEnd(w0)}  ${r[1].padEnd(7)}  ${r[2].padEnd(3)}  ${r[3]}`).join('\n') + '\n';
}
