// Options shared by the commands, parsed with util.parseArgs and merged over a --config file.
import { parseArgs, ParseArgsConfig } from 'util';
import { RULES_BY_ID, RuleSeverity } from '../../server/src/analysis';
import { closestNames } from '../../server/src/analysis/distance';
import { DEFAULT_SETTINGS, Settings } from '../../server/src/settings';
import { readLimited, readFailure } from './files';

/** Bad arguments: the command prints the message and exits 2. */
export class UsageError extends Error {}

const SEVERITIES: readonly string[] = ['off', 'hint', 'information', 'warning', 'error'];

type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** The options that shape the analysis, for check, graph and fix alike. */
export const ANALYSIS_OPTIONS = {
  target: { type: 'string' },
  'build-arg': { type: 'string', multiple: true },
  'build-context': { type: 'string', multiple: true },
  builder: { type: 'string' },
  rule: { type: 'string', multiple: true },
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpec;

export const ANALYSIS_HELP = `  --target NAME               the stage to build (default: the last)
  --build-arg NAME[=VALUE]    a build arg as docker build takes it; without =, from the
                              environment (repeatable)
  --build-context NAME=VALUE  a named build context: --from=NAME is then no unknown stage
                              (repeatable)
  --builder buildkit|podman   podman and buildah expand ARGs in COPY --from
  --rule ID=SEVERITY          off, hint, information, warning or error (repeatable)
  --config FILE               a JSON file with the dockerfileStages.* settings of VS Code
  -h, --help                  this help`;

/** util.parseArgs with its errors turned into usage errors. */
export function parseCommandArgs<T extends OptionSpec>(args: string[], options: T): ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    // Node's message goes on to explain `--`; the first sentence is the news.
    const message = (e as Error).message;
    const end = message.indexOf('. ');
    throw new UsageError(end > 0 ? message.slice(0, end) : message);
  }
}

export function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} takes ${allowed.join(', ')}, not '${value}'`);
  return value as T;
}

export interface AnalysisFlags {
  target?: string;
  'build-arg'?: string[];
  'build-context'?: string[];
  builder?: string;
  rule?: string[];
  config?: string;
}

/** The settings the analysis runs with: the --config file, then the flags over it. */
export function settingsFrom(flags: AnalysisFlags, env: NodeJS.ProcessEnv = process.env): Settings {
  const settings: Settings = flags.config ? readConfig(flags.config) : { ...DEFAULT_SETTINGS, rules: {}, buildArgs: {}, buildContexts: [] };
  for (const arg of flags['build-arg'] ?? []) {
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (!name) throw new UsageError(`--build-arg takes NAME=VALUE or NAME, not '${arg}'`);
    // As docker does: a bare NAME takes its value from the environment, and is left out when unset.
    const value = eq < 0 ? env[name] : arg.slice(eq + 1);
    if (value !== undefined) settings.buildArgs[name] = value;
  }
  for (const context of flags['build-context'] ?? []) {
    const eq = context.indexOf('=');
    if (eq <= 0 || eq === context.length - 1) throw new UsageError(`--build-context takes NAME=VALUE, not '${context}'`);
    settings.buildContexts.push(context.slice(0, eq));
  }
  for (const rule of flags.rule ?? []) {
    const eq = rule.indexOf('=');
    const severity = rule.slice(eq + 1);
    if (eq <= 0 || !SEVERITIES.includes(severity)) throw new UsageError(`--rule takes ID=${SEVERITIES.join('|')}, not '${rule}'`);
    settings.rules[knownRule(rule.slice(0, eq))] = severity as RuleSeverity;
  }
  settings.builder = oneOf('--builder', flags.builder, ['buildkit', 'podman'] as const) ?? settings.builder;
  if (flags.target !== undefined) settings.target = flags.target;
  return settings;
}

function knownRule(id: string): string {
  if (RULES_BY_ID.has(id)) return id;
  const close = closestNames(id, RULES_BY_ID.keys());
  const hint = close.length ? `; did you mean ${close.map((c) => `'${c}'`).join(' or ')}?` : '; the rules are listed in docs/rules/README.md';
  throw new UsageError(`unknown rule '${id}'${hint}`);
}

/** Settings the CLI has no use for; accepted so that one file serves the editor and CI. */
const EDITOR_ONLY_KEYS = new Set(['codeLens']);

/**
 * A --config file: a JSON object with the keys of VS Code's settings, either as written in
 * settings.json (`"dockerfileStages.rules": {...}`) or without the prefix. Anything else is refused.
 */
export function readConfig(file: string): Settings {
  let raw: unknown;
  try {
    raw = JSON.parse(readLimited(file, 1024 * 1024).toString('utf8'));
  } catch (e) {
    throw new UsageError(`--config ${file}: ${e instanceof SyntaxError ? `not JSON: ${e.message}` : readFailure(e)}`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new UsageError(`--config ${file}: expected a JSON object of settings`);
  const settings: Settings = { ...DEFAULT_SETTINGS, rules: {}, buildArgs: {}, buildContexts: [] };
  const fail = (key: string, expected: string): never => {
    throw new UsageError(`--config ${file}: '${key}' must be ${expected}`);
  };
  for (const [written, value] of Object.entries(raw as Record<string, unknown>)) {
    const key = written.startsWith('dockerfileStages.') ? written.slice('dockerfileStages.'.length) : written;
    if (key === 'rules') {
      if (!isRecord(value)) fail(written, 'an object of rule ids to severities');
      for (const [id, severity] of Object.entries(value as Record<string, unknown>)) {
        if (typeof severity !== 'string' || !SEVERITIES.includes(severity)) fail(`${written}.${id}`, SEVERITIES.join(', '));
        try {
          settings.rules[knownRule(id)] = severity as RuleSeverity;
        } catch (e) {
          throw new UsageError(`--config ${file}: ${(e as Error).message}`);
        }
      }
    } else if (key === 'buildArgs') {
      if (!isRecord(value)) fail(written, 'an object of names to values');
      for (const [name, arg] of Object.entries(value as Record<string, unknown>)) {
        if (typeof arg !== 'string') fail(`${written}.${name}`, 'a string');
        settings.buildArgs[name] = arg as string;
      }
    } else if (key === 'target') {
      if (typeof value !== 'string') fail(written, 'a stage name');
      settings.target = (value as string).trim() || undefined;
    } else if (key === 'builder') {
      if (value !== 'buildkit' && value !== 'podman') fail(written, "'buildkit' or 'podman'");
      settings.builder = value as Settings['builder'];
    } else if (key === 'buildContexts') {
      if (!Array.isArray(value) || !value.every((c) => typeof c === 'string')) fail(written, 'an array of names');
      settings.buildContexts.push(...(value as string[]));
    } else if (!EDITOR_ONLY_KEYS.has(key)) {
      throw new UsageError(`--config ${file}: unknown setting '${written}'`);
    }
  }
  return settings;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}
