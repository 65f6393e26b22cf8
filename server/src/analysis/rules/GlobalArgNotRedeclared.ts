import { Rule } from './rule';
import { isPlatformArg } from '../resolve';
import { globalNotRedeclaredMessage } from './UndefinedVar';
import { redeclareEdit } from './scope';
import { rangeContains } from '../text';

// Text the shell runs may set the variable itself: an assignment at the start of a command
// (`V=1`, `export V=1`, `local V`), `for V in`, `read V`. `echo V=$V` is no assignment.
// Fixed patterns that collect the names; no name from the file goes into a RegExp.
const ASSIGNMENTS = /(?:^|[;&|(`]|\$\(|\b(?:then|do|else|RUN|run)\b)(?:\s|\\)*(?:(?:export|local|declare|readonly)\s+(?:-\w+\s+)*)?((?:\w+=[^\s;&|(`]*\s+)*\w+)=/g;
const LOOPS_AND_READS = /\bfor\s+(\w+)\s+in\b|\bread\s+(?:-\w+\s+)*((?:\w+\s+)*\w+)\b|\bexport\s+(\w+)\b/g;

function namesSetByShell(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(ASSIGNMENTS)) for (const word of m[1].split(/\s+/)) names.add(word.split('=')[0]);
  for (const m of text.matchAll(LOOPS_AND_READS)) for (const word of (m[1] ?? m[2] ?? m[3]).split(/\s+/)) names.add(word);
  return names;
}

export const GlobalArgNotRedeclared: Rule = {
  id: 'GlobalArgNotRedeclared',
  buildkit: false,
  defaultSeverity: 'warning',
  description: 'A global ARG (declared before the first FROM) is used in a stage that does not redeclare it, so the shell sees it empty.',
  check(context, report) {
    // Per instruction: a line of many uses is read once.
    const setInInstruction = new Map<string, Set<string>>();
    for (const use of context.analysis.uses) {
      if (use.scope < 0 || use.expandedByBuildKit || use.resolution !== 'globalNotRedeclared') continue;
      // Inside `--from=${X}` nothing expands it: FromFlagVariable says so.
      if ((use.instruction === 'COPY' || use.instruction === 'RUN') && context.analysis.references.some((r) => r.kind !== 'from' && rangeContains(r.range, use.range.start))) continue;
      const key = `${use.instructionRange.start.line}:${use.instructionRange.start.character}`;
      let names = setInInstruction.get(key);
      if (!names) setInInstruction.set(key, (names = namesSetByShell(context.index.textIn(use.instructionRange))));
      if (names.has(use.name)) continue;
      report({
        range: use.range,
        message: globalNotRedeclaredMessage(context.analysis, use),
        fixes: [{
          title: `Add 'ARG ${use.name}' to this stage`,
          edits: [redeclareEdit(context.analysis, use.scope, use.name)],
          preferred: true,
        }],
        severity: isPlatformArg(use.name) && use.declarations.length === 0 ? 'warning' : undefined,
      });
    }
  },
};
