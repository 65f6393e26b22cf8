// What the Python insight rules share: the official python image a stage runs on, the
// virtualenvs a stage creates, and the COPY --from instructions between stages with their paths.
import { expandWord } from '../variables';
import { InstructionInfo, Range, Stage, StageReference } from '../types';
import { Word } from '../words';
import { argumentWords, splitFlags } from './arguments';
import { baseChain } from './dispatch';
import { RuleContext } from './rule';

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
export function rootImage(stages: readonly Stage[], stage: number): string | undefined {
  const chain = baseChain(stages, stage);
  const base = stages[chain[chain.length - 1]].base;
  if (base.kind === 'image') return base.text;
  if (base.kind !== 'variable') return undefined;
  const current = base.candidates?.find((c) => c.source !== 'pattern');
  return current && current.stage === undefined && !current.value.includes('$') ? current.value : undefined;
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

/** Expands `$NAME` in a path with the values ENV and ARG give it in the stage and the stages it is built FROM. */
export function expandInStage(context: RuleContext, stage: number, text: string): string | undefined {
  if (!text.includes('$')) return text;
  const chain = new Set(baseChain(context.analysis.stages, stage));
  const values = new Map<string, string>();
  // Declarations are in file order, and a stage's ancestors come before it.
  for (const d of context.analysis.declarations) if (chain.has(d.scope) && d.value !== undefined) values.set(d.name, d.value);
  const expansion = expandWord(text, (name) => values.get(name));
  return expansion.unset.length ? undefined : expansion.value;
}

export function normalizedPath(path: string): string {
  const trimmed = path.replace(/^["']|["']$/g, '').replace(/\/+$/, '');
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
      const path = words[at]?.replace(/[;&|)]+$/, '');
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
  const byInstruction = new Map<Range, StageReference>();
  for (const r of context.analysis.references) if (r.kind === 'copy') byInstruction.set(r.instructionRange, r);
  const result: StageCopy[] = [];
  for (const info of context.analysis.instructions) {
    const reference = info.keyword === 'COPY' ? byInstruction.get(info.range) : undefined;
    if (!reference || reference.target.kind !== 'stage') continue;
    const words = splitFlags(argumentWords(context, info)).rest;
    if (words.length < 2 || words[0].text.startsWith('[') || words.some((w) => w.text.startsWith('<<'))) continue;
    result.push({ info, from: reference.target.stage, sources: words.slice(0, -1), destination: words[words.length - 1] });
  }
  return result;
}
