// Resolves what the model's names point at, with BuildKit's rules (shared/SEMANTICS.md):
// FROM bases, COPY --from / mount from= references, and variable uses through ARG/ENV scopes.
import { Model, PlacedParts, placedChunkOf, RawReference, RawUse } from './model';
import { expandWord, scanVariables } from './variables';
import { partsMatcher } from './glob';
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

function computeGlobalArgValues(model: Model, options: AnalysisOptions, beforeLine: number): { values: Map<string, string | undefined>; lastLine: number } {
  const values = new Map<string, string | undefined>();
  let lastLine = -1;
  for (const name of PLATFORM_ARGS) values.set(name, options.buildArgs?.[name] ?? PLATFORM_DEFAULTS[name]);
  for (const d of model.declarations) {
    if (d.scope !== -1 || d.kind !== 'ARG' || d.range.start.line >= beforeLine) continue;
    lastLine = Math.max(lastLine, d.range.start.line);
    const fromUser = options.buildArgs?.[d.name];
    if (fromUser !== undefined) values.set(d.name, fromUser);
    else if (d.value !== undefined) {
      // Too long to work out (see MAX_EXPANSION): unknown, as if unset.
      const expansion = expandWord(d.value, (n) => values.get(n));
      values.set(d.name, expansion.overflow ? undefined : expansion.value);
    } else if (!values.has(d.name)) values.set(d.name, undefined);
  }
  return { values, lastLine };
}

// Per list of declarations and build args: every FROM line sees the same global ARGs (all come
// before the first FROM). Keyed by the declarations, not the model, so an edited model is no hit.
const globalValues = new WeakMap<readonly VariableDeclaration[], Map<unknown, { values: Map<string, string | undefined>; lastLine: number }>>();

/** The global ARG values before `beforeLine`; shared between callers, so not to be changed. */
export function globalArgValues(model: Model, options: AnalysisOptions, beforeLine = Infinity): Map<string, string | undefined> {
  let byArgs = globalValues.get(model.declarations);
  if (!byArgs) globalValues.set(model.declarations, (byArgs = new Map()));
  const key = options.buildArgs && Object.keys(options.buildArgs).length ? options.buildArgs : 'defaults';
  let all = byArgs.get(key);
  if (!all) byArgs.set(key, (all = computeGlobalArgValues(model, options, Infinity)));
  return beforeLine > all.lastLine ? all.values : computeGlobalArgValues(model, options, beforeLine).values;
}

function defaultsOnly(model: Model, beforeLine: number): Map<string, string | undefined> {
  return globalArgValues(model, {}, beforeLine);
}

