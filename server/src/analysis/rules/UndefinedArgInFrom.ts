import { closestNames } from '../distance';
import { quote, Rule } from './rule';
import { argToGlobalEdits, globalArgPoint } from './stageEdits';

export const UndefinedArgInFrom: Rule = {
  id: 'UndefinedArgInFrom',
  buildkit: true,
  defaultSeverity: 'warning',
  description: 'FROM uses an ARG that is not declared before the first FROM, so it expands to nothing.',
  check(context, report) {
    const { declarations, uses, stages } = context.analysis;
    const globals = declarations.filter((d) => d.scope === -1 && d.kind === 'ARG').map((d) => d.name);
    for (const use of uses) {
      // BuildKit reports `${TAG:-latest}` too: the default hides the missing declaration.
      if (use.instruction !== 'FROM') continue;
      if (use.resolution !== 'outOfScope' && use.resolution !== 'undeclared') continue;
      const inStage = declarations.find((d) => d.name === use.name && d.scope >= 0 && d.kind === 'ARG');
      const suggestions = closestNames(use.name, globals);
      let message = `FROM argument ${quote(use.name)} is not declared: FROM lines only see ARGs declared before the first FROM.`;
      if (inStage) {
        const stage = stages[inStage.scope];
        message = `FROM argument ${quote(use.name)} is declared in stage ${quote(stage.name ?? String(stage.index))} (line ${inStage.range.start.line + 1}), but FROM lines only see ARGs declared before the first FROM.`;
      } else if (suggestions.length) {
        message += ` Did you mean ${suggestions.map(quote).join(' or ')}?`;
      }
      report({
        range: use.range,
        message,
        fixes: [
          ...(inStage ? [{ title: `Move ARG ${quote(use.name)} to the global scope`, edits: argToGlobalEdits(context.analysis, use.name, inStage, globalArgPoint(context.analysis), true), preferred: true }] : []),
          ...suggestions.map((name, i) => ({ title: `Change to ${quote(name)}`, edits: [{ range: use.range, newText: name }], preferred: !inStage && i === 0 })),
        ],
        related: inStage ? [{ range: inStage.range, message: `${quote(use.name)} declared here, inside a stage` }] : undefined,
      });
    }
  },
};
