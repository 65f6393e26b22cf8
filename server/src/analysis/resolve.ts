// Resolves what the model's names point at, with BuildKit's rules (shared/SEMANTICS.md):
// FROM bases, COPY --from / mount from= references, and variable uses through ARG/ENV scopes.
import { Model, RawReference, RawUse } from './model';
import { expandWord } from './variables';
import { isWellKnownImage, looksLikeImageReference } from './images';
import { comparePositions } from './text';
import {
  AnalysisOptions,
  BaseCandidate,
  ReferenceTarget,
  Stage,
  StageReference,
  UseResolution,
  VariableDeclaration,
  VariableUse,
} from './types';

export const PLATFORM_ARGS = ['TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT', 'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT'];
const PLATFORM_DEFAULTS: Record<string, string> = {
  TARGETPLATFORM: 'linux/amd64', TARGETOS: 'linux', TARGETARCH: 'amd64', TARGETVARIANT: '',
  BUILDPLATFORM: 'linux/amd64', BUILDOS: 'linux', BUILDARCH: 'amd64', BUILDVARIANT: '',
};
const PROXY_ARGS = ['HTTP_PROXY', 'HTTPS_PROXY', 'FTP_PROXY', 'NO_PROXY', 'ALL_PROXY'];

// Variables that base images set: declared in another stage, they may still come from this
// stage's base image, so a use is no scope mistake. Windows names compare case-insensitively.
const COMMON_IMAGE_ENV = new Set([
  'PATH', 'LD_LIBRARY_PATH', 'LIBRARY_PATH', 'CPATH', 'PKG_CONFIG_PATH', 'MANPATH', 'HOME', 'USER', 'LANG', 'LC_ALL',
  'LANGUAGE', 'TZ', 'SHELL', 'TERM', 'JAVA_HOME', 'JAVA_VERSION', 'GOPATH', 'GOROOT', 'GOLANG_VERSION', 'GOTOOLCHAIN',
  'PYTHONPATH', 'PYTHON_VERSION', 'PYTHONUNBUFFERED', 'PIP_NO_CACHE_DIR', 'NODE_PATH', 'NODE_VERSION', 'YARN_VERSION',
  'CARGO_HOME', 'RUSTUP_HOME', 'RUST_VERSION', 'RUBY_VERSION', 'GEM_HOME', 'BUNDLE_PATH', 'PHP_VERSION', 'PHP_INI_DIR',
  'MAVEN_HOME', 'GRADLE_HOME', 'DOTNET_VERSION', 'ASPNETCORE_VERSION', 'DEBIAN_FRONTEND', 'CUDA_HOME', 'CUDA_VERSION',
  'NVIDIA_VISIBLE_DEVICES', 'PROGRAMFILES', 'PROGRAMDATA', 'SYSTEMROOT', 'WINDIR', 'USERPROFILE', 'APPDATA',
  'LOCALAPPDATA', 'TEMP', 'TMP', 'COMSPEC', 'PSMODULEPATH',
]);

export function isCommonImageEnv(name: string): boolean {
  return COMMON_IMAGE_ENV.has(name.toUpperCase());
}

function sameRange(a: { start: { line: number; character: number }; end: { line: number; character: number } }, b: typeof a): boolean {
  return comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;
}

export function isPlatformArg(name: string): boolean {
  return PLATFORM_ARGS.includes(name);
}

/** Available everywhere without a declaration. */
export function isAlwaysPredefined(name: string): boolean {
  const upper = name.toUpperCase();
  return PROXY_ARGS.includes(upper) || name.startsWith('BUILDKIT_') || name === 'SOURCE_DATE_EPOCH';
}

/**
 * Lookup of stages by BuildKit's lowercased name. With duplicate names, `--from`, mount `from=`
 * and `--target` mean the last stage of the name in the file; FROM means the nearest one above.
 */
export class StageIndex {
  private readonly byKey = new Map<string, Stage[]>();

  constructor(readonly stages: Stage[]) {
    for (const stage of stages) {
      if (!stage.key) continue;
      const list = this.byKey.get(stage.key);
      if (list) list.push(stage);
      else this.byKey.set(stage.key, [stage]);
    }
  }

  /** The last stage of that name (case-insensitive), as `--from` and `--target` resolve it. */
  byName(name: string): Stage | undefined {
    const list = this.byKey.get(name.toLowerCase());
    return list?.[list.length - 1];
  }

  /** The nearest stage of that name (case-insensitive) above stage `index`, as FROM resolves it. */
  latestBefore(name: string, index: number): Stage | undefined {
    const list = this.byKey.get(name.toLowerCase()) ?? [];
    for (let i = list.length - 1; i >= 0; i--) if (list[i].index < index) return list[i];
    return undefined;
  }

  names(): string[] {
    return [...this.byKey.keys()];
  }
}

