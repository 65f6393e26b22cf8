import { quote, Rule } from './rule';

const VALID = /^[a-z][a-z0-9-_.]*$/;

export const InvalidStageName: Rule = {
  id: 'InvalidStageName',
  buildkit: false,
  defaultSeverity: 'error',
  description: 'A stage name that BuildKit refuses: it must start with a letter and hold only letters, digits, -, _ and .',
  check(context, report) {
    for (const stage of context.analysis.stages) {
      if (!stage.key || !stage.nameRange || VALID.test(stage.key) || stage.key.includes('$')) continue;
      report({
        range: stage.nameRange,
        message: `Invalid stage name ${quote(stage.name!)}: a name must start with a letter and contain only letters, digits, '-', '_' and '.'; BuildKit stops with an error.`,
      });
    }
  },
};
