// Findings that depend on one instruction's own lines and the escape character only, kept by the
// placed instruction: an instruction whose chunk neither changed nor moved is the same object in
// the next analysis (model.ts shares placed chunks), so a keystroke re-checks one stage's.
import { InstructionInfo } from '../types';
import { Report } from './rule';

/** The instruction's report from `cache`, or `check`'s, kept there; `check` may read nothing but the instruction's lines. */
export function perInstruction(cache: WeakMap<InstructionInfo, Report | null>, info: InstructionInfo, check: () => Report | null): Report | null {
  let report = cache.get(info);
  if (report === undefined) cache.set(info, (report = check()));
  return report;
}
