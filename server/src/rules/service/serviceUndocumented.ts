// service-undocumented: a runnable service (a main package, a module with a main, a subcommand)
// that a document about the platform's services never mentions.
import type { Rule } from '../rule';
import { analyseServices } from './serviceAnalysis';

export const serviceUndocumented: Rule = {
  id: 'service-undocumented',
  family: 'service',
  description: 'A runnable service of the workspace is never mentioned by a document that describes the services.',
  defaultSeverity: 'warning',
  fixable: false,
  check(ctx) {
    const result = analyseServices(ctx.doc, ctx.index);
    for (let i = 0; i < result.undocumentedClaims; i++) ctx.claimChecked();
    for (const f of result.undocumented) ctx.report(f);
  },
};
