import { Word } from '../words';
import { argumentWords, splitFlags } from './arguments';
import { quote, Rule } from './rule';

// What BuildKit's parser requires of each instruction's arguments (checked with the oracle).
const AT_LEAST_ONE = new Set(['ARG', 'ENV', 'EXPOSE', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);

/** The arguments after any leading --flags, with a JSON array counted element by element. */
function argumentsOf(words: Word[]): { count: number; json: boolean } {
  const { rest } = splitFlags(words);
  const text = rest.map((w) => w.text).join(' ');
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed) && parsed.every((e) => typeof e === 'string')) return { count: parsed.length, json: true };
    } catch {
      // Not JSON: BuildKit reads it as shell form.
    }
  }
  return { count: rest.length, json: false };
}

export const InstructionArguments: Rule = {
  id: 'InstructionArguments',
  buildkit: false,
  defaultSeverity: 'error',
  scope: 'stage',
  description: 'An instruction without the arguments BuildKit requires (COPY with no destination, a bare WORKDIR, SHELL not in JSON form, ...).',
  check(context, report) {
    for (const instruction of context.analysis.instructions) {
      const { keyword } = instruction;
      if (keyword !== 'COPY' && keyword !== 'ADD' && !AT_LEAST_ONE.has(keyword)) continue;
      const words = argumentWords(context, instruction);
      const { count, json } = argumentsOf(words);
      const at = instruction.keywordRange;
      const name = quote(instruction.written);
      if ((keyword === 'COPY' || keyword === 'ADD') && count < 2) {
        report({ range: at, message: `${name} needs a source and a destination: BuildKit stops ("requires at least two arguments").` });
      } else if (AT_LEAST_ONE.has(keyword) && count === 0) {
        report({ range: at, message: `${name} needs an argument: BuildKit stops ("requires at least one argument").` });
      } else if (keyword === 'SHELL' && !json) {
        report({ range: at, message: `${name} takes its command in JSON form, e.g. 'SHELL ["/bin/bash", "-c"]': BuildKit stops otherwise.` });
      } else if (keyword === 'HEALTHCHECK' && words[0]?.text.toUpperCase() === 'NONE' && words.length > 1) {
        report({ range: at, message: "'HEALTHCHECK NONE' takes no arguments: BuildKit stops." });
      }
    }
  },
};
