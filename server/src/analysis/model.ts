// Builds the model of a parsed Dockerfile: instructions by stage, stages with their bases,
// raw stage references, ARG/ENV declarations and variable uses. Resolution is resolve.ts's job.
import { Copy, Flag, From, Instruction, Onbuild, Property, Run } from 'dockerfile-ast';
import { Chunk, movableShift, MovableShift, parseChunk, shifted, splitStages, stageStarts } from './parse';
import { chunkCache, isIncremental } from './incremental';
import { continuationEnd, LineIndex, occursBetween, replaceEscapedContinuations, skipDroppedLines } from './text';
import { ParsedDirectives, parseDirectives } from './directives';
import { ScannedVariable, scanVariables } from './variables';
import { heredocBodies } from './heredocs';
import {
  HeredocBody,
  InstructionInfo,
  Position,
  Range,
  ReferenceKind,
  Stage,
  VariableDeclaration,
  VariableScope,
} from './types';

export interface RawReference {
  kind: ReferenceKind;
  text: string;
  range: Range;
  stage: number;
  instructionRange: Range;
}

export interface RawUse {
  name: string;
  range: Range;
  fullRange: Range;
  scope: VariableScope;
  instruction: string;
  instructionRange: Range;
  expandedByBuildKit: boolean;
  modifier?: string;
}

export interface UnterminatedHeredoc {
  delimiter: string;
  /** The `<<WORD` that opens it. */
  range: Range;
}

export interface Model {
  index: LineIndex;
  directives: ParsedDirectives;
  instructions: InstructionInfo[];
  /** Heredocs whose delimiter line never comes. */
  unterminatedHeredocs: UnterminatedHeredoc[];
  /** The parser's instructions, parallel to `instructions`. */
  parsed: Instruction[];
  stages: Stage[];
  /** Raw FROM arguments per stage, for rules about the FROM line's shape. */
  fromArguments: { value: string; range: Range }[][];
  references: RawReference[];
  /** `ONBUILD COPY --from=…` / `ONBUILD RUN --mount=…,from=…`: they run in the stages built FROM this one. */
  onbuildReferences: RawReference[];
  declarations: VariableDeclaration[];
  uses: RawUse[];
  /** The stage chunks the model was put together from, in order; empty when built as one piece. */
  chunks: PlacedChunk[];
  /**
   * The models of one document, each built from the one before: a chunk placed by one of them may
   * be moved in place by the next (see `place`). A model built without a previous one starts its own.
   */
  lineage?: object;
  /** Built from by a later model, which may have moved its chunks' positions: not to be read or built from again. */
  consumed?: boolean;
}

/** A chunk's own model and how far down the file it was placed. */
export interface PlacedChunk {
  chunk: ChunkModel;
  lineDelta: number;
  /** What the chunk put into the file's model: shared with the other analyses that placed it there. */
  placed: PlacedParts;
}

