// CLI subcommands a binary declares: urfave/cli `Command{Name}` and cobra `Command{Use}`. The root
// command (the binary itself) is left out: folders and modules already name it.
import { fieldsOf } from './expr';
import type { Workspace } from './resolve';
import { elementsOf, type Sink } from './shared';
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
      for (const { lit } of elementsOf(rec.x)) {
        const fields = fieldsOf(lit);
        const nameExpr = fields.get(isCli ? 'Name' : 'Use');
        if (!nameExpr) continue;
        const raw = knownString(ws.eval(nameExpr, ctx));
        const name = isCli ? raw : raw?.trim().split(/\s+/)[0];
        if (!name) continue;
        const root = isCli ? rec.inMain && fields.has('Commands') : rec.inMain || /^root/i.test(rec.holder ?? '');
        if (root) continue;
        sink.command(name, ws.locOf(nameExpr, ctx));
      }
    }
  }
}