export function resolveBases(model: Model, options: AnalysisOptions, stages: StageIndex): void {
  // Many stages write the same `FROM ${BASE}`: its expansion is worked out once.
  const expansions = new Map<Map<string, string | undefined>, Map<string, BaseExpansion>>();
  for (const stage of model.stages) {
    const base = stage.base;
    const text = base.text;
    if (text.includes('$')) {
      base.kind = 'variable';
      base.candidates = baseCandidates(model, options, stage, stages, expansions);
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

/** What a FROM's base text comes to with the global ARG values at hand. */
interface BaseExpansion {
  value: string;
  usesUserArgs: boolean;
  parts: string[];
}

function baseCandidates(model: Model, options: AnalysisOptions, stage: Stage, stages: StageIndex, expansions: Map<Map<string, string | undefined>, Map<string, BaseExpansion>>): BaseCandidate[] {
  const line = stage.fromRange.start.line;
  const values = globalArgValues(model, options, line);
  let byText = expansions.get(values);
  if (!byText) expansions.set(values, (byText = new Map()));
  let expansion = byText.get(stage.base.text);
  if (!expansion) {
    const text = stage.base.text;
    const userArgs = options.buildArgs ?? {};
    expansion = {
      value: expandWord(text, (n) => values.get(n)).value,
      usesUserArgs: scanVariables(text, 0, text.length, { escape: '\\' }).some((v) => Object.hasOwn(userArgs, v.name)),
      parts: literalParts(text),
    };
    byText.set(text, expansion);
  }
  const { value, usesUserArgs, parts } = expansion;
  const candidates: BaseCandidate[] = [];
  const named = stages.latestBefore(value, stage.index);
  candidates.push({
    value,
    stage: named && named.key === value ? named.index : undefined,
    source: usesUserArgs ? 'buildArgs' : 'default',
  });
  // Every earlier stage the pattern could name with other build args (seed-000's `${SRC_FORMAT}-code`).
  if (parts.length >= 2 && parts.some((p) => p.length > 0)) {
    const matches = partsMatcher(parts);
    for (const other of model.stages) {
      if (other.index >= stage.index || !other.key || other.key === value) continue;
      if (matches(other.key)) candidates.push({ value: other.key, stage: other.index, source: 'pattern' });
    }
  }
  return candidates;
}

/** The text around its outermost variables: `${A}-code` gives ['', '-code']. */
function literalParts(text: string): string[] {
  const variables = scanVariables(text, 0, text.length, { escape: '\\' }).sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let at = 0;
  for (const v of variables) {
    if (v.start < at) continue; // inside the previous one
    parts.push(text.slice(at, v.start));
    at = v.end;
  }
  parts.push(text.slice(at));
  return parts;
}

export function resolveReferences(model: Model, options: AnalysisOptions, stages: StageIndex): StageReference[] {
  const fromLines: StageReference[] = [];
  for (const stage of model.stages) {
    const base = stage.base;
    if (!base.text) continue;
    const target: ReferenceTarget | undefined = fromTarget(stage, stages);
    if (target) {
      fromLines.push({ kind: 'from', text: base.text, range: base.range, stage: stage.index, instructionRange: stage.fromRange, target });
    }
  }
  const result: StageReference[] = [];
  if (!model.chunks.length) {
    for (const raw of model.references) result.push({ ...raw, target: flagTarget(raw, model, options, stages) });
  } else {
    for (const { placed } of model.chunks) {
      // A reference of a chunk that did not change (moved in place or not), to the same target: the last analysis's object.
      const last = placed.resolvedReferences as StageReference[] | undefined;
      const resolved = placed.parts.references.map((raw, i) => {
        const target = flagTarget(raw, model, options, stages);
        return last?.[i] && sameTarget(last[i].target, target) ? last[i] : { ...raw, target };
      });
      placed.resolvedReferences = resolved;
      for (const reference of resolved) result.push(reference);
    }
  }
  return mergedInFileOrder(fromLines, result);
}

/** Two runs each in file order (FROM lines, the flags of the other instructions) as one: a merge, where a sort cost n log n comparisons per keystroke. */
function mergedInFileOrder(a: StageReference[], b: StageReference[]): StageReference[] {
  const merged: StageReference[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) merged.push(comparePositions(a[i].range.start, b[j].range.start) <= 0 ? a[i++] : b[j++]);
  while (i < a.length) merged.push(a[i++]);
  while (j < b.length) merged.push(b[j++]);
  return merged;
}

function sameTarget(a: ReferenceTarget, b: ReferenceTarget): boolean {
  const x = a as { kind: string; stage?: number; by?: string; reason?: string };
  const y = b as typeof x;
  return x.kind === y.kind && x.stage === y.stage && x.by === y.by && x.reason === y.reason;
}

/**
 * The ONBUILD COPY --from / mount from= of a stage, as they run: in each stage built FROM it
 * (BuildKit runs a base stage's triggers in the child). Only the stage targets matter, for the graph.
 */
export function resolveOnbuildReferences(model: Model, options: AnalysisOptions, stages: StageIndex): StageReference[] {
  const result: StageReference[] = [];
  for (const raw of model.onbuildReferences) {
    for (const child of model.stages) {
      if (child.base.stage !== raw.stage) continue;
      const inChild = { ...raw, stage: child.index };
      const target = flagTarget(inChild, model, options, stages);
      if (target.kind === 'stage') result.push({ ...inChild, target });
    }
  }
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

/** The stages whose declarations a stage sees: itself, then the stages it is built FROM (every candidate of an ARG-dependent base). */
export function stageChain(all: Stage[], stage: number): number[] {
  const stages: number[] = [];
  const seen = new Set<number>();
  const queue = [stage];
  while (queue.length) {
    const current = queue.shift()!;
    if (current < 0 || seen.has(current)) continue;
    seen.add(current);
    stages.push(current);
    const base = all[current]?.base;
    if (base?.kind === 'variable') {
      for (const c of base.candidates ?? []) if (c.stage !== undefined) queue.push(c.stage);
    } else if (base?.stage !== undefined) {
      queue.push(base.stage);
    }
  }
  return stages;
}

/**
 * Resolves every variable use through its scope chain. Declarations are indexed by stage and
 * name, and what a stage inherits is memoized, so a file of thousands of stages built one FROM
 * another stays linear.
 */
export function resolveUses(model: Model): VariableUse[] {
  const scopes = new ScopeIndex(model);
  if (!model.chunks.length) return model.uses.map((use) => resolvedUse(use, scopes));
  const result: VariableUse[] = [];
  // The first chunk holds the global ARGs, when it is no stage's: the same placed parts, the same
  // global declarations. A file that starts with its first FROM has none to change.
  const first = model.chunks[0].placed;
  const globals = first.parts.stages.length ? NO_GLOBALS : first;
  for (const { placed } of model.chunks) {
    // A use of a chunk that did not change (moved in place or not), resolved as before: the last
    // analysis's object (and list, when all are), so a keystroke leaves less to collect.
    const last = placed.resolvedUses as VariableUse[] | undefined;
    const uses = placed.parts.uses;
    // A use its own stage declares reads nothing outside the chunk but the global ARGs: with those
    // unchanged since the last resolution, it is not resolved again.
    const ownDeclared = last && placed.resolvedWithGlobals === globals ? declaredInOwnStage(placed) : undefined;
    // A new list from the first use that differs from the last analysis's.
    let changed: VariableUse[] | undefined;
    for (let i = 0; i < uses.length; i++) {
      const use = ownDeclared?.[i] ? last![i] : resolvedUse(uses[i], scopes, last?.[i]);
      if (!changed && last && use === last[i]) continue;
      changed ??= (last ?? []).slice(0, i);
      changed.push(use);
    }
    const resolved = changed ?? (last && last.length === uses.length ? last : []);
    placed.resolvedUses = resolved;
    placed.resolvedWithGlobals = globals;
    for (const use of resolved) result.push(use);
  }
  return result;
}

/** What `resolvedWithGlobals` is for a file without global ARGs. */
const NO_GLOBALS = {};

// By placed chunk: which of its uses a declaration of their own stage, above them, answers.
const ownStageUses = new WeakMap<PlacedParts, boolean[]>();

function declaredInOwnStage(placed: PlacedParts): boolean[] {
  let found = ownStageUses.get(placed);
  if (!found) {
    const byScope = chunkDeclarationsByScope(placed);
    found = placed.parts.uses.map((use) => use.scope >= 0 && (byScope.get(use.scope)?.get(use.name) ?? NONE).some((d) => isBefore(d, use)));
    ownStageUses.set(placed, found);
  }
  return found;
}

function resolvedUse(use: RawUse, scopes: ScopeIndex, last?: VariableUse): VariableUse {
  const declarations = resolveUse(use, scopes);
  const resolution = lastOutcome.resolution;
  if (last && last.resolution === resolution && sameItems(last.declarations, declarations)) return last;
  // Every field named, so every use has one shape: a spread copy of thousands of uses is slow.
  return {
    name: use.name,
    range: use.range,
    fullRange: use.fullRange,
    scope: use.scope,
    instruction: use.instruction,
    instructionRange: use.instructionRange,
    expandedByBuildKit: use.expandedByBuildKit,
    modifier: use.modifier,
    resolution,
    declarations,
  };
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

// By list of declarations (one per model): asked only when a name is found nowhere in scope.
const namesOf = new WeakMap<readonly VariableDeclaration[], Set<string>>();

/** Every name the declarations declare, in any scope. */
export function declaredNames(declarations: readonly VariableDeclaration[]): Set<string> {
  let names = namesOf.get(declarations);
  if (!names) namesOf.set(declarations, (names = new Set(declarations.map((d) => d.name))));
  return names;
}

/** scope -> name -> declarations in file order. */
function declarationsByScope(declarations: readonly VariableDeclaration[]): Map<number, Map<string, VariableDeclaration[]>> {
  const byScope = new Map<number, Map<string, VariableDeclaration[]>>();
  for (const d of declarations) {
    let names = byScope.get(d.scope);
    if (!names) byScope.set(d.scope, (names = new Map()));
    let list = names.get(d.name);
    if (!list) names.set(d.name, (list = []));
    list.push(d);
  }
  return byScope;
}

// By placed chunk, which the next analysis shares when the chunk did not change (moved in place
// or not): a keystroke then indexes the declarations of its own stage only.
const scopesByChunk = new WeakMap<PlacedParts, Map<number, Map<string, VariableDeclaration[]>>>();

function chunkDeclarationsByScope(placed: PlacedParts): Map<number, Map<string, VariableDeclaration[]>> {
  let found = scopesByChunk.get(placed);
  if (!found) scopesByChunk.set(placed, (found = declarationsByScope(placed.parts.declarations)));
  return found;
}

/** No declarations: one list shared by every use that has none, so not to be changed. */
const NONE: VariableDeclaration[] = [];

class ScopeIndex {
  /** scope -> name -> declarations in file order, when the model was built as one piece (no chunks to cache by). */
  private readonly wholeFile?: Map<number, Map<string, VariableDeclaration[]>>;
  private readonly inherited = new Map<number, Map<string, VariableDeclaration[]>>();
  private readonly openChains = new Map<number, boolean>();
  private readonly globalArgs = new Map<string, readonly VariableDeclaration[]>();
  private readonly linkedLists = new Map<VariableDeclaration, VariableDeclaration[]>();

  constructor(private readonly model: Model) {
    if (!model.chunks.length) this.wholeFile = declarationsByScope(model.declarations);
  }

  /** Whether any scope declares the name. */
  isDeclared(name: string): boolean {
    return declaredNames(this.model.declarations).has(name);
  }

  declarations(scope: number, name: string): VariableDeclaration[] {
    if (this.wholeFile) return this.wholeFile.get(scope)?.get(name) ?? NONE;
    const placed = placedChunkOf(this.model, scope);
    return (placed && chunkDeclarationsByScope(placed).get(scope)?.get(name)) ?? NONE;
  }

  /**
   * What a use resolved to its own stage's declaration `d` links: `d`, and for an ARG the global
   * ARGs of its name (a redeclared global takes the global's value). One list per declaration,
   * shared by its uses, so not to be changed.
   */
  linked(d: VariableDeclaration): VariableDeclaration[] {
    let list = this.linkedLists.get(d);
    if (!list) this.linkedLists.set(d, (list = d.kind === 'ARG' ? [d, ...this.globalArgsNearestFirst(d.name)] : [d]));
    return list;
  }

  /** The global ARGs of that name, nearest (last) first; shared between uses, so not to be changed. */
  globalArgsNearestFirst(name: string): readonly VariableDeclaration[] {
    let found = this.globalArgs.get(name);
    if (!found) this.globalArgs.set(name, (found = this.declarations(-1, name).filter((d) => d.kind === 'ARG').reverse()));
    return found;
  }

  /** The stages a stage is built FROM: its base stage, or every stage an ARG-dependent base can pick. */
  private parents(stage: number): number[] {
    const base = this.model.stages[stage]?.base;
    if (!base) return [];
    if (base.kind === 'variable') return (base.candidates ?? []).flatMap((c) => (c.stage !== undefined && c.stage < stage ? [c.stage] : []));
    return base.stage !== undefined && base.stage < stage ? [base.stage] : [];
  }

  /** The nearest declarations of `name` a stage inherits from the stages it is built FROM. */
  inheritedFrom(stage: number, name: string): VariableDeclaration[] {
    let names = this.inherited.get(stage);
    if (!names) this.inherited.set(stage, (names = new Map()));
    const known = names.get(name);
    if (known) return known;
    // Walk single-parent chains iteratively (they can be thousands long), memoizing on the way.
    const pending: number[] = [];
    let current = stage;
    let result: VariableDeclaration[] | undefined;
    for (;;) {
      const parents = this.parents(current);
      if (parents.length !== 1) {
        result = parents.flatMap((p) => {
          const own = this.declarations(p, name);
          return own.length ? [own[own.length - 1]] : this.inheritedFrom(p, name);
        });
        break;
      }
      const own = this.declarations(parents[0], name);
      if (own.length) {
        result = [own[own.length - 1]];
        break;
      }
      const cached = this.inherited.get(parents[0])?.get(name);
      if (cached) {
        result = cached;
        break;
      }
      pending.push(current);
      current = parents[0];
    }
    for (const s of [...pending, current]) {
      let map = this.inherited.get(s);
      if (!map) this.inherited.set(s, (map = new Map()));
      map.set(name, result);
    }
    return result;
  }

  /** True when a base in the stage's chain could be any stage (`FROM ${BASE}`). */
  isOpen(stage: number): boolean {
    if (this.openChains.size === 0) {
      // Parents come before their children, so one pass in file order settles every stage.
      for (const s of this.model.stages) {
        const base = s.base;
        const current = base.candidates?.find((c) => c.source !== 'pattern');
        const anyStage = base.kind === 'variable' && !base.candidates?.some((c) => c.source === 'pattern')
          && !(current && current.stage === undefined && looksLikeImageReference(current.value));
        this.openChains.set(s.index, anyStage || this.parents(s.index).some((p) => this.openChains.get(p) === true));
      }
    }
    return this.openChains.get(stage) === true;
  }
}

/** What resolveUse found besides the declarations: set by every call, read right after it (no object per use). */
const lastOutcome: { resolution: UseResolution } = { resolution: 'undeclared' };

function isBefore(d: VariableDeclaration, use: RawUse): boolean {
  return comparePositions(d.instructionRange.end, use.range.start) < 0;
}

function outcome(resolution: UseResolution, declarations: VariableDeclaration[]): VariableDeclaration[] {
  lastOutcome.resolution = resolution;
  return declarations;
}

/** The declarations a use reads, with its resolution left in `lastOutcome`. */
function resolveUse(use: RawUse, scopes: ScopeIndex): VariableDeclaration[] {
  const globals = scopes.globalArgsNearestFirst(use.name);
  if (use.scope === -1) {
    const found = globals.filter((d) => isBefore(d, use));
    if (found.length) return outcome('declared', found);
    if (isPlatformArg(use.name) || isAlwaysPredefined(use.name)) return outcome('predefined', NONE);
    return outcome(scopes.isDeclared(use.name) ? 'outOfScope' : 'undeclared', NONE);
  }
  const own = scopes.declarations(use.scope, use.name);
  let nearest = own.length - 1;
  while (nearest >= 0 && !isBefore(own[nearest], use)) nearest--;
  if (nearest >= 0) return outcome('declared', scopes.linked(own[nearest]));
  const found = scopes.inheritedFrom(use.scope, use.name);
  // A redeclared global ARG (`ARG NAME` without value) takes the global's value: link both.
  if (found.length) return outcome('declared', found.some((d) => d.kind === 'ARG') ? [...found, ...globals] : [...found]);
  if (isAlwaysPredefined(use.name)) return outcome('predefined', NONE);
  // A global `ARG PATH` not redeclared still leaves the image's own PATH in the stage.
  if ((globals.length && !isCommonImageEnv(use.name)) || isPlatformArg(use.name)) return outcome('globalNotRedeclared', [...globals]);
  // `ENV PATH=/x:$PATH` reads the value from before the instruction: the base image's.
  const setHere = own.some((d) => sameRange(d.instructionRange, use.instructionRange));
  if (setHere || isCommonImageEnv(use.name)) return outcome('undeclared', NONE);
  // Declared later in this very stage: a mistake whatever the base (`FROM ${BASE}` included).
  if (own.length) return outcome('outOfScope', NONE);
  if (scopes.isOpen(use.scope)) return outcome('undeclared', NONE);
  return outcome(scopes.isDeclared(use.name) ? 'outOfScope' : 'undeclared', NONE);
}

export { defaultsOnly };
