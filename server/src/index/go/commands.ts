// CLI subcommands a binary declares: urfave/cli `Command{Name}` and cobra `Command{Use}`. The root
// command (the binary itself) is left out: folders and modules already name it.
import { fieldsOf, type Expr } from './expr';
import type { Workspace } from './resolve';
import { elementsOf, guard, type Sink } from './shared';
import { knownString } from './values';

const CLI = /^github\.com\/urfave\/cli(\/v\d+)?\.Command$/;
const COBRA = 'github.com/spf13/cobra.Command';

export function commandFacts(ws: Workspace, sink: Sink): void {
  for (const file of ws.files) {
    if (!file.factsAllowed) continue;
    for (const rec of file.lits) {
      const isCli = CLI.test(rec.type);
      if (!isCli && rec.type !== COBRA) continue;
      const ctx = ws.ctx(file, rec.func);
      const visit = (lit: Expr & { t: 'lit' }, top: boolean, depth: number) => {
        const fields = fieldsOf(lit);
        // urfave/cli subcommands written inline: `Commands: []*cli.Command{{Name: "deploy"}}`.
        const subs = isCli ? fields.get('Commands') : undefined;
        if (subs?.t === 'lit' && depth < 6) for (const el of elementsOf(subs)) if (el.lit !== subs) visit(el.lit, false, depth + 1);
        const nameExpr = fields.get(isCli ? 'Name' : 'Use');
        if (!nameExpr) return;
        const raw = knownString(ws.eval(nameExpr, ctx));
        const name = isCli ? raw : raw?.trim().split(/\s+/)[0];
        if (!name) return;
        const root = top && (isCli ? rec.inMain && fields.has('Commands') : rec.inMain || /^root/i.test(rec.holder ?? ''));
        if (!root) sink.command(name, ws.locOf(nameExpr, ctx));
      };
      for (const { lit } of elementsOf(rec.x)) guard(() => visit(lit, true, 0));
    }
  }
}
