// Every claim rule, in the order they run. Adding a rule means adding it here.
import type { Rule } from './rule';

export const allRules: readonly Rule[] = [];

export function ruleById(id: string): Rule | undefined {
  return allRules.find((r) => r.id === id);
}