export function globalArgValues(model: Model, options: AnalysisOptions, beforeLine = Infinity): Map<string, string | undefined> {
  const values = new Map<string, string | undefined>();
  for (const name of PLATFORM_ARGS) values.set(name, options.buildArgs?.[name] ?? PLATFORM_DEFAULTS[name]);
  for (const d of model.declarations) {
    if (d.scope !== -1 || d.kind !== 'ARG' || d.range.start.line >= beforeLine) continue;
    const fromUser = options.buildArgs?.[d.name];
    if (fromUser !== undefined) values.set(d.name, fromUser);
    else if (d.value !== undefined) values.set(d.name, expandWord(d.value, (n) => values.get(n)).value);
    else if (!values.has(d.name)) values.set(d.name, undefined);
  }
  return values;
}

function defaultsOnly(model: Model, beforeLine: number): Map<string, string | undefined> {
  return globalArgValues(model, {}, beforeLine);
}

export function resolveBases(model: Model, options: AnalysisOptions, stages: StageIndex): void {
  for (const stage of model.stages) {
    const base = stage.base;
    const text = base.text;
    if (text.includes('$')) {
      base.kind = 'variable';
      base.candidates = baseCandidates(model, options, stage, stages);
      const current = base.candidates.find((c) => c.source !== 'pattern');
      if (current?.stage !== undefined) base.stage = current.stage;
      continue;
    }
    // FROM matches the exact lowercase name; a stage named `scratch` takes over `FROM scratch`.
    const named = stages.latestBefore(text, stage.index);
    if (named && named.key === text) {
      base.kind = 'stage';
      base.stage = named.index;
    } else if (text === 'scratch') {
      base.kind = 'scratch';
    }
  }
}

function baseCandidates(model: Model, options: AnalysisOptions, stage: Stage, stages: StageIndex): BaseCandidate[] {
  const line = stage.fromRange.start.line;
  const values = globalArgValues(model, options, line);
  const value = expandWord(stage.base.text, (n) => values.get(n)).value;
  const usesUserArgs = Object.keys(options.buildArgs ?? {}).some((n) => new RegExp(`\\$\\{?${n}\\b`).test(stage.base.text));
  const candidates: BaseCandidate[] = [];
  const named = stages.latestBefore(value, stage.index);
  candidates.push({
    value,
    stage: named && named.key === value ? named.index : undefined,
    source: usesUserArgs ? 'buildArgs' : 'default',
  });
  // Every earlier stage the pattern could name with other build args (seed-000's `${SRC_FORMAT}-code`).
  const pattern = patternOf(stage.base.text);
  if (pattern) {
    for (const other of model.stages) {
      if (other.index >= stage.index || !other.key || other.key === value) continue;
      if (pattern.test(other.key)) candidates.push({ value: other.key, stage: other.index, source: 'pattern' });
    }
  }
  return candidates;
}

function patternOf(text: string): RegExp | undefined {
  const parts = text.split(/\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*/);
  if (parts.length < 2 || parts.join('').length === 0) return undefined;
  return new RegExp(`^${parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+')}$`);
}

export function resolveReferences(model: Model, options: AnalysisOptions, stages: StageIndex): StageReference[] {
  const result: StageReference[] = [];
  for (const stage of model.stages) {
    const base = stage.base;
    if (!base.text) continue;
    const target: ReferenceTarget | undefined = fromTarget(stage, stages);
    if (target) {
      result.push({ kind: 'from', text: base.text, range: base.range, stage: stage.index, instructionRange: stage.fromRange, target });
    }
  }
  for (const raw of model.references) result.push({ ...raw, target: flagTarget(raw, model, options, stages) });
  result.sort((a, b) => comparePositions(a.range.start, b.range.start));
  return result;
}

function fromTarget(stage: Stage, stages: StageIndex): ReferenceTarget {
  const base = stage.base;
  if (base.kind === 'scratch') return { kind: 'scratch' };
  if (base.kind === 'variable') return base.stage !== undefined ? { kind: 'stage', stage: base.stage, by: 'name' } : { kind: 'variable' };
  if (base.kind === 'stage' && base.stage !== undefined) return { kind: 'stage', stage: base.stage, by: 'name' };
  // Only stages above count; a later or own name is pulled as an image (InvalidStageReference says so).
  const named = stages.byName(base.text);
  if (named && named.key === base.text) {
    return { kind: 'invalid', stage: named.index, reason: named.index === stage.index ? 'self' : 'later' };
  }
  if (looksLikeImageReference(base.text) || isWellKnownImage(base.text)) return { kind: 'image' };
  return { kind: 'unknown' };
}

