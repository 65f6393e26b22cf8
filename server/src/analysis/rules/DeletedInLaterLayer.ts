// Each instruction is a layer: `rm` in a later RUN hides a file but the earlier layer still holds
// it, in the image's size and for anyone who unpacks it (seed-000's obfuscation script).
import { InstructionInfo, Stage } from '../types';
import { ChunkModel } from '../model';
import { movedWords, Word } from '../words';
import { argumentWords, splitFlags } from './arguments';
import { earlierBase } from './dispatch';
import { parseExecForm } from './execForm';
import { readLogicalLine } from './logicalLine';
import { normalizedPath } from './python';
import { quote, Rule, RuleContext } from './rule';
import { Kept, perInstructionAt } from './perInstruction';
import { COMMAND_SEPARATORS, endsCommand, shippedStages, stageLabel, trimChars } from './insights';


interface Added {
  path: string;
  /** A directory, or files under it: any path below it may have been added. */
  tree: boolean;
}

export const DeletedInLaterLayer: Rule = {
  id: 'DeletedInLaterLayer',
  buildkit: false,
  defaultSeverity: 'information',
  description: 'An rm in a RUN of files that an earlier instruction of the same stage added: they stay in the earlier layer.',
  check(context, report) {
    const { stages } = context.analysis;
    const shipped = new Set(shippedStages(context));
    // The working directory each stage ends with, for the stages built FROM it: filled in file order
    // as far as a stage with removals asks (a base stage comes before the stages built FROM it).
    const finalWorkdir: (string | undefined)[] = [];
    const workdirAtEnd = (index: number): string | undefined => {
      while (finalWorkdir.length <= index) {
        const stage = stages[finalWorkdir.length];
        let workdir = startingWorkdir(stage);
        for (const info of stage.instructions) if (info.keyword === 'WORKDIR') workdir = changedWorkdir(context, info, workdir);
        finalWorkdir.push(workdir);
      }
      return finalWorkdir[index];
    };
    // Where a stage starts: `/` on scratch, where its base stage ended, else unknown (the image's).
    const startingWorkdir = (stage: Stage): string | undefined => {
      if (stage.base.kind === 'scratch') return '/';
      const base = earlierBase(stage);
      return base === undefined ? undefined : workdirAtEnd(base);
    };
    const removing = stagesWithRemovals(context);
    for (const stage of stages) {
      // Most stages remove nothing a path could name (no rm, or only globs and variables): those
      // are not read further.
      if (!removing.has(stage.index)) continue;
      const removals = new Map<InstructionInfo, Word[]>();
      for (const info of stage.instructions) {
        if (info.keyword !== 'RUN') continue;
        const words = nameableRemovals(context, info);
        if (words.length) removals.set(info, words);
      }
      if (!removals.size) continue;
      // The first instruction that added each path (exactly, or as a tree below it), and that named each word in a RUN.
      const addedFiles = new Map<string, InstructionInfo>();
      const addedTrees = new Map<string, InstructionInfo>();
      const runWords = new Map<string, InstructionInfo>();
      // RUNs are split into words only when a removal asks what earlier RUNs named.
      const runs: { info: InstructionInfo; gone: Set<number> }[] = [];
      let indexedRuns = 0;
      const namedByRun = (text: string) => {
        for (; indexedRuns < runs.length; indexedRuns++) {
          const { info, gone } = runs[indexedRuns];
          for (const w of splitFlags(argumentWords(context, info)).rest) {
            const named = unquoted(w.text);
            if (!gone.has(w.start) && !runWords.has(named)) runWords.set(named, info);
          }
        }
        return runWords.get(text);
      };
      let workdir = startingWorkdir(stage);
      for (const info of stage.instructions) {
        if (info.keyword === 'WORKDIR') {
          workdir = changedWorkdir(context, info, workdir);
        } else if (info.keyword === 'COPY' || info.keyword === 'ADD') {
          for (const a of addedBy(context, info, workdir)) {
            if (!addedFiles.has(a.path)) addedFiles.set(a.path, info);
            if (a.tree && !isSystemDirectory(a.path) && !addedTrees.has(a.path)) addedTrees.set(a.path, info);
          }
        } else if (info.keyword === 'RUN') {
          const removedHere = removals.get(info) ?? [];
          for (const removed of removedHere) {
            const path = resolve(workdir, removed.text);
            if (!path || path === '/') continue;
            // Below a copied tree, only a file (a name with an extension) is taken to come from it: a
            // `build` or `node_modules` directory there is usually made by a RUN in between.
            const file = path.slice(path.lastIndexOf('/') + 1).includes('.');
            const by = addedFiles.get(path) ?? (file ? treeAbove(addedTrees, path) : undefined) ?? namedByRun(unquoted(removed.text)) ?? namedByRun(path);
            if (!by) continue;
            report({
              range: context.index.rangeAt(removed.start, removed.end),
              severity: shipped.has(stage.index) ? undefined : 'hint',
              message: `${quote(path)} was added by the ${by.keyword} on line ${by.range.start.line + 1} of ${stageLabel(stage)}: removing it in a later RUN hides it but its layer still ${shipped.has(stage.index) ? 'ships it in the image' : 'holds it'}.`,
            });
          }
          // What this RUN removes it did not make: those words name no file it added.
          runs.push({ info, gone: new Set(removedHere.map((w) => w.start)) });
        }
      }
    }
  },
};

