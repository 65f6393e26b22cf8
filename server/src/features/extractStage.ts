// Extract builder stage: the build steps of a stage (a selection, or the steps that install build
// tools and build, found from their commands) move to a new stage FROM the same base, inserted just
// before it; the stage keeps what it had otherwise and copies in what the steps produced
// (buildArtifacts.ts infers it). WORKDIR, ENV, ARG, USER and SHELL stay where they were and are
// carried into the new stage too, with the COPYs from the context that ran before the steps.
import * as posix from 'path/posix';
import { Analysis, Finding, Fix, InstructionInfo, Position, Range, Stage, TextEdit } from '../analysis';
import { comparePositions } from '../analysis/text';
import { splitWords } from '../analysis/words';
import { quote } from '../analysis/rules/rule';
import { asKeywordLike, freeStageName, lineBreakOf, shiftedIndexEdits, stageInsertionPoint } from '../analysis/rules/stageEdits';
import { Artifact, readStep, StepReading } from './buildArtifacts';
import type { PlannedAction } from './codeActions';
import { fixedTextIn } from './automaticFix';

/** Instructions that set up the state steps run in: both stages keep them. */
const CARRIED = new Set(['WORKDIR', 'ENV', 'ARG', 'USER', 'SHELL']);
/** Instructions that change the filesystem: they move to the builder. */
const MOVED = new Set(['RUN', 'COPY', 'ADD']);
const NODE_PROGRAMS = new Set(['node', 'npm', 'yarn', 'pnpm', 'npx']);
/** The environment the artifact inference reads; the rest of ENV is not tracked. */
const RELEVANT_ENV = new Set(['PATH', 'POETRY_VIRTUALENVS_IN_PROJECT', 'PIPENV_VENV_IN_PROJECT', 'UV_PROJECT_ENVIRONMENT']);
export const PLACEHOLDER_PATH = '/path/to/build/output';

interface StageState {
  workdir: string;
  env: Map<string, string>;
  user?: string;
}

/** Build tools in the shipped stage (BuildToolsShipped): the refactoring that moves the build out is the fix. */
export function extractBuilderFixes(analysis: Analysis, finding: Finding): Fix[] {
  if (finding.rule !== 'BuildToolsShipped') return [];
  const extract = extractBuilderStage(analysis, { start: finding.range.start, end: finding.range.start });
  return extract ? [{ title: extract.title, edits: extract.edits }] : [];
}

