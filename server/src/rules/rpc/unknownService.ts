// A service the doc names — in a ```proto block or fully qualified in prose — that no .proto file declares.
import { defineRpcRule } from './analysis';

export const rpcUnknownService = defineRpcRule({
  id: 'rpc-unknown-service',
  description: 'A gRPC service shown in a proto block or named in full (`pkg.v1.Service`) that no .proto file declares; suggests the nearest real one.',
  defaultSeverity: 'error',
  fixable: true,
});
