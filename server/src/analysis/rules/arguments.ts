// The words of an instruction's arguments, split once per analysis and shared by the rules that
// read them (UnknownFlag, InstructionArguments, MalformedKeyValue).
import { InstructionInfo } from '../types';
import { movedWords, splitWords, Word } from '../words';
import { RuleContext } from './rule';
import { Kept, perInstructionAt } from './perInstruction';

// By placed instruction, kept while it starts at the same offset (see perInstruction.ts). The
// escape character needs no key of its own: an instruction belongs to a chunk modelled with one.
const cache = new WeakMap<InstructionInfo, Kept<Word[]>>();

export function argumentWords(context: RuleContext, instruction: InstructionInfo): Word[] {
  const { index } = context;
  return perInstructionAt(
    cache,
    context,
    instruction,
    () => splitWords(index.text, index.offsetAt(instruction.keywordRange.end), index.offsetAt(instruction.range.end), context.analysis.directives.escape),
    movedWords,
  );
}

/** The leading `--flag` words, as BuildKit reads flags on every instruction (a bare `--` ends them), and the rest. */
export function splitFlags(words: Word[]): { flags: Word[]; rest: Word[] } {
  let i = 0;
  while (i < words.length && words[i].text.startsWith('--') && words[i].text !== '--') i++;
  return { flags: words.slice(0, i), rest: words.slice(i) };
}

/**
 * `splitFlags(argumentWords(…)).flags`, without splitting the words of an instruction whose first
 * word cannot be a flag: it starts with its first character after the keyword's blanks, unless
 * that is the escape character (a continuation may come first).
 */
export function leadingFlags(context: RuleContext, instruction: InstructionInfo): Word[] {
  const { text } = context.index;
  let i = context.index.offsetAt(instruction.keywordRange.end);
  const end = context.index.offsetAt(instruction.range.end);
  while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
  if (i >= end || (text[i] !== '-' && text[i] !== context.analysis.directives.escape)) return [];
  return splitFlags(argumentWords(context, instruction)).flags;
}
