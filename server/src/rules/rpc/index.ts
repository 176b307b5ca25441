// The rpc family, in the order they run.
export { rpcUnknownService } from './unknownService';
export { rpcUnknownMethod } from './unknownMethod';
export { rpcMissingMethod } from './missingMethod';
export { rpcSignature } from './signature';
export { rpcStreamingKind } from './streamingKind';
export { rpcMessageField } from './messageField';
export { rpcEnumValue } from './enumValue';