export function extractBuilderStage(analysis: Analysis, range: Range): PlannedAction | undefined {
  const stage = stageAt(analysis, range.start);
  if (!stage || stage.base.kind === 'scratch' || stage.instructions.length === 0) return undefined;
  const { instructions } = stage;
  const states = statesBefore(analysis, stage);
  const runtime = runtimeWords(analysis, stage);
  const binaryHint = runtime.find((w) => !w.startsWith('-')) ? posix.basename(runtime.find((w) => !w.startsWith('-'))!) : undefined;
  const inProject = { poetry: false };
  const readings: (StepReading | undefined)[] = instructions.map((instruction, n) =>
    instruction.keyword === 'RUN' ? readStep(runLines(analysis, instruction), { ...states[n], binaryHint }, inProject) : undefined);

  let first: number;
  let last: number;
  if (comparePositions(range.start, range.end) !== 0) {
    const selected = selectedInstructions(instructions, range);
    if (!selected.some((n) => MOVED.has(instructions[n].keyword))) return undefined;
    first = selected[0];
    last = selected[selected.length - 1];
  } else {
    const steps = readings.map((r, n) => (r?.role ? n : -1)).filter((n) => n >= 0);
    if (steps.length === 0) return undefined;
    first = steps[0];
    last = steps[steps.length - 1];
  }

  const eol = lineBreakOf(analysis.text);
  const offset = (p: Position) => analysis.lines.offsetAt(p);
  const lower = analysis.lines.textIn(stage.fromKeywordRange) === 'from';
  const keyword = (k: string) => (lower ? k.toLowerCase() : k);
  // A stage pinned to a platform names its builder after itself: FromPlatformFlagConstDisallowed
  // accepts a constant --platform on a stage whose name carries the platform.
  const name = freeStageName(analysis, stage.platform && stage.key ? `${stage.key}-builder` : 'builder');
  // Instructions both stages keep are copied with their fixable warnings fixed, so none repeats.
  const instructionText = (n: number) => fixedTextIn(analysis, instructions[n].range);
  // The first step takes the comment lines right above it along.
  let firstLine = instructions[first].range.start.line;
  const floor = first > 0 ? instructions[first - 1].range.end.line + 1 : stage.fromRange.end.line + 1;
  while (firstLine - 1 >= floor && analysis.lines.lineText(firstLine - 1).trimStart().startsWith('#')) firstLine--;
  /** The instruction with the comments and blank lines between it and the one before. */
  const chunk = (n: number) => analysis.text.slice(
    n === first ? analysis.lines.lineStart(firstLine) : offset(instructions[n - 1].range.end),
    offset(instructions[n].range.end));

  const builder = [`${analysis.text.slice(offset(stage.fromRange.start), offset(stage.base.range.end))} ${asKeywordLike(analysis, stage.index)} ${name}`];
  for (let n = 0; n < first; n++) {
    const k = instructions[n].keyword;
    if (CARRIED.has(k) || ((k === 'COPY' || k === 'ADD') && !instructions[n].heredocs)) builder.push(instructionText(n));
  }
  let shipped = '';
  for (let n = first; n <= last; n++) {
    const k = instructions[n].keyword;
    if (MOVED.has(k)) builder.push(chunk(n).replace(/^(?:[ \t]*\r?\n)+/, ''));
    else {
      if (CARRIED.has(k)) builder.push(instructionText(n));
      shipped += chunk(n);
    }
  }

  const artifacts = artifactsOf(analysis, stage, readings, states, first, last, runtime);
  const copies = artifacts.paths.length
    ? artifacts.paths.map((a) => `${keyword('COPY')} --from=${name} ${a.path} ${a.path}`)
    : [`${keyword('COPY')} --from=${name} ${PLACEHOLDER_PATH} ${PLACEHOLDER_PATH}`];
  const finalPath = states[instructions.length].env.get('PATH') ?? '';
  for (const venv of artifacts.paths.filter((a) => a.venv)) {
    if (!finalPath.includes(`${venv.path}/bin`)) copies.push(`${keyword('ENV')} PATH=${venv.path}/bin:$PATH`);
  }
  if (artifacts.prune) builder.push(`${keyword('RUN')} ${artifacts.prune}`);
  shipped = (shipped ? `${shipped.replace(/^(?:[ \t]*\r?\n)+/, '')}${eol}` : '') + copies.join(eol);

  const at = stageInsertionPoint(analysis, stage.index);
  const edits: TextEdit[] = [
    { range: { start: at, end: at }, newText: `${builder.join(eol)}${eol}${eol}` },
    { range: { start: { line: firstLine, character: 0 }, end: instructions[last].range.end }, newText: shipped },
    ...shiftedIndexEdits(analysis, stage.index),
  ];
  const placeholder = artifacts.paths.length ? '' : ' (nothing to copy inferred: fill in the placeholder path)';
  return { title: `Extract builder stage ${quote(name)}${placeholder}`, kind: 'refactor.extract', edits };
}

function stageAt(analysis: Analysis, position: Position): Stage | undefined {
  let found: Stage | undefined;
  for (const stage of analysis.stages) if (comparePositions(stage.fromRange.start, position) <= 0) found = stage;
  return found && position.line <= found.range.end.line ? found : undefined;
}

function overlaps(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) < 0 && comparePositions(b.start, a.end) < 0;
}

/** The instructions a selection touches, when it holds at least one whole: a selected word is no selection of steps. */
function selectedInstructions(instructions: InstructionInfo[], range: Range): number[] {
  const touched = instructions.map((_, n) => n).filter((n) => overlaps(instructions[n].range, range));
  const whole = touched.some((n) => comparePositions(range.start, instructions[n].range.start) <= 0 && comparePositions(instructions[n].range.end, range.end) <= 0);
  return whole ? touched : [];
}

