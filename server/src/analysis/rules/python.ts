// What the Python insight rules share: the official python image a stage runs on, the
// virtualenvs a stage creates, and the COPY --from instructions between stages with their paths.
import { expandWord } from '../variables';
import { InstructionInfo, Range, Stage, StageReference, VariableDeclaration } from '../types';
import { movedWord, movedWords, Word } from '../words';
import { argumentWords, splitFlags } from './arguments';
import { earlierBase, instructionsWith } from './dispatch';
import { RuleContext } from './rule';
import { Kept, perInstructionAt } from './perInstruction';
import { trimChars } from './insights';

export interface PythonImage {
  /** The image as the FROM chain resolves it (`python:3.11-slim`). */
  text: string;
  /** `3.11`, or undefined when the tag does not say the minor version (`python:3`, `python:latest`). */
  version?: string;
  libc: 'glibc' | 'musl';
  /** Debian release named in the tag (`buster`, `bookworm`), if any. */
  release?: string;
}

const DEBIAN_RELEASES = ['jessie', 'stretch', 'buster', 'bullseye', 'bookworm', 'trixie'];
const PYTHON_REPOSITORIES = new Set(['python', 'library/python', 'docker.io/library/python', 'docker.io/python', 'index.docker.io/library/python']);

/** The image a stage's FROM chain ends at, with ARG defaults (and build args) applied. */
export function rootImage(context: RuleContext, stage: number): string | undefined {
  const base = context.analysis.stages[rootsOf(context)[stage]].base;
  if (base.kind === 'image') return base.text;
  if (base.kind !== 'variable') return undefined;
  const current = base.candidates?.find((c) => c.source !== 'pattern');
  return current && current.stage === undefined && !current.value.includes('$') ? current.value : undefined;
}

/** Each stage's virtualenvs and pip trees, with those of the stages it is built FROM. */
interface ChainEnvironments {
  /** Virtualenvs created in the stage or a stage it is built FROM. */
  venvs: ReadonlySet<string>[];
  /** Virtualenvs and pip --prefix/--target/--root trees, likewise. */
  trees: ReadonlySet<string>[];
}

// A stage's sets hold at most this many paths, so long chains of stages cost linear time and memory.
const MAX_CHAIN_PATHS = 256;
const rootsByAnalysis = new WeakMap<object, number[]>();
const environmentsByAnalysis = new WeakMap<object, ChainEnvironments>();

/** The stage each stage's FROM chain ends at, once per analysis. */
function rootsOf(context: RuleContext): number[] {
  let roots = rootsByAnalysis.get(context.analysis);
  if (roots) return roots;
  roots = [];
  for (const stage of context.analysis.stages) {
    const base = earlierBase(stage);
    roots.push(base === undefined ? stage.index : roots[base]);
  }
  rootsByAnalysis.set(context.analysis, roots);
  return roots;
}

/**
 * Read only when a COPY needs it (most files never ask): every RUN of every stage is read then,
 * once. A stage starts from its base stage's sets and shares them when it adds nothing.
 */
function environmentsOf(context: RuleContext): ChainEnvironments {
  let environments = environmentsByAnalysis.get(context.analysis);
  if (environments) return environments;
  environments = { venvs: [], trees: [] };
  const extend = (inherited: ReadonlySet<string> | undefined, own: string[]): ReadonlySet<string> => {
    if (!own.length && inherited) return inherited;
    const set = new Set(inherited);
    for (const path of own) if (set.size < MAX_CHAIN_PATHS) set.add(path);
    return set;
  };
  for (const stage of context.analysis.stages) {
    const base = earlierBase(stage);
    const venvs = virtualenvsOf(context, stage);
    environments.venvs.push(extend(base === undefined ? undefined : environments.venvs[base], venvs));
    environments.trees.push(extend(base === undefined ? undefined : environments.trees[base], [...venvs, ...pipTreesOf(context, stage)]));
  }
  environmentsByAnalysis.set(context.analysis, environments);
  return environments;
}

