// snippet-drift: a ```go block that copies code the workspace has, but no longer matches it.
import { partOfAnalysis } from '../rule';
import { analyseSnippets } from './snippetAnalysis';

export const snippetDrift = partOfAnalysis(
  {
    id: 'snippet-drift',
    family: 'snippet',
    description: 'A Go code block differs from the declaration or code region it copies.',
    defaultSeverity: 'error',
    fixable: true,
  },
  analyseSnippets,
  (a) => ({ claims: a.driftClaims, findings: a.drift }),
);
