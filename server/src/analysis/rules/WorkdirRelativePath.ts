import { expandedInStage, PreparedWord, prepareWord, ProcessedWord } from './environment';
import { earlierBase, isDispatched } from './dispatch';
import { logicalRange, readLogicalLine } from './logicalLine';
import { movedRange, quote, Rule, RuleContext } from './rule';
import { Kept, perInstruction } from './perInstruction';
import { InstructionInfo, Range } from '../types';

// `C:\app`, `c:/app`, `\app`: absolute on a Windows base image, whose platform an offline tool cannot
// see; BuildKit then judges by the image's OS, so stay quiet rather than guess Linux.
const WINDOWS_ABSOLUTE = /^([A-Za-z]:)?[\\/]/;

interface WorkdirArgument {
  text: string;
  range: Range;
  word: PreparedWord;
}

// By placed instruction (see perInstruction.ts): the argument is read from the lines once, only
// its variables are looked up each time. It holds positions, no text offsets.
const workdirArguments = new WeakMap<InstructionInfo, Kept<WorkdirArgument | null>>();

/** The WORKDIR's argument, prepared for expansion; null when it has none. */
function workdirArgument(context: RuleContext, workdir: InstructionInfo, escape: string): WorkdirArgument | null {
  return perInstruction(workdirArguments, workdir, () => {
    const logical = readLogicalLine(context.index, workdir.range.start.line, escape);
    const text = logical.text.slice(workdir.written.length).trim();
    const start = logical.text.indexOf(text, workdir.written.length);
    return text ? { text, range: logicalRange(context.index, logical, start, start + text.length), word: prepareWord(text, escape) } : null;
  }, (argument, lines) => argument && { ...argument, range: movedRange(argument.range, lines) });
}

// By placed instruction, the expansions its own stage's lines decide (see expandedInStage): a
// keystroke expands only the WORKDIRs whose variables come from elsewhere.
const ownExpansions = new WeakMap<InstructionInfo, ProcessedWord>();

function expandedWorkdir(context: RuleContext, stage: number, workdir: InstructionInfo, argument: WorkdirArgument, escape: string): ProcessedWord {
  const kept = ownExpansions.get(workdir);
  if (kept) return kept;
  const { word, own } = expandedInStage(context, stage, workdir.range.start, escape, argument.word);
  if (own) ownExpansions.set(workdir, word);
  return word;
}

// Only the first WORKDIR counts: BuildKit stops checking once a stage, or a stage it is built FROM,
// has set one (dockerfile2llb/convert.go dispatchWorkdir), as fixing the first fixes the rest.
export const WorkdirRelativePath: Rule = {
  id: 'WorkdirRelativePath',
  buildkit: true,
  defaultSeverity: 'warning',
  description: "A relative WORKDIR with no absolute one before it depends on the base image's working directory.",
  check(context, report) {
    const { analysis } = context;
    const escape = analysis.directives.escape;
    // Whether a stage or one it is built FROM has a WORKDIR: parents come first, one pass settles all.
    const chainHasWorkdir: boolean[] = [];
    for (const stage of analysis.stages) {
      const parent = earlierBase(stage);
      const ancestorsHaveWorkdir = parent !== undefined && chainHasWorkdir[parent];
      const workdir = stage.instructions.find((i) => i.keyword === 'WORKDIR');
      chainHasWorkdir[stage.index] = ancestorsHaveWorkdir || workdir !== undefined;
      if (!isDispatched(context, stage.index) || ancestorsHaveWorkdir) continue;
      if (!workdir) continue;
      const argument = workdirArgument(context, workdir, escape);
      if (!argument) continue;
      const word = expandedWorkdir(context, stage.index, workdir, argument, escape);
      if (word.unknown.size || word.value.startsWith('/') || WINDOWS_ABSOLUTE.test(word.value)) continue;
      const { text } = argument;
      const message = word.value
        ? `Relative WORKDIR ${quote(word.value)} is resolved against the base image's working directory, which can change: start it with '/'.`
        : `WORKDIR ${quote(text)} comes out empty, as nothing sets its variables here: it stays in the base image's working directory, which can change; use an absolute path.`;
      report({ range: argument.range, message });
    }
  },
};
