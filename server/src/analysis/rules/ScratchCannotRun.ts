// A stage built FROM scratch has an empty filesystem: a RUN or a shell-form CMD needs /bin/sh, an
// exec-form command needs its program, and only COPY/ADD can put them there (seed-003's `cat`).
import { comparePositions } from '../text';
import { Fix, InstructionInfo, Stage } from '../types';
import { argumentWords, splitFlags } from './arguments';
import { baseChain } from './dispatch';
import { execFormText, parseExecForm, plainWords } from './execForm';
import { logicalRange, readLogicalLine } from './logicalLine';
import { quote, Rule, RuleContext } from './rule';
import { stageLabel } from './insights';

const RUNS = ['RUN', 'CMD', 'ENTRYPOINT'];

export const ScratchCannotRun: Rule = {
  id: 'ScratchCannotRun',
  buildkit: false,
  defaultSeverity: 'information',
  description: 'A RUN, CMD or ENTRYPOINT in a stage built FROM scratch whose program (/bin/sh for shell form) nothing copies into the stage.',
  check(context, report) {
    const { stages } = context.analysis;
    for (const stage of stages) {
      const chain = baseChain(stages, stage.index);
      const root = stages[chain[chain.length - 1]];
      if (root.base.kind !== 'scratch') continue;
      const ancestors = chain.slice(1).map((i) => stages[i]);
      for (const info of stage.instructions) {
        if (!RUNS.includes(info.keyword)) continue;
        // CMD only gives ENTRYPOINT its arguments when there is one.
        if (info.keyword === 'CMD' && [stage, ...ancestors].some((s) => s.instructions.some((i) => i.keyword === 'ENTRYPOINT'))) continue;
        checkInstruction(context, stage, ancestors, info, report);
      }
    }
  },
};

function checkInstruction(context: RuleContext, stage: Stage, ancestors: Stage[], info: InstructionInfo, report: Parameters<Rule['check']>[1]): void {
  const { index } = context;
  const logical = readLogicalLine(index, info.range.start.line, context.analysis.directives.escape);
  const rest = logical.text.slice(info.written.length);
  const before = (i: InstructionInfo) => comparePositions(i.range.start, info.range.start) < 0;
  const earlier = [...ancestors.flatMap((s) => s.instructions), ...stage.instructions.filter(before)];
  if (info.keyword === 'RUN' && splitFlags(argumentWords(context, info)).flags.length) return; // a mount may bring the program
  const exec = parseExecForm(rest);
  const shell = shellOf(context, earlier);
  const program = exec ? exec[0] : shell;
  if (!program) return;
  const copies = earlier.filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD');
  if (copies.some((c) => mayProvide(context, c, program))) return;
  const where = `${stageLabel(stage)} (built FROM scratch)`;
  const need = exec ? quote(program) : `${quote(program)} for its shell form`;
  const outcome = info.keyword === 'RUN' ? 'the build stops here' : 'the container cannot start';
  const fixes: Fix[] = [];
  const words = exec ? undefined : plainWords(rest);
  if (words && info.keyword !== 'RUN') {
    const first = info.written.length + (rest.length - rest.trimStart().length);
    const text = execFormText(words);
    fixes.push({ title: `Use the exec form ${quote(text)}`, edits: [{ range: logicalRange(index, logical, first, logical.text.trimEnd().length), newText: text }] });
  }
  report({
    range: info.keywordRange,
    // With nothing copied in at all, the stage is certainly empty.
    severity: copies.length === 0 ? 'warning' : undefined,
    message: `${info.keyword} needs ${need}, which ${where} does not have${copies.length ? ' and no COPY brings in' : ''}: ${outcome}.`,
    fixes,
  });
}

/** The program shell form runs: the last SHELL's, else /bin/sh; undefined when a SHELL is not plain JSON. */
function shellOf(context: RuleContext, earlier: InstructionInfo[]): string | undefined {
  const shells = earlier.filter((i) => i.keyword === 'SHELL');
  if (!shells.length) return '/bin/sh';
  const last = shells[shells.length - 1];
  const logical = readLogicalLine(context.index, last.range.start.line, context.analysis.directives.escape);
  return parseExecForm(logical.text.slice(last.written.length))?.[0];
}

function basename(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/**
 * Could this COPY/ADD bring the program in? Yes when a word names it (source or destination), or
 * when a source may be a directory or many files: a glob, a variable, a trailing slash, `.`, or a
 * last path part without a file extension (`/go/bin`, `/app`). A single file such as
 * `/app/output.txt` cannot.
 */
function mayProvide(context: RuleContext, copy: InstructionInfo, program: string): boolean {
  // ADD unpacks local archives (`ADD rootfs.tar.gz /`) and fetches URLs: any ADD may bring anything.
  if (copy.keyword === 'ADD') return true;
  const name = basename(program);
  const { rest } = splitFlags(argumentWords(context, copy));
  let words = rest.map((w) => w.text);
  if (words[0]?.startsWith('[')) {
    const logical = readLogicalLine(context.index, copy.range.start.line, context.analysis.directives.escape);
    const json = parseExecForm(logical.text.slice(logical.text.indexOf('[', copy.written.length)));
    if (!json) return true;
    words = json;
  }
  if (words.length < 2 || words.some((w) => w.startsWith('<<'))) return true;
  const unquoted = words.map((w) => w.replace(/^["']|["']$/g, ''));
  if (unquoted.some((w) => basename(w) === name || basename(w) === 'busybox')) return true;
  return unquoted.slice(0, -1).some((source) => {
    if (/[*?[$]/.test(source) || source.endsWith('/') || source === '.' || source === '..') return true;
    return !basename(source).includes('.');
  });
}
