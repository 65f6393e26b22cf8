import { AnalysisOptions, RuleSeverity } from './analysis';
import { OUTLINE_MAX_ITEMS } from './features/symbols';

/** The `dockerfileStages` settings section, as any client sends it. */
export interface Settings {
  rules: Record<string, RuleSeverity>;
  buildArgs: Record<string, string>;
  target?: string;
  builder: 'buildkit' | 'podman';
  buildContexts: string[];
  codeLens: boolean;
  /** `outline.maxItems`: most symbols the outline lists (documentSymbol). */
  outline: { maxItems: number };
}

export const DEFAULT_SETTINGS: Settings = { rules: {}, buildArgs: {}, builder: 'buildkit', buildContexts: [], codeLens: true, outline: { maxItems: OUTLINE_MAX_ITEMS } };

const SEVERITIES = new Set(['off', 'hint', 'information', 'warning', 'error']);

/** Accepts whatever a client sends; anything malformed falls back to the default. */
export function normalizeSettings(raw: unknown): Settings {
  const section = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const rules: Record<string, RuleSeverity> = {};
  if (section.rules && typeof section.rules === 'object') {
    for (const [id, value] of Object.entries(section.rules as Record<string, unknown>)) {
      if (typeof value === 'string' && SEVERITIES.has(value)) rules[id] = value as RuleSeverity;
    }
  }
  const buildArgs: Record<string, string> = {};
  if (section.buildArgs && typeof section.buildArgs === 'object') {
    for (const [name, value] of Object.entries(section.buildArgs as Record<string, unknown>)) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') buildArgs[name] = String(value);
    }
  }
  return {
    rules,
    buildArgs,
    target: typeof section.target === 'string' && section.target.trim() ? section.target.trim() : undefined,
    builder: section.builder === 'podman' ? 'podman' : 'buildkit',
    buildContexts: Array.isArray(section.buildContexts) ? section.buildContexts.filter((c): c is string => typeof c === 'string') : [],
    codeLens: section.codeLens !== false,
    outline: { maxItems: outlineMaxItems(section.outline) },
  };
}

/** `outline.maxItems`: a whole number from 0 up; anything else is the default. */
function outlineMaxItems(outline: unknown): number {
  const value = outline && typeof outline === 'object' ? (outline as Record<string, unknown>).maxItems : undefined;
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : OUTLINE_MAX_ITEMS;
}

export function analysisOptions(settings: Settings): AnalysisOptions {
  return { buildArgs: settings.buildArgs, target: settings.target, builder: settings.builder, buildContexts: settings.buildContexts };
}