// A path is looked up at most this many directories up: each step copies the path, so a path of
// thousands of parts would cost quadratic time. Real trees are a few levels above their files.
const MAX_TREE_DEPTH = 32;

/** The copied tree nearest above a path, walking up its directories. */
function treeAbove(trees: Map<string, InstructionInfo>, path: string): InstructionInfo | undefined {
  let steps = 0;
  for (let cut = path.lastIndexOf('/'); cut > 0 && steps < MAX_TREE_DEPTH; cut = path.lastIndexOf('/', cut - 1), steps++) {
    const found = trees.get(path.slice(0, cut));
    if (found) return found;
  }
  return undefined;
}

/**
 * A tree copied over `/`, `/etc`, `/usr/lib`, … overlays what packages install there too: a file
 * removed below it later may well come from a package, not from the copy.
 */
function isSystemDirectory(path: string): boolean {
  const parts = path.split('/').filter(Boolean);
  return parts.length <= 1 || (parts.length === 2 && ['usr', 'etc', 'var', 'lib', 'lib64', 'opt'].includes(parts[0]));
}


function unquoted(text: string): string {
  return trimChars(text, `"'`, `"';`);
}

/** An absolute path for a path as written, or undefined when the working directory is unknown or it holds a variable or glob. */
function resolve(workdir: string | undefined, path: string): string | undefined {
  if (!nameable(path)) return undefined;
  const text = unquoted(path);
  if (text.startsWith('/')) return collapse(text);
  return workdir === undefined ? undefined : collapse(`${workdir}/${text}`);
}

