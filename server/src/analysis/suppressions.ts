// BuildKit also reads `# check=skip=Rule1,Rule2` (or `skip=all`) in the comments right before an
// instruction, and then skips those rules for that instruction only. Found with the oracle
// (test/oracle): the comment block between the previous instruction and this one counts, blank
// lines included; an indented comment does not; `error=true` there has no effect.
import { Model } from './model';
import { parseCheckDirective } from './directives';

const CHECK_COMMENT = /^#\s*check=(.*)$/;

// Rules BuildKit checks while parsing, before instructions keep their comments: a comment above
// an instruction does not silence them (found with the oracle).
export const PARSE_TIME_RULES = new Set(['ConsistentInstructionCasing', 'NoEmptyContinuation', 'DuplicateStageName', 'ReservedStageName', 'InvalidDefaultArgInFrom']);

export class InstructionSkips {
  /** Instruction start lines, listed at the first question; none when no comment can say `check=`. */
  private starts: number[] | undefined;
  private readonly cache = new Map<number, Set<string> | 'all' | undefined>();
  private readonly anyCheckComment: boolean;

  constructor(private readonly model: Model) {
    this.anyCheckComment = model.index.text.includes('check=');
  }

  /** True when the comments before the instruction holding `line` skip `rule`. */
  skips(rule: string, line: number): boolean {
    if (!this.anyCheckComment || PARSE_TIME_RULES.has(rule)) return false;
    const index = this.instructionAt(line);
    if (index < 0) return false;
    let skip = this.cache.get(index);
    if (!this.cache.has(index)) {
      skip = this.commentSkips(index);
      this.cache.set(index, skip);
    }
    return skip === 'all' || (skip !== undefined && skip.has(rule.toLowerCase()));
  }

  private instructionAt(line: number): number {
    const starts = (this.starts ??= this.model.instructions.map((i) => i.range.start.line));
    let low = 0;
    let high = starts.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (starts[mid] <= line) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found;
  }

  private commentSkips(index: number): Set<string> | 'all' | undefined {
    const { instructions, index: lines } = this.model;
    // The file's parser directives are no comments of the first instruction.
    const directivesEnd = this.model.directives.lines.reduce((end, d) => Math.max(end, d.range.start.line + 1), 0);
    const first = index > 0 ? instructions[index - 1].range.end.line + 1 : directivesEnd;
    // Only the first check comment of the block counts (oracle: a second one is ignored).
    for (let line = first; line < instructions[index].range.start.line; line++) {
      const match = CHECK_COMMENT.exec(lines.lineText(line));
      if (match) return parseCheckDirective(match[1]).skip;
    }
    return undefined;
  }
}
