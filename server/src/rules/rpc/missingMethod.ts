// A proto block that shows a whole service (no `...`) but leaves out rpcs the .proto file declares.
import { defineRpcRule } from './analysis';

export const rpcMissingMethod = defineRpcRule({
  id: 'rpc-missing-method',
  description: 'A proto block shows a complete service without some of its rpcs; the fix inserts their source lines in file order.',
  defaultSeverity: 'warning',
  fixable: true,
});
