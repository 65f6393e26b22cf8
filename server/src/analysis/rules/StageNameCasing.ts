import { quote, Rule } from './rule';

export const StageNameCasing: Rule = {
  id: 'StageNameCasing',
  buildkit: true,
  defaultSeverity: 'warning',
  description: 'Stage names should be lowercase; BuildKit stores them lowercased.',
  check(context, report) {
    for (const stage of context.analysis.stages) {
      if (!stage.name || !stage.nameRange || stage.name === stage.key) continue;
      report({
        range: stage.nameRange,
        message: `Stage name ${quote(stage.name)} should be lowercase: BuildKit stores it as ${quote(stage.key!)}.`,
        fixes: [{ title: `Change to ${quote(stage.key!)}`, edits: [{ range: stage.nameRange, newText: stage.key! }], preferred: true }],
      });
    }
  },
};
