// path-missing: a file or folder the doc names (inline code, a local link, a folder tree) that the
// workspace does not have.
import { partOfAnalysis } from '../rule';
import { analysePaths } from './pathAnalysis';

export const pathMissing = partOfAnalysis(
  {
    id: 'path-missing',
    family: 'path',
    description: 'A file or folder named in inline code, a local link or a folder tree does not exist in the workspace.',
    defaultSeverity: 'error',
    fixable: true,
  },
  analysePaths,
  (a) => ({ claims: a.missingClaims, findings: a.missing }),
);
