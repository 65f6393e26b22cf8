import { Rule } from './rule';

// A file of ARGs (or other instructions) and no FROM has nothing to build. An empty file gets
// no finding: that is a file being started.
export const NoStage: Rule = {
  id: 'NoStage',
  buildkit: false,
  defaultSeverity: 'error',
  description: 'The file has instructions but no FROM: BuildKit stops with "dockerfile contains no stages to build".',
  check(context, report) {
    const { instructions, stages } = context.analysis;
    if (stages.length > 0 || instructions.length === 0) return;
    if (instructions.some((i) => i.keyword !== 'ARG')) return; // InstructionBeforeFrom says it there
    report({
      range: instructions[instructions.length - 1].keywordRange,
      message: "No FROM in this file: there is no stage to build. Add 'FROM image' after the global ARGs.",
    });
  },
};
