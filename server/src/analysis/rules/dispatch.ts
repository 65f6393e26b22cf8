// Which instructions BuildKit lints while dispatching stages (dockerfile2llb/convert.go), as
// opposed to while parsing: JSONArgsRecommended, LegacyKeyValueFormat, WorkdirRelativePath, ...
import { Instruction } from 'dockerfile-ast';
import { InstructionInfo, Stage } from '../types';
import { RuleContext } from './rule';

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

/** The stage instructions BuildKit dispatches, with the parser's instruction of each. */
export function dispatchedInstructions(context: RuleContext, keywords: readonly string[]): { info: InstructionInfo; parsed: Instruction }[] {
  const result: { info: InstructionInfo; parsed: Instruction }[] = [];
  context.model.instructions.forEach((info, i) => {
    if (keywords.includes(info.keyword) && isDispatched(context, info.stage)) result.push({ info, parsed: context.model.parsed[i] });
  });
  return result;
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
