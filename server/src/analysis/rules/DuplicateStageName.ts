import { quote, Rule } from './rule';

export const DuplicateStageName: Rule = {
  id: 'DuplicateStageName',
  buildkit: true,
  defaultSeverity: 'warning',
  description: 'Two stages share a name (compared case-insensitively): `--from`, mount `from=` and `--target` use the last stage of that name, `FROM name` the nearest one above.',
  check(context, report) {
    const first = new Map<string, number>();
    for (const stage of context.analysis.stages) {
      if (!stage.key || !stage.nameRange) continue;
      const earlier = first.get(stage.key);
      if (earlier === undefined) {
        first.set(stage.key, stage.index);
        continue;
      }
      const original = context.analysis.stages[earlier];
      report({
        range: stage.nameRange,
        message: `Duplicate stage name ${quote(stage.name!)}: stage ${earlier} (line ${original.fromRange.start.line + 1}) has it too. '--from=${stage.key}' means the last stage of that name in the file, 'FROM ${stage.key}' the nearest one above it.`,
        related: [{ range: original.nameRange!, message: `first stage named ${quote(original.name!)}` }],
      });
    }
  },
};
