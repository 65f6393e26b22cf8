import { InstructionInfo } from '../types';
import { isDispatched } from './dispatch';
import { quote, Rule } from './rule';

const ONCE_PER_STAGE = ['CMD', 'ENTRYPOINT', 'HEALTHCHECK'];

// Like BuildKit, the finding is on the earlier instruction: that is the one without effect. A
// stage's count starts afresh; one built FROM another stage may override the other's CMD.
export const MultipleInstructionsDisallowed: Rule = {
  id: 'MultipleInstructionsDisallowed',
  buildkit: true,
  defaultSeverity: 'warning',
  description: 'Only the last CMD, ENTRYPOINT or HEALTHCHECK of a stage takes effect.',
  check(context, report) {
    for (const stage of context.analysis.stages) {
      if (!isDispatched(context, stage.index)) continue;
      let last: Map<string, InstructionInfo> | undefined;
      for (const instruction of stage.instructions) {
        if (!ONCE_PER_STAGE.includes(instruction.keyword)) continue;
        last ??= new Map();
        const previous = last.get(instruction.keyword);
        last.set(instruction.keyword, instruction);
        if (!previous) continue;
        report({
          range: previous.keywordRange,
          message: `Only the last ${instruction.keyword} of a stage takes effect: the ${instruction.keyword} on line ${instruction.range.start.line + 1} replaces this one.`,
          tags: ['unnecessary'],
          related: [{ range: instruction.keywordRange, message: `the next ${quote(instruction.keyword)}` }],
        });
      }
    }
  },
};
