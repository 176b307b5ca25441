// Prose that calls an rpc unary, client-streaming, server-streaming or bidirectional when the .proto file says otherwise.
import { defineRpcRule } from './analysis';

export const rpcStreamingKind = defineRpcRule({
  id: 'rpc-streaming-kind',
  description: 'Prose that says an rpc is unary, client-streaming, server-streaming or bidirectional, checked against `stream` in its .proto declaration.',
  defaultSeverity: 'error',
  fixable: true,
});
