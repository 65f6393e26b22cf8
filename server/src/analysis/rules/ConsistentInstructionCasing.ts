import { quote, Rule } from './rule';

// Any other word is no instruction to BuildKit (a parse error), e.g. a heredoc line the parser misread.
const INSTRUCTIONS = new Set(['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);

function isSelfConsistent(word: string): boolean {
  return word === word.toLowerCase() || word === word.toUpperCase();
}

// BuildKit counts and checks the instructions of stages only: ARGs before the first FROM take no
// part (dockerfile2llb/validations.go validateCommandCasing). A tie counts as uppercase.
export const ConsistentInstructionCasing: Rule = {
  id: 'ConsistentInstructionCasing',
  buildkit: true,
  defaultSeverity: 'warning',
  description: 'Instruction keywords should all be uppercase or all be lowercase.',
  check(context, report) {
    const { instructions } = context.analysis;
    const counted = (i: { stage: number; keyword: string }) => i.stage >= 0 && INSTRUCTIONS.has(i.keyword);
    let lower = 0;
    let upper = 0;
    for (const instruction of instructions) {
      const { written, keyword } = instruction;
      // `keyword` is `written` uppercased: most keywords are counted without a new string.
      if (written === keyword) {
        if (counted(instruction)) upper++;
      } else if (counted(instruction) && isSelfConsistent(written)) {
        if (written === written.toLowerCase()) lower++;
        else upper++;
      }
    }
    const majorityLower = lower > upper;
    const casing = majorityLower ? 'lowercase' : 'uppercase';
    for (const instruction of instructions) {
      if (!majorityLower && instruction.written === instruction.keyword) continue;
      if (!counted(instruction)) continue;
      const wanted = majorityLower ? instruction.written.toLowerCase() : instruction.written.toUpperCase();
      if (instruction.written === wanted) continue;
      report({
        range: instruction.keywordRange,
        message: `Instruction ${quote(instruction.written)} should be ${casing}, like most instructions in this file.`,
        fixes: [{ title: `Change to ${quote(wanted)}`, edits: [{ range: instruction.keywordRange, newText: wanted }], preferred: true }],
      });
    }
  },
};