function flagTarget(raw: RawReference, model: Model, options: AnalysisOptions, stages: StageIndex): ReferenceTarget {
  const text = raw.text;
  if (text.includes('$')) return { kind: 'variable' };
  // Only COPY --from takes a stage number; mount from= looks a number up as a name.
  if (raw.kind === 'copy' && /^[0-9]+$/.test(text)) {
    const index = Number(text);
    if (index >= model.stages.length) return { kind: 'invalid', reason: 'index-out-of-range' };
    if (index >= raw.stage) return { kind: 'invalid', stage: index, reason: index === raw.stage ? 'self' : 'index-not-earlier' };
    return { kind: 'stage', stage: index, by: 'index' };
  }
  const named = stages.byName(text);
  if (named) {
    if (named.index < raw.stage) return { kind: 'stage', stage: named.index, by: 'name' };
    return { kind: 'invalid', stage: named.index, reason: named.index === raw.stage ? 'self' : 'later' };
  }
  if (text === 'scratch') return { kind: 'scratch' };
  if (options.buildContexts?.some((c) => c.toLowerCase() === text.toLowerCase())) return { kind: 'image' };
  if (looksLikeImageReference(text) || isWellKnownImage(text)) return { kind: 'image' };
  return { kind: 'unknown' };
}

/**
 * The stages whose declarations a stage sees: itself, then the stages it is built FROM. An
 * ARG-dependent base contributes every candidate; `open` is set when a base could be any stage.
 */
export function stageChain(all: Stage[], stage: number): { stages: number[]; open: boolean } {
  const stages: number[] = [];
  let open = false;
  const queue = [stage];
  while (queue.length) {
    const current = queue.shift()!;
    if (current < 0 || stages.includes(current)) continue;
    stages.push(current);
    const base = all[current]?.base;
    if (!base) continue;
    if (base.kind === 'variable') {
      for (const c of base.candidates ?? []) if (c.stage !== undefined) queue.push(c.stage);
      // `FROM ${BASE}` may name any stage with other build args, unless its value is clearly an image.
      const current = base.candidates?.find((c) => c.source !== 'pattern');
      const anyStage = !base.candidates?.some((c) => c.source === 'pattern');
      if (anyStage && !(current && current.stage === undefined && looksLikeImageReference(current.value))) open = true;
    } else if (base.stage !== undefined) {
      queue.push(base.stage);
    }
  }
  return { stages, open };
}

export function resolveUses(model: Model): VariableUse[] {
  const byScope = new Map<number, VariableDeclaration[]>();
  const declaredNames = new Set<string>();
  for (const d of model.declarations) {
    let list = byScope.get(d.scope);
    if (!list) byScope.set(d.scope, (list = []));
    list.push(d);
    declaredNames.add(d.name);
  }
  const globals = byScope.get(-1) ?? [];
  const chains = new Map<number, { stages: number[]; open: boolean }>();
  return model.uses.map((use) => {
    const { resolution, declarations } = resolveUse(use, byScope, globals, declaredNames, chains, model);
    const { offset: _offset, ...rest } = use;
    return { ...rest, resolution, declarations };
  });
}

function resolveUse(
  use: RawUse,
  byScope: Map<number, VariableDeclaration[]>,
  globals: VariableDeclaration[],
  declaredNames: Set<string>,
  chains: Map<number, { stages: number[]; open: boolean }>,
  model: Model,
): { resolution: UseResolution; declarations: VariableDeclaration[] } {
  const before = (d: VariableDeclaration) => comparePositions(d.instructionRange.end, use.range.start) < 0;
  if (use.scope === -1) {
    const found = globals.filter((d) => d.name === use.name && d.kind === 'ARG' && before(d)).reverse();
    if (found.length) return { resolution: 'declared', declarations: found };
    if (isPlatformArg(use.name) || isAlwaysPredefined(use.name)) return { resolution: 'predefined', declarations: [] };
    return { resolution: declaredNames.has(use.name) ? 'outOfScope' : 'undeclared', declarations: [] };
  }
  let chain = chains.get(use.scope);
  if (!chain) chains.set(use.scope, (chain = stageChain(model.stages, use.scope)));
  const found: VariableDeclaration[] = [];
  let setHere = false;
  for (const scope of chain.stages) {
    const own = (byScope.get(scope) ?? []).filter((d) => d.name === use.name && (scope !== use.scope || before(d)));
    found.push(...own.reverse());
    // `ENV PATH=/x:$PATH` reads the value from before the instruction: the base image's.
    if (scope === use.scope) setHere ||= (byScope.get(scope) ?? []).some((d) => d.name === use.name && sameRange(d.instructionRange, use.instructionRange));
  }
  if (found.length) {
    // A redeclared global ARG (`ARG NAME` without value) takes the global's value: link both.
    if (found.some((d) => d.kind === 'ARG')) {
      found.push(...globals.filter((d) => d.name === use.name && d.kind === 'ARG').reverse());
    }
    return { resolution: 'declared', declarations: found };
  }
  if (isAlwaysPredefined(use.name)) return { resolution: 'predefined', declarations: [] };
  const global = globals.filter((d) => d.name === use.name && d.kind === 'ARG').reverse();
  if (global.length || isPlatformArg(use.name)) return { resolution: 'globalNotRedeclared', declarations: global };
  if (setHere || chain.open || isCommonImageEnv(use.name)) return { resolution: 'undeclared', declarations: [] };
  return { resolution: declaredNames.has(use.name) ? 'outOfScope' : 'undeclared', declarations: [] };
}

export { defaultsOnly };
