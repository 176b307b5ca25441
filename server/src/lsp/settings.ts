// Editor settings (`docTruth.*`) and how they combine with `.doc-truth.json`: the settings add
// document globs and override rule severities; everything else comes from the file.
import type { ResolvedConfig } from '../engine/config';
import type { Severity } from '../engine/types';
import type { RunMode } from './protocol';

export interface Settings {
  enable: boolean;
  documents: string[];
  run: RunMode;
  severity: Record<string, Severity | 'off'>;
}

export const DEFAULT_DOCUMENT_GLOBS = ['**/runtime-services.md'];

export function defaultSettings(): Settings {
  return { enable: true, documents: [...DEFAULT_DOCUMENT_GLOBS], run: 'onType', severity: {} };
}

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint', 'off']);

/**
 * Reads whatever the client answered for the `docTruth` section. Clients answer null, partial
 * objects or wrong types; each field that is not usable keeps its default rather than failing.
 */
export function normalizeSettings(raw: unknown): Settings {
  const s = defaultSettings();
  if (!raw || typeof raw !== 'object') return s;
  const r = raw as Record<string, unknown>;
  if (typeof r.enable === 'boolean') s.enable = r.enable;
  if (Array.isArray(r.documents)) s.documents = r.documents.filter((g): g is string => typeof g === 'string' && g.trim() !== '');
  if (r.run === 'onType' || r.run === 'onSave') s.run = r.run;
  if (r.severity && typeof r.severity === 'object' && !Array.isArray(r.severity)) {
    for (const [id, sev] of Object.entries(r.severity as Record<string, unknown>)) {
      if (typeof sev === 'string' && SEVERITIES.has(sev)) s.severity[id] = sev as Severity | 'off';
    }
  }
  return s;
}

/** The config a check runs with: the file's, plus the editor's globs and severity overrides. */
export function effectiveConfig(file: ResolvedConfig, settings: Settings): ResolvedConfig {
  return {
    ...file,
    documents: [...new Set([...settings.documents, ...file.documents])],
    rules: { ...file.rules, ...settings.severity },
  };
}
