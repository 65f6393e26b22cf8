// The words of an instruction's arguments, split once per analysis and shared by the rules that
// read them (UnknownFlag, InstructionArguments, MalformedKeyValue).
import { InstructionInfo } from '../types';
import { splitWords, Word } from '../words';
import { RuleContext } from './rule';

const cache = new WeakMap<InstructionInfo, Word[]>();

export function argumentWords(context: RuleContext, instruction: InstructionInfo): Word[] {
  let words = cache.get(instruction);
  if (!words) {
    const { index } = context;
    words = splitWords(index.text, index.offsetAt(instruction.keywordRange.end), index.offsetAt(instruction.range.end), context.analysis.directives.escape);
    cache.set(instruction, words);
  }
  return words;
}

/** The leading `--flag` words, as BuildKit reads flags on every instruction (a bare `--` ends them), and the rest. */
export function splitFlags(words: Word[]): { flags: Word[]; rest: Word[] } {
  let i = 0;
  while (i < words.length && words[i].text.startsWith('--') && words[i].text !== '--') i++;
  return { flags: words.slice(0, i), rest: words.slice(i) };
}
