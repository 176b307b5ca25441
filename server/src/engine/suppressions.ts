// Suppression comments: `<!-- doc-truth-disable-next-line [rule...] -->` and
// `<!-- doc-truth-disable [rule...] -->` ... `<!-- doc-truth-enable [rule...] -->`.
import type { DocModel } from '../markdown/docModel';

type Suppressed = (ruleId: string, line: number) => boolean;

export function suppressionsOf(doc: DocModel): Suppressed {
  const nextLine: { line: number; rules: string[] }[] = [];
  const regions: { from: number; to: number; rules: string[] }[] = [];
  const open: { from: number; rules: string[] }[] = [];
  for (const c of [...doc.comments].sort((a, b) => a.start - b.start)) {
    const m = /^doc-truth-(disable-next-line|disable|enable)\b(.*)$/s.exec(c.text);
    if (!m) continue;
    const rules = m[2].split(/[\s,]+/).filter(Boolean);
    const endLine = doc.lines.positionAt(c.end).line;
    if (m[1] === 'disable-next-line') nextLine.push({ line: endLine + 1, rules });
    else if (m[1] === 'disable') open.push({ from: endLine, rules });
    else {
      // An enable closes the matching disables (all of them when it names no rule).
      for (let i = open.length - 1; i >= 0; i--) {
        if (rules.length === 0 || rules.some((r) => open[i].rules.includes(r))) regions.push({ from: open[i].from, to: c.line, rules: open.splice(i, 1)[0].rules });
      }
    }
  }
  for (const o of open) regions.push({ from: o.from, to: Number.MAX_SAFE_INTEGER, rules: o.rules });
  const matches = (rules: string[], id: string) => rules.length === 0 || rules.some((r) => r === id || (r.endsWith('-*') && id.startsWith(r.slice(0, -1))) || id.startsWith(`${r}-`));
  return (id, line) => nextLine.some((s) => s.line === line && matches(s.rules, id)) || regions.some((r) => line >= r.from && line <= r.to && matches(r.rules, id));
}
