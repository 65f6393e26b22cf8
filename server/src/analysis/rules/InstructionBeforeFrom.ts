import { quote, Rule } from './rule';

// Before the first FROM only ARG (and parser directives, comments) may stand.
export const InstructionBeforeFrom: Rule = {
  id: 'InstructionBeforeFrom',
  buildkit: false,
  defaultSeverity: 'error',
  description: 'An instruction other than ARG before the first FROM: BuildKit stops with "no build stage in current context".',
  check(context, report) {
    for (const instruction of context.analysis.instructions) {
      if (instruction.stage >= 0) break;
      if (instruction.keyword === 'ARG') continue;
      report({
        range: instruction.keywordRange,
        message: `${quote(instruction.written)} before the first FROM: only ARG may come before it, BuildKit stops with "no build stage in current context".`,
      });
    }
  },
};
