// snippet-unknown: a ```go block declares names the workspace does not have (or links to a file or
// symbol that is not there), so it documents code that does not exist.
import type { Rule } from '../rule';
import { analyseSnippets } from './snippetAnalysis';

export const snippetUnknown: Rule = {
  id: 'snippet-unknown',
  family: 'snippet',
  description: 'A Go code block declares functions, methods or types that exist nowhere in the workspace.',
  defaultSeverity: 'error',
  fixable: false,
  check(ctx) {
    const result = analyseSnippets(ctx.doc, ctx.index);
    for (const range of result.unknownClaims) ctx.claimChecked({ range });
    for (const f of result.unknown) ctx.report(f);
  },
};
