// service-unknown: the doc names a service, service folder or subcommand the workspace does not have.
import { partOfAnalysis } from '../rule';
import { analyseServices } from './serviceAnalysis';

export const serviceUnknown = partOfAnalysis(
  {
    id: 'service-unknown',
    family: 'service',
    description: 'A service, service folder or subcommand named by the doc does not exist in the workspace.',
    defaultSeverity: 'error',
    fixable: true,
  },
  analyseServices,
  (a) => ({ claims: a.unknownClaims, findings: a.unknown }),
);
