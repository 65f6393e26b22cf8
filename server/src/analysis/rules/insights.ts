// What the multi-stage insight rules share: how a message names a stage, the shell's command
// separators as words, and the stages the image ships.
import { Stage } from '../types';
import { baseChain } from './dispatch';
import { quote, RuleContext } from './rule';

/** `stage 'builder'`, or `stage 2` for a stage without a name. */
export function stageLabel(stage: Stage): string {
  return stage.name ? `stage ${quote(stage.name)}` : `stage ${stage.index}`;
}

/** Words that end one shell command and start the next. */
export const COMMAND_SEPARATORS: ReadonlySet<string> = new Set(['&&', '||', ';', '|', '&']);

export function endsCommand(word: string): boolean {
  return COMMAND_SEPARATORS.has(word) || word.endsWith(';');
}

/**
 * `text` without the characters of `leading` at its start and of `trailing` at its end. A loop, not
 * a RegExp such as /[;)]+$/, which V8 runs in quadratic time on a long run of those characters.
 */
export function trimChars(text: string, leading: string, trailing: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && leading.includes(text[start])) start++;
  while (end > start && trailing.includes(text[end - 1])) end--;
  return text.slice(start, end);
}

/** A shell word without the quotes, parentheses and `;` around it: `"gcc";` is `gcc`. */
export function bareWord(word: string): string {
  return trimChars(word, `"'(`, `"';)`);
}

/** The target and the stages its FROM chain is built on: their layers are the image. Empty when the target is unknown. */
export function shippedStages(context: RuleContext): number[] {
  const { graph, stages } = context.analysis;
  return graph.target >= 0 && !graph.unknownTarget ? baseChain(stages, graph.target) : [];
}
