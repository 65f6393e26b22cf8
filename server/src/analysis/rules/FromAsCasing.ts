import { quote, Rule } from './rule';

function casing(word: string): 'upper' | 'lower' | 'mixed' {
  if (word === word.toUpperCase()) return 'upper';
  if (word === word.toLowerCase()) return 'lower';
  return 'mixed';
}

export const FromAsCasing: Rule = {
  id: 'FromAsCasing',
  buildkit: true,
  defaultSeverity: 'warning',
  description: 'The `AS` keyword should be cased like `FROM`.',
  scope: 'stage',
  check(context, report) {
    for (const stage of context.analysis.stages) {
      if (!stage.asRange) continue;
      const from = context.index.textIn(stage.fromKeywordRange);
      const as = context.index.textIn(stage.asRange);
      const fromCase = casing(from);
      if (fromCase === 'mixed' || casing(as) === fromCase) continue;
      const wanted = fromCase === 'upper' ? 'AS' : 'as';
      report({
        range: stage.asRange,
        message: `${quote(as)} and ${quote(from)} keywords' casing do not match: write ${quote(wanted)}.`,
        fixes: [{ title: `Change to ${quote(wanted)}`, edits: [{ range: stage.asRange, newText: wanted }], preferred: true }],
      });
    }
  },
};
