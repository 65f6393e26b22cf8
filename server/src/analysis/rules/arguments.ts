// The words of an instruction's arguments, split once per analysis and shared by the rules that
// read them (UnknownFlag, InstructionArguments, MalformedKeyValue).
import { InstructionInfo } from '../types';
import { splitWords, Word } from '../words';
import { RuleContext } from './rule';

// An unchanged stage keeps its InstructionInfo objects from one analysis to the next (incremental
// analysis), but an edit above it on the same line moves its text: words carry offsets into the
// text, so they are reused only where the instruction still starts at the same offset.
const cache = new WeakMap<InstructionInfo, { start: number; escape: string; words: Word[] }>();

export function argumentWords(context: RuleContext, instruction: InstructionInfo): Word[] {
  const { index } = context;
  const start = index.offsetAt(instruction.keywordRange.end);
  const escape = context.analysis.directives.escape;
  const cached = cache.get(instruction);
  if (cached && cached.start === start && cached.escape === escape) return cached.words;
  const words = splitWords(index.text, start, index.offsetAt(instruction.range.end), escape);
  cache.set(instruction, { start, escape, words });
  return words;
}

/** The leading `--flag` words, as BuildKit reads flags on every instruction (a bare `--` ends them), and the rest. */
export function splitFlags(words: Word[]): { flags: Word[]; rest: Word[] } {
  let i = 0;
  while (i < words.length && words[i].text.startsWith('--') && words[i].text !== '--') i++;
  return { flags: words.slice(0, i), rest: words.slice(i) };
}
