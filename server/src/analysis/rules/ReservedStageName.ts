import { quote, Rule } from './rule';

const RESERVED = new Set(['scratch', 'context']);

export const ReservedStageName: Rule = {
  id: 'ReservedStageName',
  buildkit: true,
  defaultSeverity: 'warning',
  description: 'A stage is named `scratch` or `context`, names BuildKit reserves.',
  check(context, report) {
    for (const stage of context.analysis.stages) {
      if (!stage.key || !stage.nameRange || !RESERVED.has(stage.key)) continue;
      report({
        range: stage.nameRange,
        message: `${quote(stage.name!)} is a reserved name: ${stage.key === 'scratch' ? "'scratch' means the empty image" : "'context' means the build context"}, so references to it would be ambiguous.`,
      });
    }
  },
};
