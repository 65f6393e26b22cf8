// Findings that depend on one instruction's own lines and the escape character only, kept by the
// placed instruction: an instruction whose chunk did not change is the same object in the next
// analysis (model.ts shares placed chunks, and moves them in place when a line is added above),
// so a keystroke re-checks one stage's.
import { InstructionInfo } from '../types';
import { RuleContext } from './rule';

/** A result kept by instruction, with where the instruction stood when it was made (a line, or a text offset). */
export interface Kept<T> {
  at: number;
  result: T;
}

/**
 * The instruction's result from `cache`, or `check`'s, kept there; `check` may read nothing but the
 * instruction's lines. A result kept while the instruction stood on another line is moved by as
 * many lines (`move`): positions the result made itself do not follow the instruction's.
 */
export function perInstruction<T>(cache: WeakMap<InstructionInfo, Kept<T>>, info: InstructionInfo, check: () => T, move: (result: T, lines: number) => T): T {
  return keptAt(cache, info, info.range.start.line, check, move);
}

/**
 * The same for a result holding offsets into the text (words). An edit earlier in the file moves
 * the text under an instruction whose chunk did not change (typing a character or a line above
 * it): its own text is the same, so the result is moved by as much (`move`), not worked out again.
 */
export function perInstructionAt<T>(cache: WeakMap<InstructionInfo, Kept<T>>, context: RuleContext, info: InstructionInfo, check: () => T, move: (result: T, by: number) => T): T {
  return keptAt(cache, info, context.index.offsetAt(info.keywordRange.end), check, move);
}

/** The kept result when the instruction still stands `at`, else the kept one moved there, else `check`'s. */
function keptAt<T>(cache: WeakMap<InstructionInfo, Kept<T>>, info: InstructionInfo, at: number, check: () => T, move: (result: T, by: number) => T): T {
  const cached = cache.get(info);
  if (cached && cached.at === at) return cached.result;
  const result = cached ? move(cached.result, at - cached.at) : check();
  cache.set(info, { at, result });
  return result;
}