// Instructions whose arguments BuildKit expands itself (rather than a shell at run time).
const EXPANDED = new Set(['ADD', 'ARG', 'COPY', 'ENV', 'EXPOSE', 'FROM', 'LABEL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);
const MOUNT_TYPES_WITH_FROM = new Set(['bind', 'cache']);

/**
 * The model of `text`. With `previous`, the model of an earlier text of the same document, the
 * chunks whose text is unchanged at either end of the file are taken from it as they are, and only
 * the lines in between are split and looked up again: a keystroke's work no longer grows with the
 * file's size there (see docs/ARCHITECTURE.md, "incremental analysis").
 */
export function buildModel(text: string, previous?: Model, onPlaced?: (chunk: ChunkModel) => void, transient = false): Model {
  // A consumed model's moved chunks stand where a later text has them.
  if (previous?.consumed) previous = undefined;
  if (!isIncremental()) {
    const index = new LineIndex(text);
    const directives = parseDirectives(index);
    const whole = buildChunkModel(text, directives.escape, false).model!;
    return { ...whole, index, directives };
  }
  const edit = previous?.chunks.length ? editOf(previous, text) : undefined;
  const index = edit ? edit.index : new LineIndex(text);
  const directives = parseDirectives(index);
  const { escape } = directives;
  const model = emptyModel(index, directives);
  model.lineage = previous?.lineage ?? {};
  // A transient model moves nothing of the previous one (see `place`), and is never built from.
  if (previous && !transient) previous.consumed = true;
  if (transient) model.consumed = true;
  const chunks: ReusedChunk[] = edit && previous!.directives.escape === escape ? editedChunks(previous!, edit, escape) : splitStages(index, escape);
  for (const chunk of chunks) {
    const local = chunk.model ?? chunkModelAt(text, index, chunk.startLine, chunk.endLine, escape);
    place(model, local, chunk.startLine, chunk.placed, transient);
    onPlaced?.(local);
  }
  // The file's lists, each made at its size from the chunks' (pushing grew them a few times per keystroke).
  const parts = model.chunks.map(({ placed }) => placed.parts);
  model.instructions = concatenated(parts.map((p) => p.instructions));
  model.parsed = concatenated(parts.map((p) => p.parsed));
  model.unterminatedHeredocs = concatenated(parts.map((p) => p.unterminatedHeredocs));
  model.fromArguments = concatenated(parts.map((p) => p.fromArguments));
  model.references = concatenated(parts.map((p) => p.references));
  model.onbuildReferences = concatenated(parts.map((p) => p.onbuildReferences));
  model.declarations = concatenated(parts.map((p) => p.declarations));
  model.uses = concatenated(parts.map((p) => p.uses));
  return model;
}

// Lists concatenated per call: a bound on the arguments, as a hostile file has 100,000 chunks.
const CONCATENATED_PER_CALL = 8192;

function concatenated<T>(lists: T[][]): T[] {
  let result: T[] = [];
  for (let i = 0; i < lists.length; i += CONCATENATED_PER_CALL) result = result.concat(...lists.slice(i, i + CONCATENATED_PER_CALL));
  return result;
}

function chunkModelAt(text: string, index: LineIndex, startLine: number, endLine: number, escape: '\\' | '`'): ChunkModel {
  const start = index.lineStart(startLine);
  const end = endLine < index.lineCount ? index.lineStart(endLine) : text.length;
  // Later chunks lose the file's escape directive; a backtick escape is given back as a first line.
  const prefixed = startLine > 0 && escape !== '\\';
  return chunkModels[escape === '`' ? 1 : 0][prefixed ? 1 : 0].get(text.slice(start, end), (ownText) => buildChunkModel(ownText, escape, prefixed));
}

/** A chunk of the text, with its model (and where the previous model placed it) when the previous model's can be taken as it is. */
type ReusedChunk = Chunk & { model?: ChunkModel; placed?: PlacedParts };

/** What an edit kept of the previous text: whole chunks at the start and at the end. */
interface Edit {
  index: LineIndex;
  /** Chunks [0, kept) of the previous model are unchanged and stay where they were. */
  kept: number;
  /** Chunks [suffix, n) are unchanged and moved `lineShift` lines. */
  suffix: number;
  lineShift: number;
}

/** Matches the previous chunks' texts against `text` from both ends, and indexes the lines of what lies between. */
function editOf(previous: Model, text: string): Edit {
  const chunks = previous.chunks;
  let matched = 0;
  let offset = 0;
  while (matched < chunks.length && textAt(text, offset, chunks[matched].chunk.text)) offset += chunks[matched++].chunk.text.length;
  // The last chunk matched may end differently now (its next FROM line edited away): it is split again.
  const kept = Math.max(0, matched - 1);
  let from = 0;
  for (let i = 0; i < kept; i++) from += chunks[i].chunk.text.length;
  let suffix = chunks.length;
  let end = text.length;
  let previousEnd = previous.index.text.length;
  while (suffix - 1 > kept) {
    const chunkText = chunks[suffix - 1].chunk.text;
    const start = end - chunkText.length;
    // The chunk must still start a line, after what is looked at again.
    if (start < from || !textAt(text, start, chunkText) || (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r')) break;
    suffix--;
    end = start;
    previousEnd -= chunkText.length;
  }
  const fromLine = kept < chunks.length ? chunks[kept].lineDelta : 0;
  const index = LineIndex.edited(previous.index, text, fromLine, previousEnd, end);
  return { index, kept, suffix, lineShift: index.lineCount - previous.index.lineCount };
}

/** Whether `part` is in `text` at `offset`: a slice compared whole (V8 compares flat strings as memory, startsWith a character at a time). */
function textAt(text: string, offset: number, part: string): boolean {
  return text.slice(offset, offset + part.length) === part;
}

/** The chunks of the edited text: kept ones and moved ones from the previous model, the rest split again. */
function editedChunks(previous: Model, edit: Edit, escape: string): ReusedChunk[] {
  const chunks = previous.chunks;
  const result: ReusedChunk[] = [];
  for (let i = 0; i < edit.kept; i++) {
    result.push({ startLine: chunks[i].lineDelta, endLine: chunks[i + 1].lineDelta, model: chunks[i].chunk, placed: chunks[i].placed });
  }
  const fromLine = edit.kept < chunks.length ? chunks[edit.kept].lineDelta : 0;
  // Where a moved chunk starts now, to the chunk it is.
  const moved = new Map<number, number>();
  for (let i = edit.suffix; i < chunks.length; i++) moved.set(chunks[i].lineDelta + edit.lineShift, i);
  const { starts, resyncedAt } = stageStarts(edit.index, escape, fromLine, (line) => moved.has(line));
  const splitEnd = resyncedAt ?? edit.index.lineCount;
  for (let i = 0; i + 1 < starts.length || (resyncedAt === undefined && i < starts.length); i++) {
    result.push({ startLine: starts[i], endLine: starts[i + 1] ?? splitEnd });
  }
  if (resyncedAt !== undefined) {
    for (let i = moved.get(resyncedAt)!; i < chunks.length; i++) {
      const start = chunks[i].lineDelta + edit.lineShift;
      result.push({ startLine: start, endLine: (chunks[i + 1]?.lineDelta ?? previous.index.lineCount) + edit.lineShift, model: chunks[i].chunk, placed: chunks[i].placed });
    }
  }
  return result;
}

function emptyModel(index: LineIndex, directives: ParsedDirectives): Model {
  return { index, directives, instructions: [], parsed: [], unterminatedHeredocs: [], stages: [], fromArguments: [], references: [], onbuildReferences: [], declarations: [], uses: [], chunks: [] };
}

/**
 * The model of one stage chunk on its own: positions and offsets count from the chunk's start,
 * stages from 0. It reads nothing outside the chunk but the escape character, so the chunk's
 * text and escape key it.
 */
export interface ChunkModel {
  /**
   * The chunk's own model, for the stage-scoped rules: let go once each has its reports (a placed
   * copy holds the same facts) and built again from `text` if a rule asks later. See `localModel`.
   */
  model?: Model;
  text: string;
  escape: '\\' | '`';
  prefixed: boolean;
  /** The parser's own objects, parallel to `model.parsed`; their lines are `rawDelta` off the chunk's. */
  raw: Instruction[];
  rawDelta: number;
  /** Reports of stage-scoped rules on this chunk alone, by rule id, filled as rules run. */
  reports: Map<string, unknown[]>;
  /** The chunk as last placed in a file: shared by every analysis that places it there (see `place`). */
  placed?: PlacedParts;
}

export interface PlacedParts {
  /** The chunk placed: what its own lines decide is kept with it, wherever it is placed. */
  chunk: ChunkModel;
  lineDelta: number;
  stageBase: number;
  /** Stages are templates: `place` copies them (and their base), as resolution writes to both. */
  parts: Model;
  /** The lineage (see Model) of the model that placed it: the next model of that lineage may move it in place. */
  owner: object;
  /** Taken by a model of another lineage too: never moved in place, as that model still reads it. */
  shared: boolean;
  /** Every position object of `parts`, once each: what moving it in place changes. */
  positions: Position[];
  /** The distance `parts.parsed` answers at. */
  shift: MovableShift;
  /** The last resolution of `parts.uses`, in order: resolve.ts hands an unchanged one out again. */
  resolvedUses?: unknown[];
  /** The placed first chunk (the global ARGs) `resolvedUses` was resolved with, or resolve.ts's token for none. */
  resolvedWithGlobals?: object;
  /** The same for `parts.references` (resolve.ts resolveReferences). */
  resolvedReferences?: unknown[];
}

// Chunk models by escape character and text. A model takes a few times the heap of its parse
// (about 20 bytes per character), so 4 M characters hold a few large Dockerfiles.
// One cache per escape character and prefix, so a chunk's own text is the key: no key is built per chunk per keystroke.
// A backslash-escaped chunk is never prefixed, so that slot stays empty.
const chunkModels = [
  [chunkCache<ChunkModel>(4 * 1024 * 1024), chunkCache<ChunkModel>(1)],
  [chunkCache<ChunkModel>(1024 * 1024), chunkCache<ChunkModel>(3 * 1024 * 1024)],
];

function buildChunkModel(text: string, escape: '\\' | '`', prefixed: boolean): ChunkModel {
  const index = new LineIndex(text);
  const rawDelta = prefixed ? -1 : 0;
  const rawOf = new Map<Instruction, Instruction>();
  const local = parseChunk(withoutEscapedContinuations(text, escape), escape, prefixed).map((raw) => {
    const instruction = shifted(raw, rawDelta);
    rawOf.set(instruction, raw);
    return instruction;
  });
  const model = emptyModel(index, { escape, check: { skip: new Set(), error: false }, lines: [], duplicates: [] });
  const parsed = withHeredocBodies(local, index, escape, model.unterminatedHeredocs);
  model.parsed = parsed.map((p) => p.instruction);
  let stage = -1;
  for (const { instruction, range, heredocs } of parsed) {
    const keyword = instruction.getKeyword().toUpperCase();
    if (keyword === 'FROM') stage++;
    const info: InstructionInfo = {
      keyword,
      written: instruction.getInstruction(),
      range,
      keywordRange: instruction.getInstructionRange(),
      stage,
    };
    if (heredocs) info.heredocs = heredocs;
    model.instructions.push(info);
    if (keyword === 'FROM') addStage(model, instruction as From, info);
    else if (stage >= 0) model.stages[stage].instructions.push(info);
    if (keyword === 'ARG' || keyword === 'ENV') addDeclarations(model, instruction, info);
    if (keyword === 'COPY') addCopyReference(model.references, instruction as Copy, info);
    if (keyword === 'RUN') addMountReferences(model.references, instruction as Run, info);
    if (keyword === 'ONBUILD') addOnbuildReferences(model, instruction as Onbuild, info);
    addUses(model, instruction, info);
  }
  for (const s of model.stages) {
    const last = s.instructions[s.instructions.length - 1];
    s.range = { start: s.fromRange.start, end: last ? last.range.end : s.fromRange.end };
  }
  return { model, text, escape, prefixed, raw: model.parsed.map((p) => rawOf.get(p)!), rawDelta, reports: new Map() };
}

/**
 * Places a chunk in the file's model: lines move by `lineDelta`, stage numbers by the stages
 * before it. Stages are fresh copies each time (resolution sets fields on them); everything else
 * is placed once per position and shared by the analyses that find the chunk there again, so a
 * keystroke that keeps the line count copies nothing but stages. `previous`, where the previous
 * model of the document placed the chunk, is taken as it is when the chunk has not moved, and
 * moved in place when the chunk moved by lines only and no other lineage holds it (not by a
 * transient model, which changes nothing it did not make). buildModel then puts the file's other
 * lists together from the placed chunks'.
 */
function place(model: Model, chunk: ChunkModel, lineDelta: number, previous?: PlacedParts, transient = false): void {
  const stageBase = model.stages.length;
  const lineage = model.lineage!;
  let placed: PlacedParts | undefined;
  if (previous && previous.stageBase === stageBase) {
    if (previous.lineDelta === lineDelta) placed = previous;
    else if (!transient && previous.owner === lineage && !previous.shared) placed = movedInPlace(previous, lineDelta);
  }
  if (!placed) {
    placed = chunk.placed;
    if (!placed || placed.lineDelta !== lineDelta || placed.stageBase !== stageBase) placed = placedParts(chunk, lineDelta, stageBase, lineage);
  }
  if (placed.owner !== lineage && !transient) placed.shared = true;
  chunk.placed = placed;
  model.chunks.push({ chunk, lineDelta, placed });
  // The other lists are put together once all chunks are placed (buildModel).
  for (const s of placed.parts.stages) model.stages.push({ ...s, base: { ...s.base } });
}

/**
 * The placed chunk that holds `stage` (-1: the first chunk, which holds the global ARGs), or
 * undefined when the model was built as one piece. Stage n is the (n+1)-th chunk's as a rule (the
 * n-th's when the file starts with a FROM), one stage per chunk; otherwise it is found by the
 * chunks' first stages.
 */
export function placedChunkOf(model: Model, stage: number): PlacedParts | undefined {
  const chunks = model.chunks;
  if (stage < 0) return chunks[0]?.placed;
  // One chunk per stage, after the global ARGs' when there are any.
  const guess = chunks[stage + 1]?.placed;
  if (guess && holdsStage(guess, stage)) return guess;
  const other = chunks[stage]?.placed;
  if (other && holdsStage(other, stage)) return other;
  let low = 0;
  let high = chunks.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (chunks[mid].placed.stageBase <= stage) low = mid;
    else high = mid - 1;
  }
  const found = chunks[low]?.placed;
  return found && holdsStage(found, stage) ? found : undefined;
}

function holdsStage(placed: PlacedParts, stage: number): boolean {
  return placed.stageBase <= stage && stage < placed.stageBase + placed.parts.stages.length;
}

/** The chunk's own model: positions from its first line, stages from 0. */
export function localModel(chunk: ChunkModel): Model {
  let model = chunk.model;
  if (!model) chunk.model = model = buildChunkModel(chunk.text, chunk.escape, chunk.prefixed).model!;
  return model;
}

/** Lets the chunk's own model go once every rule in `ruleIds` has its reports: the placed parts then hold all that is needed. */
export function releaseLocalModel(chunk: ChunkModel, ruleIds: readonly string[]): void {
  if (chunk.model && chunk.placed && ruleIds.every((id) => chunk.reports.has(id))) chunk.model = undefined;
}

// Positions looked for among a line's placed ones: a scan, so bounded (an ordinary line has a few).
const POSITIONS_SHARED_PER_LINE = 16;

/**
 * The chunk's model moved to `lineDelta` lines down and `stageBase` stages on, from its last
 * placement when there is one (its own model may be gone); a range shared inside it stays shared.
 */
function placedParts(chunk: ChunkModel, lineDelta: number, stageBase: number, owner: object): PlacedParts {
  const from = chunk.placed ?? { parts: localModel(chunk), lineDelta: 0, stageBase: 0 };
  const local = from.parts;
  const lineShift = lineDelta - from.lineDelta;
  const stageShift = stageBase - from.stageBase;
  const parts = emptyModel(local.index, local.directives);
  const stageOf = (stage: number) => (stage < 0 ? stage : stage + stageShift);
  // Equal positions share one object (a range's start is often another's): positions are most of a
  // model's heap. Found by the chunk line, then among that line's few, as a map was most of the
  // cost of moving a chunk; a line with many positions (a hostile one) stops sharing past a bound.
  const placedByLine: (Position[] | undefined)[] = [];
  const positions: Position[] = [];
  const position = (p: Position): Position => {
    const chunkLine = p.line - from.lineDelta;
    let onLine: Position[] | undefined;
    if (chunkLine >= 0 && chunkLine < 0x40000) {
      onLine = placedByLine[chunkLine];
      if (!onLine) placedByLine[chunkLine] = onLine = [];
      for (const placed of onLine) if (placed.character === p.character) return placed;
    }
    const placed = { line: p.line + lineShift, character: p.character };
    if (onLine && onLine.length < POSITIONS_SHARED_PER_LINE) onLine.push(placed);
    positions.push(placed);
    return placed;
  };
  // A range other objects may hold too (an instruction's, a FROM argument's) is placed once and
  // shared, as rules compare some by identity; one only its owner holds (a variable use's, a
  // declaration's name) is copied without the lookup: most ranges, and the map was a third of a
  // placement.
  const own = (r: Range): Range => ({ start: position(r.start), end: position(r.end) });
  const placedRanges = new Map<Range, Range>();
  const range = (r: Range): Range => {
    let placed = placedRanges.get(r);
    if (!placed) {
      placed = { start: position(r.start), end: position(r.end) };
      placedRanges.set(r, placed);
    }
    return placed;
  };
  const placedInfos = new Map<InstructionInfo, InstructionInfo>();
  for (const info of local.instructions) {
    // Every field named rather than spread: copying thousands of small objects by spread is slow.
    const placed: InstructionInfo = { keyword: info.keyword, written: info.written, range: range(info.range), keywordRange: range(info.keywordRange), stage: stageOf(info.stage) };
    if (info.heredocs) {
      placed.heredocs = info.heredocs.map((h) => {
        const body: HeredocBody = { ...h, bodyStartLine: h.bodyStartLine + lineShift };
        if (h.delimiterLine !== undefined) body.delimiterLine = h.delimiterLine + lineShift;
        return body;
      });
    }
    placedInfos.set(info, placed);
    parts.instructions.push(placed);
  }
  const shift = movableShift(lineDelta + chunk.rawDelta);
  for (const raw of chunk.raw) parts.parsed.push(shift.view(raw));
  for (const u of local.unterminatedHeredocs) parts.unterminatedHeredocs.push({ ...u, range: own(u.range) });
  for (const s of local.stages) {
    const stage: Stage = {
      ...s,
      index: s.index + stageShift,
      fromRange: range(s.fromRange),
      fromKeywordRange: range(s.fromKeywordRange),
      range: range(s.range),
      base: { ...s.base, range: range(s.base.range) },
      instructions: s.instructions.map((i) => placedInfos.get(i)!),
    };
    if (s.nameRange) stage.nameRange = range(s.nameRange);
    if (s.asRange) stage.asRange = range(s.asRange);
    if (s.platform) stage.platform = { ...s.platform, range: range(s.platform.range) };
    parts.stages.push(stage);
  }
  for (const args of local.fromArguments) parts.fromArguments.push(args.map((a) => ({ ...a, range: range(a.range) })));
  const reference = (r: RawReference): RawReference => ({ ...r, range: own(r.range), stage: stageOf(r.stage), instructionRange: range(r.instructionRange) });
  for (const r of local.references) parts.references.push(reference(r));
  for (const r of local.onbuildReferences) parts.onbuildReferences.push(reference(r));
  for (const d of local.declarations) {
    const declaration: VariableDeclaration = { ...d, scope: stageOf(d.scope), range: own(d.range), instructionRange: range(d.instructionRange) };
    if (d.valueRange) declaration.valueRange = own(d.valueRange);
    parts.declarations.push(declaration);
  }
  for (const u of local.uses) {
    const use: RawUse = {
      name: u.name,
      range: own(u.range),
      fullRange: own(u.fullRange),
      scope: stageOf(u.scope),
      instruction: u.instruction,
      instructionRange: range(u.instructionRange),
      expandedByBuildKit: u.expandedByBuildKit,
    };
    if (u.modifier !== undefined) use.modifier = u.modifier;
    parts.uses.push(use);
  }
  return { chunk, lineDelta, stageBase, parts, owner, shared: false, positions, shift };
}

/**
 * The chunk placed `lineDelta` lines down, from `placed`: its own positions and heredoc lines
 * changed, nothing copied. Inserting a line near the top of a large file moves every chunk below
 * it; copying them all made a new heap's worth of positions per keystroke (a third of it then
 * spent collecting the last copies). `placed` keeps its identity, so what is kept by it, or by its
 * instructions, stays valid as long as it holds positions by reference or is moved with them (see
 * perInstruction.ts); its stage numbers do not change (the caller moves in place only then). As
 * TypeScript's incremental parser does with the old tree's nodes (updateSourceFile), this changes
 * the previous model, which is then `consumed`; only a chunk its lineage alone holds is moved so.
 */
function movedInPlace(placed: PlacedParts, lineDelta: number): PlacedParts {
  const shift = lineDelta - placed.lineDelta;
  for (const p of placed.positions) p.line += shift;
  for (const info of placed.parts.instructions) {
    if (!info.heredocs) continue;
    for (const body of info.heredocs) {
      body.bodyStartLine += shift;
      if (body.delimiterLine !== undefined) body.delimiterLine += shift;
    }
  }
  placed.shift.delta += shift;
  placed.lineDelta = lineDelta;
  return placed;
}

/**
 * A line ending in two or more escape characters (`C:\\`, `x\\\`) does not continue for BuildKit, but does
 * for dockerfile-ast: the parser gets a copy with that last character replaced, same length, so
 * every position stays true. Everything else reads the real text.
 */
export function withoutEscapedContinuations(text: string, escape: string): string {
  return replaceEscapedContinuations(text, escape === '`' ? '`' : '\\');
}

/**
 * The header with the comment lines inside its continuation blanked (same length, so offsets hold):
 * BuildKit drops them before it looks for heredocs (parser/parser.go), so a `<<EOF` in a comment
 * opens none, as the stage split (parse.ts) also reads it.
 */
function withoutCommentLines(header: string): string {
  if (!header.includes('#')) return header;
  const lines = header.split('\n');
  for (let i = 1; i < lines.length; i++) if (lines[i].trimStart().startsWith('#')) lines[i] = lines[i].replace(/[^\r]/g, ' ');
  return lines.join('\n');
}

/** Offset in `header` of the `<<` that opens `delimiter`, or -1; a plain search, no RegExp built from the file. */
function markerOffset(header: string, delimiter: string): number {
  for (let at = header.indexOf('<<'); at >= 0; at = header.indexOf('<<', at + 1)) {
    let i = at + 2;
    if (header[i] === '-') i++;
    if (header[i] === '"' || header[i] === "'") i++;
    if (header.startsWith(delimiter, i) && !/\w/.test(header[i + delimiter.length] ?? '')) return at;
  }
  return -1;
}

/**
 * The parser's instructions with each RUN/COPY/ADD range reaching to the end of its heredoc
 * bodies, and the body lines the parser took for instructions dropped.
 */
function withHeredocBodies(instructions: Instruction[], index: LineIndex, escape: string, unterminated: UnterminatedHeredoc[]): { instruction: Instruction; range: Range; heredocs?: HeredocBody[] }[] {
  const result: { instruction: Instruction; range: Range; heredocs?: HeredocBody[] }[] = [];
  let bodyEnd = -1;
  for (const instruction of instructions) {
    const range = instruction.getRange();
    if (range.start.line <= bodyEnd) {
      const owner = result[result.length - 1];
      if (range.end.line > owner.range.end.line) owner.range = { start: owner.range.start, end: range.end };
      continue;
    }
    const keyword = instruction.getKeyword().toUpperCase();
    if (keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD') {
      const start = index.offsetAt(instruction.getInstructionRange().end);
      // A heredoc word has `<<`, which joining the lines can only make from a `<` in them: most instructions have none.
      if (!occursBetween(index.text, '<', start, index.offsetAt(range.end))) {
        result.push({ instruction, range });
        continue;
      }
      const headerEnd = instructionHeaderEnd(index.text, start, index.offsetAt(range.end), escape);
      const header = withoutCommentLines(index.text.slice(start, headerEnd));
      const bodies = heredocBodies(index, header, index.positionAt(headerEnd).line);
      if (bodies?.unterminated) {
        const at = start + markerOffset(header, bodies.unterminated);
        unterminated.push({ delimiter: bodies.unterminated, range: index.rangeAt(at, at + header.slice(at - start).search(/\s|$/)) });
      }
      if (bodies && bodies.end > range.end.line) {
        bodyEnd = bodies.end;
        result.push({ instruction, range: { start: range.start, end: { line: bodies.end, character: index.lineText(bodies.end).length } }, heredocs: bodies.bodies });
        continue;
      }
      if (bodies) {
        result.push({ instruction, range, heredocs: bodies.bodies });
        continue;
      }
    }
    result.push({ instruction, range });
  }
  return result;
}

function addStage(model: Model, from: From, info: InstructionInfo): void {
  const args = from.getArguments().map((a) => ({ value: a.getValue(), range: a.getRange() }));
  model.fromArguments.push(args);
  const base = args[0];
  const stage: Stage = {
    index: model.stages.length,
    fromRange: info.range,
    fromKeywordRange: info.keywordRange,
    range: info.range,
    base: {
      kind: 'image',
      text: base ? base.value : '',
      range: base ? base.range : { start: info.keywordRange.end, end: info.keywordRange.end },
    },
    instructions: [],
  };
  if (args.length >= 3 && args[1].value.toLowerCase() === 'as') {
    stage.asRange = args[1].range;
    stage.name = args[2].value;
    stage.key = args[2].value.toLowerCase();
    stage.nameRange = args[2].range;
  }
  const platform = from.getPlatformFlag();
  if (platform) {
    const valueRange = platform.getValueRange();
    stage.platform = { text: platform.getValue() ?? '', range: valueRange ?? platform.getRange() };
  }
  model.stages.push(stage);
}

function addDeclarations(model: Model, instruction: Instruction, info: InstructionInfo): void {
  const properties: Property[] = (instruction as unknown as { getProperties(): Property[] }).getProperties();
  for (const property of properties) {
    const name = property.getName();
    if (!name) continue;
    if (info.keyword === 'ARG' && property.getAssignmentOperator() === null && property.getValueRange()) {
      // `ARG A B C` declares three ARGs; the parser reads it like the legacy `ENV key value`.
      addBareArgs(model, info, property.getNameRange(), property.getValueRange()!);
      continue;
    }
    const value = property.getValue();
    model.declarations.push({
      name,
      kind: info.keyword as 'ARG' | 'ENV',
      scope: info.stage,
      range: property.getNameRange(),
      instructionRange: info.range,
      value: value === null ? undefined : value,
      valueRange: property.getValueRange() ?? undefined,
    });
  }
}

function addBareArgs(model: Model, info: InstructionInfo, first: Range, rest: Range): void {
  const { index } = model;
  const declare = (start: number, word: string) => {
    const eq = word.indexOf('=');
    const nameEnd = eq < 0 ? word.length : eq;
    model.declarations.push({
      name: word.slice(0, nameEnd),
      kind: 'ARG',
      scope: info.stage,
      range: index.rangeAt(start, start + nameEnd),
      instructionRange: info.range,
      value: eq < 0 ? undefined : unquote(word.slice(eq + 1)),
      valueRange: eq < 0 ? undefined : index.rangeAt(start + eq + 1, start + word.length),
    });
  };
  const firstStart = index.offsetAt(first.start);
  declare(firstStart, index.text.slice(firstStart, index.offsetAt(first.end)));
  const from = index.offsetAt(rest.start);
  const text = index.text.slice(from, index.offsetAt(rest.end));
  const words = /(?:"[^"]*"|'[^']*'|\\.|[^\s"'\\])+/g;
  for (let m = words.exec(text); m; m = words.exec(text)) declare(from + m.index, m[0]);
}

function unquote(value: string): string {
  return value.replace(/"([^"]*)"|'([^']*)'/g, (_, d, s) => d ?? s);
}

function addOnbuildReferences(model: Model, onbuild: Onbuild, info: InstructionInfo): void {
  const trigger = onbuild.getTriggerInstruction();
  const keyword = trigger?.getKeyword().toUpperCase();
  if (keyword === 'COPY') addCopyReference(model.onbuildReferences, trigger as Copy, info);
  if (keyword === 'RUN') addMountReferences(model.onbuildReferences, trigger as Run, info);
}

function addCopyReference(references: RawReference[], copy: Copy, info: InstructionInfo): void {
  if (info.stage < 0) return;
  // dockerfile-ast's getFromFlag() gives up when the instruction has other flags too
  // (`COPY --from=x --chown=1 …`), so look through all of them.
  const flag = copy.getFlags().find((f) => f.getName() === 'from');
  if (!flag) return;
  references.push({ kind: 'copy', ...unquoted(flag.getValue() ?? '', flag.getValueRange() ?? flag.getRange()), stage: info.stage, instructionRange: info.range });
}

function addMountReferences(references: RawReference[], run: Run, info: InstructionInfo): void {
  if (info.stage < 0) return;
  for (const flag of (run as unknown as { getFlags(): Flag[] }).getFlags()) {
    if (flag.getName().toLowerCase() !== 'mount') continue;
    const type = flag.getOption('type')?.getValue()?.toLowerCase() ?? 'bind';
    const from = flag.getOption('from');
    if (!from || !MOUNT_TYPES_WITH_FROM.has(type)) continue;
    references.push({ kind: 'mount', ...unquoted(from.getValue() ?? '', from.getValueRange() ?? from.getRange()), stage: info.stage, instructionRange: info.range });
  }
}

/** `--from="name"`: BuildKit reads the value without its quotes; the range keeps to the name. */
function unquoted(text: string, range: Range): { text: string; range: Range } {
  const quote = text[0];
  if ((quote === '"' || quote === "'") && text.length >= 2 && text[text.length - 1] === quote && range.start.line === range.end.line) {
    return {
      text: text.slice(1, -1),
      range: { start: { line: range.start.line, character: range.start.character + 1 }, end: { line: range.end.line, character: range.end.character - 1 } },
    };
  }
  return { text, range };
}

function addUses(model: Model, instruction: Instruction, info: InstructionInfo): void {
  const { index, directives } = model;
  const start = index.offsetAt(info.keywordRange.end);
  const end = index.offsetAt(info.range.end);
  if (end <= start) return;
  const headerEnd = ['RUN', 'COPY', 'ADD'].includes(info.keyword)
    ? instructionHeaderEnd(index.text, start, end, directives.escape)
    : end;
  // Worked out at the first variable: most instructions have none, and a flag's offsets need its parse.
  let flagRanges: { name: string; start: number; end: number }[] | undefined;
  const expanded = EXPANDED.has(info.keyword);
  const record = (v: ScannedVariable, inHeader: boolean) => {
    const flag = inHeader ? (flagRanges ??= flagOffsets(model, instruction)).find((f) => v.start >= f.start && v.start < f.end) : undefined;
    model.uses.push({
      name: v.name,
      range: index.rangeAt(v.nameStart, v.nameEnd),
      fullRange: index.rangeAt(v.start, v.end),
      scope: info.keyword === 'FROM' ? -1 : info.stage,
      instruction: info.keyword,
      instructionRange: info.range,
      // Flags of RUN/COPY/ADD are expanded by BuildKit, except --from, which it refuses to expand.
      expandedByBuildKit: inHeader && (flag ? flag.name !== 'from' : expanded),
      modifier: v.modifier,
    });
  };
  for (const v of scanVariables(index.text, start, headerEnd, { escape: directives.escape, continuationComments: true })) record(v, true);
  if (headerEnd < end && !/<<-?\s*["']/.test(index.text.slice(start, headerEnd))) {
    for (const v of scanVariables(index.text, headerEnd, end, { escape: directives.escape })) record(v, false);
  }
}

function flagOffsets(model: Model, instruction: Instruction): { name: string; start: number; end: number }[] {
  const getFlags = (instruction as unknown as { getFlags?: () => Flag[] }).getFlags;
  if (typeof getFlags !== 'function') return [];
  const offsets = (name: string, range: Range) => ({ name, start: model.index.offsetAt(range.start), end: model.index.offsetAt(range.end) });
  const result: { name: string; start: number; end: number }[] = [];
  for (const flag of getFlags.call(instruction)) {
    // A mount's from= is a stage reference, which BuildKit does not expand: list it before its flag.
    const from = flag.getName().toLowerCase() === 'mount' ? flag.getOption('from') : null;
    if (from) result.push(offsets('from', from.getRange()));
    result.push(offsets(flag.getName().toLowerCase(), flag.getRange()));
  }
  return result;
}

/** End of the instruction's own lines: what follows is heredoc bodies. */
export function instructionHeaderEnd(text: string, start: number, end: number, escape: string): number {
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c === escape) {
      const next = continuationEnd(text, i);
      i = next >= 0 ? skipDroppedLines(text, next, end) - 1 : i + 1;
      continue;
    }
    if (c === '\n' || c === '\r') return i;
  }
  return end;
}