/**
 * The working directory, environment and user before each instruction of the stage (and after the
 * last), starting from what its base stages leave, as BuildKit carries them across FROM.
 */
function statesBefore(analysis: Analysis, stage: Stage): StageState[] {
  const chain: Stage[] = [];
  for (let s: Stage | undefined = stage; s; ) {
    chain.push(s);
    s = s.base.kind === 'stage' && s.base.stage !== undefined && s.base.stage < s.index ? analysis.stages[s.base.stage] : undefined;
  }
  // ENV declarations by the line of their instruction, for the names the inference reads.
  const envByLine = new Map<number, { name: string; value: string }[]>();
  for (const d of analysis.declarations) {
    if (d.kind !== 'ENV' || !RELEVANT_ENV.has(d.name)) continue;
    const line = d.instructionRange.start.line;
    envByLine.set(line, [...(envByLine.get(line) ?? []), { name: d.name, value: d.value ?? '' }]);
  }
  let states: StageState[] = [{ workdir: '/', env: new Map<string, string>() }];
  for (const s of chain.reverse()) states = instructionStates(analysis, s, states[states.length - 1], envByLine);
  return states;
}

function instructionStates(analysis: Analysis, stage: Stage, start: StageState, envByLine: Map<number, { name: string; value: string }[]>): StageState[] {
  let state = start;
  const states: StageState[] = [];
  for (const instruction of stage.instructions) {
    states.push(state);
    const keyword = instruction.keyword;
    if (keyword !== 'WORKDIR' && keyword !== 'USER' && keyword !== 'ENV') continue;
    const words = keyword === 'ENV' ? [] : argumentWords(analysis, instruction);
    if (keyword === 'WORKDIR' && words[0]) {
      state = { ...state, workdir: posix.normalize(words[0].startsWith('/') ? words[0] : posix.join(state.workdir, words[0])) };
    } else if (keyword === 'USER' && words[0]) {
      state = { ...state, user: words[0].split(':')[0] };
    } else if (envByLine.has(instruction.range.start.line)) {
      // Copied only when a name the inference reads changes: a few entries at most.
      const env = new Map(state.env);
      for (const { name, value } of envByLine.get(instruction.range.start.line)!) env.set(name, value);
      state = { ...state, env };
    }
  }
  states.push(state);
  return states;
}

/** The words after the keyword, leading flags (`--mount=...`) dropped, exec-form brackets and quotes removed. */
function argumentWords(analysis: Analysis, instruction: InstructionInfo): string[] {
  const start = analysis.lines.offsetAt(instruction.keywordRange.end);
  const end = analysis.lines.offsetAt(instruction.range.end);
  return cleanWords(splitWords(analysis.text, start, end, analysis.directives.escape).map((w) => w.text));
}

