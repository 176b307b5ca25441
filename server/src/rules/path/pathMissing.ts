// path-missing: a file or folder the doc names (inline code, a local link, a folder tree) that the
// workspace does not have.
import type { Rule } from '../rule';
import { analysePaths } from './pathAnalysis';

export const pathMissing: Rule = {
  id: 'path-missing',
  family: 'path',
  description: 'A file or folder named in inline code, a local link or a folder tree does not exist in the workspace.',
  defaultSeverity: 'error',
  fixable: true,
  check(ctx) {
    const result = analysePaths(ctx.doc, ctx.index);
    for (const range of result.missingClaims) ctx.claimChecked({ range });
    for (const f of result.missing) ctx.report(f);
  },
};
