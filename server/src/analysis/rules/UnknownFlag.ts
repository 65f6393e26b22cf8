import { closestNames } from '../distance';
import { leadingFlags } from './arguments';
import { quote, Rule } from './rule';
import { KNOWN_INSTRUCTIONS } from './UnknownInstruction';

// The flags BuildKit v0.34 accepts per instruction (checked with the oracle); any other leading
// `--word` stops the build with "unknown flag". ONBUILD triggers are checked only when they run.
const FLAGS: Record<string, string[]> = {
  FROM: ['platform'],
  COPY: ['from', 'chown', 'chmod', 'link', 'parents', 'exclude'],
  ADD: ['chown', 'chmod', 'link', 'checksum', 'keep-git-dir', 'exclude', 'unpack'],
  RUN: ['mount', 'network', 'security', 'device'],
  HEALTHCHECK: ['interval', 'timeout', 'start-period', 'start-interval', 'retries'],
};

export const UnknownFlag: Rule = {
  id: 'UnknownFlag',
  buildkit: false,
  defaultSeverity: 'error',
  scope: 'stage',
  description: 'A `--flag` the instruction does not take: BuildKit stops with "unknown flag".',
  check(context, report) {
    const { index } = context;
    for (const instruction of context.analysis.instructions) {
      // Unknown instructions are UnknownInstruction's; ONBUILD triggers are checked when they run.
      if (instruction.keyword === 'ONBUILD' || !KNOWN_INSTRUCTIONS.has(instruction.keyword)) continue;
      const allowed = FLAGS[instruction.keyword] ?? [];
      for (const word of leadingFlags(context, instruction)) {
        const name = word.text.slice(2).split('=')[0];
        if (allowed.includes(name)) continue;
        const suggestions = closestNames(name, allowed, 1);
        const hint = instruction.keyword === 'ADD' && name === 'from'
          ? " ADD cannot copy from a stage: use 'COPY --from'."
          : suggestions.length ? ` Did you mean ${quote(`--${suggestions[0]}`)}?` : allowed.length ? ` ${instruction.keyword} takes ${allowed.map((f) => `'--${f}'`).join(', ')}.` : ` ${instruction.keyword} takes no flags.`;
        const nameRange = index.rangeAt(word.start + 2, word.start + 2 + name.length);
        report({
          range: index.rangeAt(word.start, word.start + 2 + name.length),
          message: `${quote(`--${name}`)} is no flag of ${instruction.keyword}: BuildKit stops ("unknown flag").${hint}`,
          fixes: instruction.keyword === 'ADD' && name === 'from'
            ? [{ title: 'Change ADD to COPY', edits: [{ range: instruction.keywordRange, newText: instruction.written === instruction.written.toLowerCase() ? 'copy' : 'COPY' }], preferred: true }]
            : suggestions.map((s) => ({ title: `Change to ${quote(`--${s}`)}`, edits: [{ range: nameRange, newText: s }], preferred: true })),
        });
      }
    }
  },
};
