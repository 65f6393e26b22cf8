// Findings that depend on one instruction's own lines and the escape character only, kept by the
// placed instruction: an instruction whose chunk neither changed nor moved is the same object in
// the next analysis (model.ts shares placed chunks), so a keystroke re-checks one stage's.
import { InstructionInfo } from '../types';
import { RuleContext } from './rule';

/** The instruction's result from `cache`, or `check`'s, kept there; `check` may read nothing but the instruction's lines. */
export function perInstruction<T>(cache: WeakMap<InstructionInfo, T>, info: InstructionInfo, check: () => T): T {
  let result = cache.get(info);
  if (result === undefined) cache.set(info, (result = check()));
  return result;
}

/**
 * The same for a result holding offsets into the text (words). An edit earlier in the file moves
 * the text under an instruction whose chunk neither changed nor moved (typing a character above
 * it): its own text is the same, so the result is moved by as much (`move`), not worked out again.
 */
export function perInstructionAt<T>(
  cache: WeakMap<InstructionInfo, { start: number; result: T }>,
  context: RuleContext,
  info: InstructionInfo,
  check: () => T,
  move: (result: T, by: number) => T,
): T {
  const start = context.index.offsetAt(info.keywordRange.end);
  const cached = cache.get(info);
  if (cached && cached.start === start) return cached.result;
  const result = cached ? move(cached.result, start - cached.start) : check();
  cache.set(info, { start, result });
  return result;
}
