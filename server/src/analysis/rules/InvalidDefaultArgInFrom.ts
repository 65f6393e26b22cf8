import { isValidImageReference } from '../images';
import { globalArgValues } from '../resolve';
import { expandWord } from '../variables';
import { quote, Rule } from './rule';

// BuildKit expands FROM with the ARG defaults alone; an empty or invalid result breaks a build
// that passes no --build-arg.
export const InvalidDefaultArgInFrom: Rule = {
  id: 'InvalidDefaultArgInFrom',
  buildkit: true,
  defaultSeverity: 'warning',
  description: 'With the ARG defaults alone, FROM expands to an empty or invalid image name.',
  check(context, report) {
    const { stages, uses } = context.analysis;
    for (const stage of stages) {
      const base = stage.base;
      if (base.kind !== 'variable') continue;
      const values = globalArgValues(context.model, {}, stage.fromRange.start.line);
      const value = expandWord(base.text, (n) => values.get(n)).value;
      if (value === 'scratch' || context.stages.byName(value)?.key === value) continue;
      if (isValidImageReference(value)) continue;
      const used = uses.filter((u) => u.instruction === 'FROM' && u.scope === -1 && u.range.start.line >= base.range.start.line
        && u.range.end.line <= base.range.end.line && u.resolution === 'declared');
      if (used.length === 0) continue; // undeclared ARGs are UndefinedArgInFrom's
      const names = [...new Set(used.map((u) => u.name))];
      report({
        range: base.range,
        message: `Default value for ARG ${names.map(quote).join(', ')} makes the base image name ${value ? `${quote(value)}, which is invalid` : 'empty'}: give the ARG a default or use \`\${NAME:-default}\`.`,
      });
    }
  },
};
