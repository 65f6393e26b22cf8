import { closestNames } from '../distance';
import { quote, Rule } from './rule';

export const INSTRUCTIONS = [
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER',
  'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
];
export const KNOWN_INSTRUCTIONS: ReadonlySet<string> = new Set(INSTRUCTIONS);

// BuildKit stops at a word it does not know as an instruction; most often the line above lost
// its trailing backslash and this line was meant to continue it.
export const UnknownInstruction: Rule = {
  id: 'UnknownInstruction',
  buildkit: false,
  defaultSeverity: 'error',
  description: 'A line starts with a word that is no Dockerfile instruction: BuildKit stops with "unknown instruction".',
  scope: 'stage',
  check(context, report) {
    for (const instruction of context.analysis.instructions) {
      if (KNOWN_INSTRUCTIONS.has(instruction.keyword)) continue;
      const suggestions = closestNames(instruction.keyword, INSTRUCTIONS, 1);
      const previous = context.analysis.instructions[context.analysis.instructions.indexOf(instruction) - 1];
      const continued = previous && previous.range.end.line === instruction.range.start.line - 1 && ['RUN', 'CMD', 'ENTRYPOINT', 'ENV', 'LABEL'].includes(previous.keyword);
      const hint = suggestions.length
        ? ` Did you mean ${quote(suggestions[0])}?`
        : continued ? ' If this line continues the one above, end that line with a backslash.' : '';
      report({
        range: instruction.keywordRange,
        message: `Unknown instruction ${quote(instruction.written)}: BuildKit stops here.${hint}`,
        fixes: suggestions.map((name) => ({ title: `Change to ${quote(name)}`, edits: [{ range: instruction.keywordRange, newText: name }], preferred: true })),
      });
    }
  },
};
