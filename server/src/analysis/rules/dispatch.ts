// Which instructions BuildKit lints while dispatching stages (dockerfile2llb/convert.go), as
// opposed to while parsing: JSONArgsRecommended, LegacyKeyValueFormat, WorkdirRelativePath, ...
import { Instruction } from 'dockerfile-ast';
import { InstructionInfo, Stage } from '../types';
import { RuleContext } from './rule';
import { Model, PlacedParts } from '../model';
import { comparePositions } from '../text';

/**
 * `docker build --check` without `--target` dispatches, and so lints, every stage ("no target
 * means all targets"); with a target it dispatches only the stages the target needs.
 */
export function isDispatched(context: RuleContext, stage: number): boolean {
  if (stage < 0) return false;
  const { graph } = context.analysis;
  if (!context.options.target || graph.unknownTarget) return true;
  return graph.reachable.has(stage);
}

type WithParsed = { info: InstructionInfo; parsed: Instruction };

// The instructions by keyword, with the parser's instruction of each: per placed chunk, which an
// unchanged chunk shares with the next analysis, and per model a keyword's list put together from
// the chunks' the first time a rule asks. A keystroke then lists its own chunk's instructions only,
// and the rules that read a few keywords do not each walk every instruction of the file.
const byKeyword = new WeakMap<Model, Map<string, WithParsed[]>>();
const byKeywordInChunk = new WeakMap<PlacedParts, Map<string, WithParsed[]>>();

/** The model's instructions of one keyword, with the parser's instruction of each, in file order. */
export function instructionsWith(model: Model, keyword: string): readonly WithParsed[] {
  let lists = byKeyword.get(model);
  if (!lists) byKeyword.set(model, (lists = model.chunks.length ? new Map() : listedByKeyword(model)));
  let list = lists.get(keyword);
  if (!list) {
    list = [];
    for (const { placed } of model.chunks) {
      const own = listedInChunk(placed).get(keyword);
      if (own) for (const entry of own) list.push(entry);
    }
    lists.set(keyword, list);
  }
  return list;
}

function listedInChunk(placed: PlacedParts): Map<string, WithParsed[]> {
  let found = byKeywordInChunk.get(placed);
  if (!found) byKeywordInChunk.set(placed, (found = listedByKeyword(placed.parts)));
  return found;
}

function listedByKeyword(model: Model): Map<string, WithParsed[]> {
  const found = new Map<string, WithParsed[]>();
  for (let i = 0; i < model.instructions.length; i++) {
    const info = model.instructions[i];
    let list = found.get(info.keyword);
    if (!list) found.set(info.keyword, (list = []));
    list.push({ info, parsed: model.parsed[i] });
  }
  return found;
}

/** The stage instructions BuildKit dispatches, with the parser's instruction of each, in file order. */
export function dispatchedInstructions(context: RuleContext, keywords: readonly string[]): WithParsed[] {
  const lists = keywords.map((keyword) => instructionsWith(context.model, keyword));
  const all = lists.length === 1 ? lists[0] : lists.flat().sort((a, b) => comparePositions(a.info.range.start, b.info.range.start));
  return all.filter(({ info }) => isDispatched(context, info.stage));
}

/** The parser's instruction for a model instruction. */
export function parsedInstruction(context: RuleContext, info: InstructionInfo): Instruction {
  return context.model.parsed[context.model.instructions.indexOf(info)];
}

/**
 * The stage a stage is built FROM when that one comes earlier in the file. Rules that carry facts
 * down FROM chains in one pass in file order use it; a FROM naming a later stage is an error
 * BuildKit stops at, so such a stage starts a chain of its own.
 */
export function earlierBase(stage: Stage): number | undefined {
  return stage.base.stage !== undefined && stage.base.stage < stage.index ? stage.base.stage : undefined;
}

/** The stage, then the stages it is built FROM, as the build args at hand resolve its base. */
export function baseChain(stages: readonly Stage[], stage: number): number[] {
  const chain: number[] = [];
  const seen = new Set<number>();
  for (let current: number | undefined = stage; current !== undefined && current >= 0 && !seen.has(current); current = stages[current]?.base.stage) {
    chain.push(current);
    seen.add(current);
  }
  return chain;
}
