import { Rule } from './rule';

export const MalformedFrom: Rule = {
  id: 'MalformedFrom',
  buildkit: false,
  defaultSeverity: 'error',
  description: 'FROM takes an image or stage, optionally followed by `AS name`.',
  scope: 'stage',
  check(context, report) {
    context.model.fromArguments.forEach((args, index) => {
      const stage = context.analysis.stages[index];
      if (args.length === 1 || (args.length === 3 && args[1].value.toLowerCase() === 'as')) return;
      const range = args.length ? { start: args[0].range.start, end: args[args.length - 1].range.end } : stage.fromKeywordRange;
      const message = args.length === 0
        ? 'FROM needs an image or a stage name.'
        : args.length === 2 && args[1].value.toLowerCase() === 'as'
          ? 'FROM ... AS needs a stage name after AS.'
          : `FROM takes one image or stage, optionally followed by 'AS name'; BuildKit stops with "FROM requires either one or three arguments".`;
      report({ range, message });
    });
  },
};
