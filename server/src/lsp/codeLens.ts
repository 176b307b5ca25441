// One lens above each table and fenced block that holds judged claims: either all of them match
// the code, or how many drifted, with a way to the source.
import type { CodeLens, Range } from 'vscode-languageserver';
import { COMMANDS } from './protocol';
import { dataOf, isDrift, type CheckedDocument } from './checkedDocument';

export function codeLenses(checked: CheckedDocument): CodeLens[] {
  const doc = checked.model();
  const blocks: Range[] = [...doc.tables.map((t) => t.range), ...doc.codeBlocks.map((c) => c.range)].sort((a, b) => a.start.line - b.start.line);
  const lenses: CodeLens[] = [];
  for (const block of blocks) {
    const within = (r: Range) => block.start.line <= r.start.line && r.start.line <= block.end.line;
    const drifted = checked.diagnostics.filter((d) => isDrift(d) && within(d.range));
    const lensRange = { start: block.start, end: block.start };
    if (drifted.length > 0) {
      const title = `${drifted.length} drifted — Show source`;
      const target = drifted.find((d) => (dataOf(d)?.sources.length ?? 0) > 0) ?? drifted[0];
      lenses.push({ range: lensRange, command: { title, command: COMMANDS.showSourceOfTruth, arguments: [checked.uri, target.range.start] } });
      continue;
    }
    const claims = checked.claims.filter((c) => within(c.range) && c.sources.length > 0);
    if (claims.length === 0) continue;
    const paths = [...new Set(claims.flatMap((c) => c.sources.map((s) => s.path)))];
    const named = paths.length <= 2 ? paths.join(', ') : `${paths.slice(0, 2).join(', ')} and ${paths.length - 2} more`;
    lenses.push({ range: lensRange, command: { title: `✓ matches ${named}`, command: COMMANDS.showSourceOfTruth, arguments: [checked.uri, claims[0].range.start] } });
  }
  return lenses;
}