/** Virtualenvs the stage or a stage it is built FROM creates. */
export function virtualenvsInChain(context: RuleContext, stage: number): ReadonlySet<string> {
  return environmentsOf(context).venvs[stage];
}

/** Virtualenvs and pip trees the stage or a stage it is built FROM creates. */
export function environmentTreesInChain(context: RuleContext, stage: number): ReadonlySet<string> {
  return environmentsOf(context).trees[stage];
}

/** The official python image's version and libc; undefined for any other image. */
export function pythonImage(text: string | undefined): PythonImage | undefined {
  if (!text || text.includes('@')) return undefined;
  const colon = text.lastIndexOf(':');
  const slash = text.lastIndexOf('/');
  const repository = (colon > slash ? text.slice(0, colon) : text).toLowerCase();
  if (!PYTHON_REPOSITORIES.has(repository)) return undefined;
  const tag = colon > slash ? text.slice(colon + 1).toLowerCase() : 'latest';
  const parts = tag.split('-');
  const version = /^[0-9]+\.[0-9]+/.exec(parts[0])?.[0];
  return {
    text,
    version,
    libc: parts.some((p) => p.startsWith('alpine')) ? 'musl' : 'glibc',
    release: parts.find((p) => DEBIAN_RELEASES.includes(p)),
  };
}

// Paths are expanded through at most this many stages of a FROM chain and this many declarations;
// past them the value is unknown. Real chains are a few stages deep.
const MAX_EXPAND_CHAIN = 64;
const MAX_EXPAND_DECLARATIONS = 4096;
const valuesOf = new WeakMap<object, { stage: number; values: Map<string, string> | undefined }>();

/** Expands `$NAME` in a path with the values ENV and ARG give it in the stage and the stages it is built FROM. */
export function expandInStage(context: RuleContext, stage: number, text: string): string | undefined {
  if (!text.includes('$')) return text;
  // Paths are asked for stage after stage: keep the last stage's values.
  let last = valuesOf.get(context.analysis);
  if (!last || last.stage !== stage) valuesOf.set(context.analysis, (last = { stage, values: valuesInChain(context, stage) }));
  const values = last.values;
  if (!values) return undefined;
  const expansion = expandWord(text, (name) => values.get(name));
  return expansion.unset.length ? undefined : expansion.value;
}

const byScopeOf = new WeakMap<object, Map<number, VariableDeclaration[]>>();

function declarationsByScope(context: RuleContext): Map<number, VariableDeclaration[]> {
  let byScope = byScopeOf.get(context.analysis);
  if (byScope) return byScope;
  byScope = new Map();
  for (const d of context.analysis.declarations) {
    const list = byScope.get(d.scope);
    if (list) list.push(d);
    else byScope.set(d.scope, [d]);
  }
  byScopeOf.set(context.analysis, byScope);
  return byScope;
}

function valuesInChain(context: RuleContext, stage: number): Map<string, string> | undefined {
  const { stages } = context.analysis;
  const chain: number[] = [];
  for (let s: number | undefined = stage; s !== undefined && s >= 0; s = earlierBase(stages[s])) {
    if (chain.length === MAX_EXPAND_CHAIN) return undefined;
    chain.push(s);
  }
  const byScope = declarationsByScope(context);
  const values = new Map<string, string>();
  let seen = 0;
  // From the root down: a stage's declarations override those of the stages it is built FROM.
  for (let k = chain.length - 1; k >= 0; k--) {
    for (const d of byScope.get(chain[k]) ?? []) {
      if (d.value === undefined) continue;
      if (++seen > MAX_EXPAND_DECLARATIONS) return undefined;
      values.set(d.name, d.value);
    }
  }
  return values;
}

