// Messages and fields the doc shows that differ from the .proto file.
import { defineRpcRule } from './analysis';

export const rpcMessageField = defineRpcRule({
  id: 'rpc-message-field',
  description: 'A message field shown in a proto block or claimed in prose (`Msg.field` is a `map<string, string>`) whose name, number, type, label or oneof differs from the .proto file, or that does not exist.',
  defaultSeverity: 'error',
  fixable: true,
});
