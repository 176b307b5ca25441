// Every claim rule, in the order they run. Adding a rule means adding it here.
import type { Rule } from './rule';
import { envDefault, envRequired, envRequiredDefault, envUndocumented, envUnknown } from './env/envRules';
import { rpcEnumValue, rpcMessageField, rpcMissingMethod, rpcSignature, rpcStreamingKind, rpcUnknownMethod, rpcUnknownService } from './rpc/index';
import { natsDirection, natsQueueGroup, natsStream, natsUnknownSubject } from './nats/natsRules';
import { securityContainer } from './security/securityRules';
import { serviceDependency } from './service/serviceDependency';
import { dataBucket } from './data/dataBucket';
import { dataCollection } from './data/dataCollection';
import { dataDatabase } from './data/dataDatabase';
import { dataEndpoint } from './data/dataEndpoint';
import { dataIndex } from './data/dataIndex';
import { dataMetric } from './data/dataMetric';
import { dataObjectKey } from './data/dataObjectKey';
import { pathMissing } from './path/pathMissing';
import { pathOutsideWorkspace } from './path/pathOutsideWorkspace';
import { serviceUndocumented } from './service/serviceUndocumented';
import { serviceUnknown } from './service/serviceUnknown';
import { snippetDrift } from './snippet/snippetDrift';
import { snippetUnknown } from './snippet/snippetUnknown';
import { versionGo, versionModule, versionToolchain } from './version/versionMismatch';

export const allRules: readonly Rule[] = [
  versionGo,
  versionToolchain,
  versionModule,
  envUnknown,
  envDefault,
  envRequiredDefault,
  envRequired,
  envUndocumented,
  natsUnknownSubject,
  natsDirection,
  natsQueueGroup,
  natsStream,
  rpcUnknownService,
  rpcUnknownMethod,
  rpcMissingMethod,
  rpcSignature,
  rpcStreamingKind,
  rpcMessageField,
  rpcEnumValue,
  securityContainer,
  snippetDrift,
  snippetUnknown,
  pathMissing,
  pathOutsideWorkspace,
  serviceUnknown,
  serviceUndocumented,
  serviceDependency,
  dataCollection,
  dataDatabase,
  dataIndex,
  dataBucket,
  dataObjectKey,
  dataEndpoint,
  dataMetric,
];

export function ruleById(id: string): Rule | undefined {
  return allRules.find((r) => r.id === id);
}
