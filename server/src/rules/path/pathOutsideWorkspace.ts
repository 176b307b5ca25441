// path-outside-workspace: a local link that climbs above the workspace root. It is never followed
// (nothing outside the root is read), so the doc points at something no check can see.
import type { Rule } from '../rule';
import { analysePaths } from './pathAnalysis';

export const pathOutsideWorkspace: Rule = {
  id: 'path-outside-workspace',
  family: 'path',
  description: 'A local link points outside the workspace root; it is not followed.',
  defaultSeverity: 'warning',
  fixable: false,
  check(ctx) {
    const result = analysePaths(ctx.doc, ctx.index);
    for (const range of result.outsideClaims) ctx.claimChecked({ range });
    for (const f of result.outside) ctx.report(f);
  },
};
