import { TextEdit } from '../types';
import { quote, Rule, RuleContext } from './rule';

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
        fixes: [{ title: `Change to ${quote(stage.key!)}`, edits: [{ range: stage.nameRange, newText: stage.key! }, ...referenceEdits(context, stage.index, stage.key!)], preferred: true }],
      });
    }
  },
};

/** References by name to the stage, written in another case: they follow the name. */
function referenceEdits(context: RuleContext, stage: number, key: string): TextEdit[] {
  return context.analysis.references
    .filter((r) => r.target.kind === 'stage' && r.target.stage === stage && r.target.by === 'name' && r.text !== key && r.text.toLowerCase() === key)
    .map((r) => ({ range: r.range, newText: key }));
}
