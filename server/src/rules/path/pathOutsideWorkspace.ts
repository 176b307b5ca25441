// path-outside-workspace: a local link that climbs above the workspace root. It is never followed
// (nothing outside the root is read), so the doc points at something no check can see.
import { partOfAnalysis } from '../rule';
import { analysePaths } from './pathAnalysis';

export const pathOutsideWorkspace = partOfAnalysis(
  {
    id: 'path-outside-workspace',
    family: 'path',
    description: 'A local link points outside the workspace root; it is not followed.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  analysePaths,
  (a) => ({ claims: a.outsideClaims, findings: a.outside }),
);
