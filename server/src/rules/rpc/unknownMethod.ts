// An rpc the doc shows or names that the service does not declare.
import { defineRpcRule } from './analysis';

export const rpcUnknownMethod = defineRpcRule({
  id: 'rpc-unknown-method',
  description: 'An rpc in a proto block, a signature, `Service.Method` or a method-like name in a passage about a service, that no service declares.',
  defaultSeverity: 'error',
  fixable: true,
});
