import { comparePositions } from '../text';
import { Fix, InstructionInfo } from '../types';
import { baseChain, dispatchedInstructions } from './dispatch';
import { execFormFix, parseExecForm, plainWords } from './execForm';
import { readLogicalLine } from './logicalLine';
import { Rule, RuleContext } from './rule';

/**
 * A SHELL earlier in the stage, or anywhere in a stage it is built FROM: shell form is then
 * deliberate. The chain is looked at once per stage, not once per CMD (long chains stay cheap).
 */
function shellChecker(context: RuleContext): (instruction: InstructionInfo) => boolean {
  const stages = context.analysis.stages;
  const firstShell = stages.map((stage) => stage.instructions.find((i) => i.keyword === 'SHELL'));
  // A stage built FROM an earlier one inherits what that one has seen; a FROM naming a later stage
  // (an error BuildKit reports) walks its chain instead.
  const inBases: boolean[] = [];
  for (const stage of stages) {
    const base = stage.base.stage;
    inBases.push(base === undefined ? false
      : base < stage.index ? inBases[base] || firstShell[base] !== undefined
        : baseChain(stages, stage.index).slice(1).some((index) => firstShell[index] !== undefined));
  }
  return (instruction) => {
    const own = firstShell[instruction.stage];
    return inBases[instruction.stage] || (own !== undefined && comparePositions(own.range.start, instruction.range.start) < 0);
  };
}

export const JSONArgsRecommended: Rule = {
  id: 'JSONArgsRecommended',
  buildkit: true,
  defaultSeverity: 'warning',
  description: 'CMD and ENTRYPOINT in shell form run under /bin/sh -c, which does not pass signals such as SIGTERM on to the program.',
  check(context, report) {
    const { index } = context;
    const escape = context.analysis.directives.escape;
    const hasShell = shellChecker(context);
    for (const { info } of dispatchedInstructions(context, ['CMD', 'ENTRYPOINT'])) {
      const logical = readLogicalLine(index, info.range.start.line, escape);
      const keywordEnd = info.written.length;
      const rest = logical.text.slice(keywordEnd);
      if (parseExecForm(rest) || hasShell(info)) continue;
      const fixes: Fix[] = [];
      const words = plainWords(rest);
      // With a shell-form ENTRYPOINT the stage's CMD is ignored; in exec form it would become its arguments.
      const cmdInStage = info.keyword === 'ENTRYPOINT' && context.analysis.stages[info.stage].instructions.some((i) => i.keyword === 'CMD');
      if (words && !cmdInStage) fixes.push({ ...execFormFix(index, logical, keywordEnd, words), preferred: true });
      report({
        range: info.keywordRange,
        message: `${info.keyword} in shell form runs under '/bin/sh -c', which does not pass signals such as SIGTERM to the program: use the JSON exec form${words ? '' : ', a wrapper script, or a SHELL instruction if the shell is wanted'}.`,
        fixes,
      });
    }
  },
};
