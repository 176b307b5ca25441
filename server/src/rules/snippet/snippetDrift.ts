// snippet-drift: a ```go block that copies code the workspace has, but no longer matches it.
import type { Rule } from '../rule';
import { analyseSnippets } from './snippetAnalysis';

export const snippetDrift: Rule = {
  id: 'snippet-drift',
  family: 'snippet',
  description: 'A Go code block differs from the declaration or code region it copies.',
  defaultSeverity: 'error',
  fixable: true,
  check(ctx) {
    const result = analyseSnippets(ctx.doc, ctx.index);
    for (const range of result.driftClaims) ctx.claimChecked({ range });
    for (const f of result.drift) ctx.report(f);
  },
};
