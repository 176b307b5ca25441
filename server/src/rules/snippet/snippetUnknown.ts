// snippet-unknown: a ```go block declares names the workspace does not have (or links to a file or
// symbol that is not there), so it documents code that does not exist.
import { partOfAnalysis } from '../rule';
import { analyseSnippets } from './snippetAnalysis';

export const snippetUnknown = partOfAnalysis(
  {
    id: 'snippet-unknown',
    family: 'snippet',
    description: 'A Go code block declares functions, methods or types that exist nowhere in the workspace.',
    defaultSeverity: 'error',
    fixable: false,
  },
  analyseSnippets,
  (a) => ({ claims: a.unknownClaims, findings: a.unknown }),
);
