// `.doc-truth.json`: optional project settings. Zero config works; an invalid file is one clear
// error that names the field, never a silent fallback.
import type { Severity } from './types';

export const CONFIG_FILE = '.doc-truth.json';

export interface ResolvedConfig {
  /** Globs (relative to the root) of the documents to check. */
  documents: string[];
  /** Globs of workspace paths the index skips. */
  exclude: string[];
  /** Extra names for modules: `{ "Temporal": "go.temporal.io/sdk" }`. */
  moduleAliases: Record<string, string>;
  /** Per-rule severity, `off` disables the rule. */
  rules: Record<string, Severity | 'off'>;
}

export const DEFAULT_DOCUMENTS = ['**/runtime-services.md', 'docs/**/*.md'];

export function defaultConfig(): ResolvedConfig {
  return { documents: [...DEFAULT_DOCUMENTS], exclude: [], moduleAliases: {}, rules: {} };
}

export class ConfigError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${CONFIG_FILE}: ${field}: ${message}`);
  }
}

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint', 'off']);
const KNOWN_FIELDS = new Set(['$schema', 'documents', 'exclude', 'moduleAliases', 'rules']);

/** Parses and validates the config file's text; throws ConfigError naming the offending field. */
export function parseConfig(text: string): ResolvedConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new ConfigError('(file)', `not valid JSON (${(err as Error).message})`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError('(file)', 'must be a JSON object');
  const obj = raw as Record<string, unknown>;
  for (const k of Object.keys(obj)) if (!KNOWN_FIELDS.has(k)) throw new ConfigError(k, `unknown field (known: ${[...KNOWN_FIELDS].filter((f) => f !== '$schema').join(', ')})`);
  const cfg = defaultConfig();
  if (obj.documents !== undefined) cfg.documents = stringArray('documents', obj.documents);
  if (obj.exclude !== undefined) cfg.exclude = stringArray('exclude', obj.exclude);
  if (obj.moduleAliases !== undefined) cfg.moduleAliases = stringRecord('moduleAliases', obj.moduleAliases);
  if (obj.rules !== undefined) {
    const rules = stringRecord('rules', obj.rules);
    for (const [id, sev] of Object.entries(rules)) if (!SEVERITIES.has(sev)) throw new ConfigError(`rules.${id}`, `"${sev}" is not one of error, warning, info, hint, off`);
    cfg.rules = rules as ResolvedConfig['rules'];
  }
  return cfg;
}

function stringArray(field: string, v: unknown): string[] {
  if (!Array.isArray(v)) throw new ConfigError(field, 'must be an array of strings');
  v.forEach((x, i) => {
    if (typeof x !== 'string') throw new ConfigError(`${field}[${i}]`, 'must be a string');
  });
  return v as string[];
}

function stringRecord(field: string, v: unknown): Record<string, string> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new ConfigError(field, 'must be an object of strings');
  for (const [k, x] of Object.entries(v)) if (typeof x !== 'string') throw new ConfigError(`${field}.${k}`, 'must be a string');
  return v as Record<string, string>;
}
