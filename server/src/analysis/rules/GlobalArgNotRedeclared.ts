import { Rule } from './rule';
import { isPlatformArg } from '../resolve';
import { globalNotRedeclaredMessage } from './UndefinedVar';
import { redeclareEdit } from './scope';
import { rangeContains } from '../text';

// Text the shell runs may set the variable itself: an assignment at the start of a command
// (`V=1`, `export V=1`, `local V`), `for V in`, `read V`. `echo V=$V` is no assignment.
function setByShell(text: string, name: string): boolean {
  const n = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const commandStart = '(?:^|[;&|(`]|\\$\\(|\\b(?:then|do|else|RUN|run)\\b)(?:\\s|\\\\)*';
  return new RegExp(`${commandStart}(?:(?:export|local|declare|readonly)\\s+(?:-\\w+\\s+)*)?(?:\\w+=\\S*\\s+)*${n}=`).test(text)
    || new RegExp(`\\bfor\\s+${n}\\s+in\\b|\\bread\\s+(?:-\\w+\\s+)*(?:\\w+\\s+)*${n}\\b|\\bexport\\s+${n}\\b`).test(text);
}

export const GlobalArgNotRedeclared: Rule = {
  id: 'GlobalArgNotRedeclared',
  buildkit: false,
  defaultSeverity: 'warning',
  description: 'A global ARG (declared before the first FROM) is used in a stage that does not redeclare it, so the shell sees it empty.',
  check(context, report) {
    for (const use of context.analysis.uses) {
      if (use.scope < 0 || use.expandedByBuildKit || use.resolution !== 'globalNotRedeclared') continue;
      // Inside `--from=${X}` nothing expands it: FromFlagVariable says so.
      if ((use.instruction === 'COPY' || use.instruction === 'RUN') && context.analysis.references.some((r) => r.kind !== 'from' && rangeContains(r.range, use.range.start))) continue;
      if (setByShell(context.index.textIn(use.instructionRange), use.name)) continue;
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