export function normalizedPath(path: string): string {
  const trimmed = trimChars(path.replace(/^["']|["']$/g, ''), '', '/');
  return trimmed === '' ? '/' : trimmed.replace(/\/\.$/, '');
}

/** Where each stage creates a virtualenv: `python -m venv P`, `virtualenv P`, `uv venv P`. */
export function virtualenvsOf(context: RuleContext, stage: Stage): string[] {
  const paths: string[] = [];
  for (const info of stage.instructions) {
    if (info.keyword !== 'RUN') continue;
    const words = splitFlags(argumentWords(context, info)).rest.map((w) => w.text);
    for (let i = 0; i < words.length; i++) {
      let at = -1;
      if ((words[i] === '-m' && words[i + 1] === 'venv') || (words[i] === 'uv' && words[i + 1] === 'venv')) at = i + 2;
      else if (words[i] === 'virtualenv' || words[i].endsWith('/virtualenv')) at = i + 1;
      if (at < 0) continue;
      while (at < words.length && words[at].startsWith('-')) at++;
      const path = words[at] === undefined ? undefined : trimChars(words[at], '', ';&|)');
      if (!path) continue;
      const expanded = expandInStage(context, stage.index, path);
      if (expanded && expanded.startsWith('/')) paths.push(normalizedPath(expanded));
    }
  }
  return paths;
}

/** Trees `pip install --prefix P` / `--target P` / `--root P` writes in a stage. */
export function pipTreesOf(context: RuleContext, stage: Stage): string[] {
  const paths: string[] = [];
  for (const info of stage.instructions) {
    if (info.keyword !== 'RUN') continue;
    const words = splitFlags(argumentWords(context, info)).rest.map((w) => w.text);
    if (!words.some((w) => w === 'pip' || w === 'pip3' || w.endsWith('/pip') || w.endsWith('/pip3'))) continue;
    for (let i = 0; i < words.length; i++) {
      const [flag, inline] = words[i].split('=', 2);
      if (flag !== '--prefix' && flag !== '--target' && flag !== '-t' && flag !== '--root') continue;
      const path = inline ?? words[i + 1];
      const expanded = path && expandInStage(context, stage.index, path);
      if (expanded && expanded.startsWith('/')) paths.push(normalizedPath(expanded));
    }
  }
  return paths;
}

export interface StageCopy {
  info: InstructionInfo;
  /** The stage copied from. */
  from: number;
  sources: Word[];
  destination: Word;
}

/** Every `COPY --from=<stage> SRC... DEST` of the file, shell-form words only. */
export function copiesFromStages(context: RuleContext): StageCopy[] {
  // Three rules ask per analysis: read the COPYs once.
  let copies = copiesByAnalysis.get(context.analysis);
  if (!copies) copiesByAnalysis.set(context.analysis, (copies = readCopiesFromStages(context)));
  return copies;
}

const copiesByAnalysis = new WeakMap<object, StageCopy[]>();

function readCopiesFromStages(context: RuleContext): StageCopy[] {
  const byInstruction = new Map<Range, StageReference>();
  for (const r of context.analysis.references) if (r.kind === 'copy') byInstruction.set(r.instructionRange, r);
  const result: StageCopy[] = [];
  for (const { info } of instructionsWith(context.model, 'COPY')) {
    const reference = byInstruction.get(info.range);
    if (!reference || reference.target.kind !== 'stage') continue;
    const words = copyWords(context, info);
    if (words) result.push({ info, from: reference.target.stage, ...words });
  }
  return result;
}

// By placed instruction (see perInstruction.ts).
const copyWordsByInstruction = new WeakMap<InstructionInfo, Kept<{ sources: Word[]; destination: Word } | null>>();

/** A shell-form COPY's sources and destination; null for the exec form, heredocs or fewer than two words. */
function copyWords(context: RuleContext, info: InstructionInfo): { sources: Word[]; destination: Word } | null {
  return perInstructionAt(copyWordsByInstruction, context, info, () => {
    const words = splitFlags(argumentWords(context, info)).rest;
    return words.length < 2 || words[0].text.startsWith('[') || words.some((w) => w.text.startsWith('<<'))
      ? null
      : { sources: words.slice(0, -1), destination: words[words.length - 1] };
  }, (copy, by) => copy && { sources: movedWords(copy.sources, by), destination: movedWord(copy.destination, by) });
}
