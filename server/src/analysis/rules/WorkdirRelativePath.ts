import { environmentAt, processWord } from './environment';
import { earlierBase, isDispatched } from './dispatch';
import { logicalRange, readLogicalLine } from './logicalLine';
import { quote, Rule } from './rule';

// `C:\app`, `c:/app`, `\app`: absolute on a Windows base image, whose platform an offline tool cannot
// see; BuildKit then judges by the image's OS, so stay quiet rather than guess Linux.
const WINDOWS_ABSOLUTE = /^([A-Za-z]:)?[\\/]/;

// Only the first WORKDIR counts: BuildKit stops checking once a stage, or a stage it is built FROM,
// has set one (dockerfile2llb/convert.go dispatchWorkdir), as fixing the first fixes the rest.
export const WorkdirRelativePath: Rule = {
  id: 'WorkdirRelativePath',
  buildkit: true,
  defaultSeverity: 'warning',
  description: "A relative WORKDIR with no absolute one before it depends on the base image's working directory.",
  check(context, report) {
    const { index, analysis } = context;
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
      const logical = readLogicalLine(index, workdir.range.start.line, escape);
      const argument = logical.text.slice(workdir.written.length).trim();
      if (!argument) continue;
      const word = processWord(argument, environmentAt(context, stage.index, workdir.range.start, escape), escape);
      if (word.unknown.size || word.value.startsWith('/') || WINDOWS_ABSOLUTE.test(word.value)) continue;
      const start = logical.text.indexOf(argument, workdir.written.length);
      const range = logicalRange(index, logical, start, start + argument.length);
      const message = word.value
        ? `Relative WORKDIR ${quote(word.value)} is resolved against the base image's working directory, which can change: start it with '/'.`
        : `WORKDIR ${quote(argument)} comes out empty, as nothing sets its variables here: it stays in the base image's working directory, which can change; use an absolute path.`;
      report({ range, message });
    }
  },
};
