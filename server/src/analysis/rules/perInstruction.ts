// Findings that depend on one instruction's own lines and the escape character only, kept by the
// placed instruction: an instruction whose chunk did not change is the same object in the next
// analysis (model.ts shares placed chunks, and moves them in place when a line is added above),
// so a keystroke re-checks one stage's.
import { InstructionInfo } from '../types';
import { RuleContext } from './rule';

/**
 * The instruction's result from `cache`, or `check`'s, kept there; `check` may read nothing but the
 * instruction's lines. A result kept while the instruction stood on another line is moved by as
 * many lines (`move`): positions the result made itself do not follow the instruction's.
 */
export function perInstruction<T>(
  cache: WeakMap<InstructionInfo, { line: number; result: T }>,
  info: InstructionInfo,
  check: () => T,
  move: (result: T, lines: number) => T,
): T {
  const line = info.range.start.line;
  const cached = cache.get(info);
  if (cached && cached.line === line) return cached.result;
  const result = cached ? move(cached.result, line - cached.line) : check();
  cache.set(info, { line, result });
  return result;
}

/**
 * The same for a result holding offsets into the text (words). An edit earlier in the file moves
 * the text under an instruction whose chunk did not change (typing a character or a line above
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
