// Enum values the doc shows or names that the .proto enum does not have (or numbers differently).
import { defineRpcRule } from './analysis';

export const rpcEnumValue = defineRpcRule({
  id: 'rpc-enum-value',
  description: 'An enum value in a proto block or in prose (`State` starts as `STATE_NEW`; `Phase` is an enum: a, b, c) that the .proto enum does not declare, or declares with another number.',
  defaultSeverity: 'error',
  fixable: true,
});
