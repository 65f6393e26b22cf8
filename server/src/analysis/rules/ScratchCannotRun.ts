// A stage built FROM scratch has an empty filesystem: a RUN or a shell-form CMD needs /bin/sh, an
// exec-form command needs its program, and only COPY/ADD can put them there (seed-003's `cat`).
import { Fix, InstructionInfo, Stage } from '../types';
import { argumentWords, splitFlags } from './arguments';
import { earlierBase } from './dispatch';
import { execFormFix, parseExecForm, plainWords } from './execForm';
import { readLogicalLine } from './logicalLine';
import { quote, Rule, RuleContext } from './rule';
import { stageLabel, trimChars } from './insights';

const RUNS = ['RUN', 'CMD', 'ENTRYPOINT'];

export const ScratchCannotRun: Rule = {
  id: 'ScratchCannotRun',
  buildkit: false,
  defaultSeverity: 'information',
  description: 'A RUN, CMD or ENTRYPOINT in a stage built FROM scratch whose program (/bin/sh for shell form) nothing copies into the stage.',
  check(context, report) {
    const { stages } = context.analysis;
    // What the stages before have put in, per stage: a stage starts from its base stage's end.
    const atEnd: (Contents | undefined)[] = [];
    for (const stage of stages) {
      const earlier = stage.base.kind === 'stage' ? earlierBase(stage) : undefined;
      const base = stage.base.kind === 'scratch' ? emptyContents() : earlier !== undefined ? atEnd[earlier] : undefined;
      if (!base) {
        atEnd.push(undefined);
        continue;
      }
      // The names are shared with the base stage until a COPY of this stage adds one.
      const contents: Contents = { ...base, ownNames: false };
      const stageHasEntrypoint = stage.instructions.some((i) => i.keyword === 'ENTRYPOINT');
      for (const info of stage.instructions) {
        if (info.keyword === 'COPY' || info.keyword === 'ADD') addCopy(context, contents, info);
        else if (info.keyword === 'SHELL') contents.shell = shellOf(context, info);
        else if (info.keyword === 'ENTRYPOINT') contents.entrypoint = true;
        // CMD only gives ENTRYPOINT its arguments when there is one.
        if (RUNS.includes(info.keyword) && !(info.keyword === 'CMD' && (contents.entrypoint || stageHasEntrypoint))) {
          checkInstruction(context, stage, contents, info, report);
        }
      }
      atEnd.push(contents);
    }
  },
};

/** What COPY/ADD have put into a scratch stage so far. */
interface Contents {
  copies: number;
  /** A copy may have brought any file (a directory, a glob, an ADD). */
  anything: boolean;
  /** Names of the files copied in. */
  names: Set<string>;
  /** Whether `names` is this stage's own set, not its base stage's. */
  ownNames: boolean;
  /** The program shell form runs; undefined when a SHELL is not plain JSON. */
  shell: string | undefined;
  entrypoint: boolean;
}

// Beyond this many copied names a stage is taken to hold anything: bounds the work on long chains.
const MAX_NAMES = 256;

function emptyContents(): Contents {
  return { copies: 0, anything: false, names: new Set(), ownNames: true, shell: '/bin/sh', entrypoint: false };
}

function checkInstruction(context: RuleContext, stage: Stage, contents: Contents, info: InstructionInfo, report: Parameters<Rule['check']>[1]): void {
  const { index } = context;
  if (info.keyword === 'RUN' && splitFlags(argumentWords(context, info)).flags.length) return; // a mount may bring the program
  const logical = readLogicalLine(index, info.range.start.line, context.analysis.directives.escape);
  const rest = logical.text.slice(info.written.length);
  const exec = parseExecForm(rest);
  const program = exec ? exec[0] : contents.shell;
  if (!program || contents.anything || contents.names.has(basename(program)) || contents.names.has('busybox')) return;
  const copies = contents.copies;
  const where = `${stageLabel(stage)} (built FROM scratch)`;
  const need = exec ? quote(program) : `${quote(program)} for its shell form`;
  const outcome = info.keyword === 'RUN' ? 'the build stops here' : 'the container cannot start';
  const fixes: Fix[] = [];
  const words = exec ? undefined : plainWords(rest);
  if (words && info.keyword !== 'RUN') fixes.push(execFormFix(index, logical, info.written.length, words));
  report({
    range: info.keywordRange,
    // With nothing copied in at all, the stage is certainly empty.
    severity: copies === 0 ? 'warning' : undefined,
    message: `${info.keyword} needs ${need}, which ${where} does not have${copies ? ' and no COPY brings in' : ''}: ${outcome}.`,
    fixes,
  });
}

/** The program a SHELL instruction makes shell form run; undefined when it is not plain JSON. */
function shellOf(context: RuleContext, shell: InstructionInfo): string | undefined {
  const logical = readLogicalLine(context.index, shell.range.start.line, context.analysis.directives.escape);
  return parseExecForm(logical.text.slice(shell.written.length))?.[0];
}

function basename(path: string): string {
  const trimmed = trimChars(path, '', '/');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/**
 * Records what a COPY/ADD may bring in: the names of its sources and destination; anything at all
 * when a source may be a directory or many files (a glob, a variable, a trailing slash, `.`, or a
 * last path part without a file extension such as `/go/bin`), or for ADD, which unpacks archives
 * (`ADD rootfs.tar.gz /`) and fetches URLs. A single file such as `/app/output.txt` brings only itself.
 */
function addCopy(context: RuleContext, contents: Contents, copy: InstructionInfo): void {
  contents.copies++;
  if (copy.keyword === 'ADD') {
    contents.anything = true;
    return;
  }
  const { rest } = splitFlags(argumentWords(context, copy));
  let words = rest.map((w) => w.text);
  if (words[0]?.startsWith('[')) {
    const logical = readLogicalLine(context.index, copy.range.start.line, context.analysis.directives.escape);
    const json = parseExecForm(logical.text.slice(logical.text.indexOf('[', copy.written.length)));
    words = json ?? [];
  }
  if (words.length < 2 || words.some((w) => w.startsWith('<<'))) {
    contents.anything = true;
    return;
  }
  const unquoted = words.map((w) => w.replace(/^["']|["']$/g, ''));
  if (contents.anything) return;
  if (!contents.ownNames) {
    contents.names = new Set(contents.names);
    contents.ownNames = true;
  }
  for (const w of unquoted) contents.names.add(basename(w));
  if (contents.names.size > MAX_NAMES) {
    contents.anything = true;
    contents.names = new Set();
  }
  if (unquoted.slice(0, -1).some((source) => /[*?[$]/.test(source) || source.endsWith('/') || source === '.' || source === '..' || !basename(source).includes('.'))) {
    contents.anything = true;
  }
}
