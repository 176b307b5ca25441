// An rpc whose request or response type, or `stream` on either side, differs from the .proto file.
import { defineRpcRule } from './analysis';

export const rpcSignature = defineRpcRule({
  id: 'rpc-signature',
  description: 'An rpc signature in a proto block or inline code whose request/response types or streaming differ from the .proto file; the fix puts in the real source line.',
  defaultSeverity: 'error',
  fixable: true,
});
