import { quote, Rule } from './rule';

// BuildKit refuses a parser directive given twice ("only one check parser directive can be used").
export const DuplicateDirective: Rule = {
  id: 'DuplicateDirective',
  buildkit: false,
  defaultSeverity: 'error',
  description: 'A parser directive (`syntax`, `escape`, `check`) appears twice at the top of the file.',
  check(context, report) {
    for (const line of context.model.directives.duplicates) {
      // On the repeated line (BuildKit points at the first one; the repeat is what to remove).
      const first = context.model.directives.lines.find((d) => d.name === line.name)!;
      report({
        range: line.range,
        related: [{ range: first.range, message: `the first ${line.name} directive` }],
        message: `Only one ${quote(line.name)} parser directive can be used: BuildKit stops. Combine check options with ';' ('# check=skip=A,B;error=true').`,
      });
    }
  },
};