function cleanWords(words: string[]): string[] {
  const cleaned = words.map((w) => w.replace(/^\[|\]$|,$/g, '').replace(/^["']|["']$/g, '')).filter(Boolean);
  let i = 0;
  while (i < cleaned.length && cleaned[i].startsWith('--')) i++;
  return cleaned.slice(i);
}

/** The command lines of a RUN: its own, then each heredoc body line. */
function runLines(analysis: Analysis, instruction: InstructionInfo): string[][] {
  const lines = [argumentWords(analysis, instruction)];
  for (const heredoc of instruction.heredocs ?? []) {
    const endLine = heredoc.delimiterLine ?? instruction.range.end.line + 1;
    for (let line = heredoc.bodyStartLine; line < endLine; line++) {
      const start = analysis.lines.lineStart(line);
      lines.push(cleanWords(splitWords(analysis.text, start, analysis.lines.lineEnd(line), analysis.directives.escape).map((w) => w.text)));
    }
  }
  return lines;
}

/** The words of the stage's last CMD or ENTRYPOINT: what the shipped image runs. */
function runtimeWords(analysis: Analysis, stage: Stage): string[] {
  const runtime = stage.instructions.filter((i) => i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT');
  return runtime.flatMap((i) => argumentWords(analysis, i));
}

function artifactsOf(analysis: Analysis, stage: Stage, readings: (StepReading | undefined)[], states: StageState[], first: number, last: number, runtime: string[]): { paths: Artifact[]; prune?: string } {
  const paths: Artifact[] = [];
  const seen = new Set<string>();
  const add = (artifact: Artifact) => {
    if (seen.has(artifact.path)) return;
    seen.add(artifact.path);
    paths.push(artifact);
  };
  let prune: string | undefined;
  // After the build output: the production dependencies it runs with.
  const nodeDependencies: Artifact[] = [];
  const runsNode = runtime.some((w) => NODE_PROGRAMS.has(posix.basename(w)));
  // A build's output dir: build/ when the stage mentions it after the steps, else dist/.
  const later = stage.instructions.slice(last + 1).map((i) => analysis.lines.textIn(i.range)).join('\n');
  for (let n = first; n <= last; n++) {
    const reading = readings[n];
    if (!reading) continue;
    reading.artifacts.forEach(add);
    const workdir = states[n].workdir;
    if (reading.nodeBuild) add({ path: posix.join(workdir, later.includes('build/') ? 'build' : 'dist') });
    if (reading.nodePackageManager && runsNode) {
      nodeDependencies.push({ path: posix.join(workdir, 'node_modules') }, { path: posix.join(workdir, 'package.json') });
      if (reading.nodePackageManager === 'npm') prune = 'npm prune --omit=dev';
      else if (reading.nodePackageManager === 'pnpm') prune = 'pnpm prune --prod';
    }
  }
  nodeDependencies.forEach(add);
  return { paths, prune };
}

/**
 * Extract stage: the instructions of a stage up to the end of the selection become a stage of
 * their own, which the stage is then built FROM. A prefix keeps its meaning exactly: ENV, WORKDIR,
 * USER and files pass through FROM; ARGs do not, so the stage keeps its ARG lines too.
 */
export function extractStage(analysis: Analysis, range: Range): PlannedAction | undefined {
  if (comparePositions(range.start, range.end) === 0) return undefined;
  const stage = stageAt(analysis, range.start);
  if (!stage || stage.platform || stage.base.kind === 'variable') return undefined;
  const selected = selectedInstructions(stage.instructions, range);
  if (selected.length === 0) return undefined;
  const last = selected[selected.length - 1];
  const prefix = stage.instructions.slice(0, last + 1);
  // ONBUILD triggers would fire in the stage built FROM the new one.
  if (prefix.some((i) => i.keyword === 'ONBUILD')) return undefined;
  const eol = lineBreakOf(analysis.text);
  const offset = (p: Position) => analysis.lines.offsetAt(p);
  const name = freeStageName(analysis, `${stage.key ?? 'stage'}-base`);
  const firstLine = stage.fromRange.end.line + 1;
  const moved = analysis.text.slice(analysis.lines.lineStart(firstLine), offset(prefix[last].range.end));
  const header = `${analysis.text.slice(offset(stage.fromRange.start), offset(stage.base.range.end))} ${asKeywordLike(analysis, stage.index)} ${name}`;
  const kept = prefix.filter((i) => i.keyword === 'ARG').map((i) => analysis.lines.textIn(i.range));
  const at = stageInsertionPoint(analysis, stage.index);
  const edits: TextEdit[] = [
    { range: { start: at, end: at }, newText: `${header}${eol}${moved}${eol}${eol}` },
    { range: stage.base.range, newText: name },
    { range: { start: { line: firstLine, character: 0 }, end: prefix[last].range.end }, newText: kept.join(eol) },
    ...shiftedIndexEdits(analysis, stage.index),
  ];
  if (!kept.length) {
    // Nothing stays of the moved lines: drop the line break after them too.
    const next = prefix[last].range.end.line + 1;
    edits[2] = { range: { start: { line: firstLine, character: 0 }, end: { line: next, character: 0 } }, newText: '' };
  }
  return { title: `Extract stage ${quote(name)} (instructions up to the selection)`, kind: 'refactor.extract', edits };
}