function collapse(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

function addedBy(context: RuleContext, info: InstructionInfo, workdir: string | undefined): Added[] {
  const words = splitFlags(argumentWords(context, info)).rest.map((w) => unquoted(w.text));
  if (words.length < 2 || words[0].startsWith('[') || words.some((w) => w.startsWith('<<'))) return [];
  const sources = words.slice(0, -1);
  const written = words[words.length - 1];
  const destination = resolve(workdir, written);
  if (!destination) return [];
  const intoDirectory = written.endsWith('/') || written === '.' || sources.length > 1;
  if (!intoDirectory) {
    // `COPY dir /d` copies the directory's contents: a source without an extension may be one.
    const tree = sources.some((s) => s === '.' || s.endsWith('/') || !normalizedPath(s).split('/').pop()!.includes('.'));
    return [{ path: destination, tree }];
  }
  return sources.flatMap((source): Added[] => {
    const name = normalizedPath(source).split('/').pop()!;
    if (source === '.' || source.endsWith('/') || /[*?[$]/.test(source) || !name.includes('.')) return [{ path: destination, tree: true }];
    return [{ path: destination === '/' ? `/${name}` : `${destination}/${name}`, tree: false }];
  });
}

function changedWorkdir(context: RuleContext, info: InstructionInfo, workdir: string | undefined): string | undefined {
  const dir = splitFlags(argumentWords(context, info)).rest[0]?.text;
  return dir === undefined || dir.includes('$') ? undefined : resolve(workdir, dir);
}

/** A removed word that could name one path: not a glob, a variable or a home folder. */
function nameable(text: string): boolean {
  const path = unquoted(text);
  return path !== '' && !/[$*?[{~]/.test(path);
}

// By chunk, wherever it is placed: its stages (counted from its first) with a RUN that removes a
// path it names. Whether a RUN does is read from its own lines, so a keystroke reads the RUNs of
// its own chunk only, a line added above moves the rest without reading them, and the other
// stages are not walked.
const removingStagesByChunk = new WeakMap<ChunkModel, number[]>();

function stagesWithRemovals(context: RuleContext): Set<number> {
  const { model } = context;
  const removing = (instructions: readonly InstructionInfo[]) => {
    const found: number[] = [];
    for (const info of instructions) {
      if (info.keyword === 'RUN' && info.stage >= 0 && found[found.length - 1] !== info.stage && nameableRemovals(context, info).length) found.push(info.stage);
    }
    return found;
  };
  if (!model.chunks.length) return new Set(removing(model.instructions));
  const result = new Set<number>();
  for (const { chunk, placed } of model.chunks) {
    let found = removingStagesByChunk.get(chunk);
    if (!found) removingStagesByChunk.set(chunk, (found = removing(placed.parts.instructions).map((stage) => stage - placed.stageBase)));
    for (const stage of found) result.add(stage + placed.stageBase);
  }
  return result;
}

// By placed instruction (see perInstruction.ts): a keystroke reads the RUNs of its own stage only.
const removalsByInstruction = new WeakMap<InstructionInfo, Kept<Word[]>>();

/** The words of a RUN's `rm` that could each name one path; a RUN without `rm` in its text is not split into words. */
function nameableRemovals(context: RuleContext, info: InstructionInfo): Word[] {
  return perInstructionAt(removalsByInstruction, context, info, () => {
    const { index } = context;
    const text = index.text.slice(index.offsetAt(info.keywordRange.end), index.offsetAt(info.range.end));
    return text.includes('rm') ? removedBy(context, info).filter((w) => nameable(w.text)) : [];
  }, movedWords);
}

const MAX_EXEC_MISSES = 16;

/** The paths an `rm` of a RUN removes, shell or exec form. */
function removedBy(context: RuleContext, info: InstructionInfo): Word[] {
  const words = splitFlags(argumentWords(context, info)).rest;
  if (words[0]?.text.startsWith('[')) {
    const logical = readLogicalLine(context.index, info.range.start.line, context.analysis.directives.escape);
    const argv = parseExecForm(logical.text.slice(logical.text.indexOf('[', info.written.length)));
    if (!argv || argv[0] !== 'rm' && argv[0] !== '/bin/rm') return [];
    // Exec form: the paths are JSON strings; mark the word that holds each.
    // The paths come in the order of the words: the search for each goes on from the last one found.
    // A path written with escapes JSON.stringify does not use is not found; a few such are looked for.
    let next = 0;
    let misses = 0;
    return argv.slice(1).filter((a) => !a.startsWith('-')).flatMap((path) => {
      const json = JSON.stringify(path);
      let at = next;
      while (at < words.length && !words[at].text.includes(json)) at++;
      if (at === words.length) {
        if (++misses > MAX_EXEC_MISSES) next = words.length;
        return [];
      }
      next = at;
      const word = words[at];
      const start = word.start + word.text.indexOf(json) + 1;
      return [{ text: path, start, end: start + path.length }];
    });
  }
  const removed: Word[] = [];
  for (let i = 0; i < words.length; i++) {
    if (words[i].text !== 'rm' && words[i].text !== '/bin/rm') continue;
    if (i > 0 && !endsCommand(words[i - 1].text)) continue;
    for (let j = i + 1; j < words.length && !COMMAND_SEPARATORS.has(words[j].text); j++) {
      const text = words[j].text;
      if (text.startsWith('-') || text.startsWith('>') || text.startsWith('2>')) continue;
      removed.push(text.endsWith(';') ? { ...words[j], text: text.slice(0, -1), end: words[j].end - 1 } : words[j]);
      if (text.endsWith(';')) break;
    }
  }
  return removed;
}
