// service-unknown: the doc names a service, service folder or subcommand the workspace does not have.
import type { Rule } from '../rule';
import { analyseServices } from './serviceAnalysis';

export const serviceUnknown: Rule = {
  id: 'service-unknown',
  family: 'service',
  description: 'A service, service folder or subcommand named by the doc does not exist in the workspace.',
  defaultSeverity: 'error',
  fixable: true,
  check(ctx) {
    const result = analyseServices(ctx.doc, ctx.index);
    for (const range of result.unknownClaims) ctx.claimChecked({ range });
    for (const f of result.unknown) ctx.report(f);
  },
};
