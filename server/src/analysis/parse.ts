// The parse, one stage chunk at a time: the text is split at the FROM lines that start an
// instruction (not inside a continuation or a heredoc body), each chunk is parsed by dockerfile-ast
// and its instructions are shifted to where the chunk now stands. model.ts keeps each chunk's
// model, parse included, by the chunk's text: a keystroke re-parses one stage, not the file, and
// inserting a line moves chunks without re-parsing them.
import { Argument, DockerfileParser, Instruction } from 'dockerfile-ast';
// The parser class itself, for the patch below; dockerfile-ast's main module does not export it.
import * as ParserModule from 'dockerfile-ast/lib/parser';
import * as LspTypes from 'vscode-languageserver-types';
import { heredocMarkers } from './heredocs';
import { rawArguments } from './rawArguments';
import { LineIndex, occursBetween } from './text';

// dockerfile-ast works an instruction's arguments out afresh on every call (character by character),
// and its constructors, flags and properties, our model and the rules ask about 7 times per instruction,
// mostly one call right after another. So the last instruction's arguments are kept: one entry, no
// memory to speak of, and a copy handed out each time, as callers shift and replace entries.
// They are worked out by rawArguments.ts's faster copy of dockerfile-ast's own code.
let argumentsOf: Instruction | undefined;
let lastArguments: Argument[] = [];
(Instruction.prototype as unknown as { getRawArguments(this: Instruction): Argument[] }).getRawArguments = function (this: Instruction): Argument[] {
  if (this !== argumentsOf) {
    lastArguments = rawArguments(this);
    argumentsOf = this;
  }
  return lastArguments.slice();
};

// dockerfile-ast's parser builds every instruction twice: once to look for heredocs after reading
// its arguments, then again, over the same text, to keep (the second ends after the heredoc bodies
// when there are any). An instruction's constructor reads its arguments, so that doubled the parse.
// The second call with the same parser, document and offsets gets the first object back: nothing
// holds it in between (the heredoc search only reads it), and its fields depend on those inputs alone.
type CreateInstruction = (this: ParserInternals, dockerfile: unknown, keyword: string, start: number, keywordEnd: number, end: number) => Instruction;
interface ParserInternals {
  document: unknown;
  createInstruction: CreateInstruction;
}
const createInstruction = (ParserModule.Parser.prototype as unknown as ParserInternals).createInstruction;
let lastCreated: { parser: ParserInternals; document: unknown; keyword: string; start: number; keywordEnd: number; end: number; instruction: Instruction } | undefined;
(ParserModule.Parser.prototype as unknown as ParserInternals).createInstruction = function (this: ParserInternals, dockerfile, keyword, start, keywordEnd, end) {
  const last = lastCreated;
  if (last && last.parser === this && last.document === this.document && last.start === start && last.keywordEnd === keywordEnd && last.end === end && last.keyword === keyword) {
    lastCreated = undefined;
    return last.instruction;
  }
  const instruction = createInstruction.call(this, dockerfile, keyword, start, keywordEnd, end);
  lastCreated = { parser: this, document: this.document, keyword, start, keywordEnd, end, instruction };
  return instruction;
};

/** vscode-languageserver-types' own Range.create, for the comparison test. */
export const validatedCreate = LspTypes.Range.create;
const MAX_UINTEGER = 2147483647;
const isUinteger = (value: unknown): value is number => typeof value === 'number' && value >= 0 && value <= MAX_UINTEGER;
const isValidPosition = (value: unknown): value is LspTypes.Position =>
  typeof value === 'object' && value !== null && isUinteger((value as LspTypes.Position).line) && isUinteger((value as LspTypes.Position).character);

// dockerfile-ast makes every range with vscode-languageserver-types' Range.create, which checks its
// arguments with about six Object.prototype.toString calls: a tenth of a parse. The same function,
// answering at once for the arguments it is given here (two positions, or four line and character
// numbers, all in range) with what it would return, and asking the original for anything else.
(LspTypes.Range as { create: unknown }).create = function create(one: unknown, two: unknown, three?: unknown, four?: unknown): LspTypes.Range {
  if (three === undefined && four === undefined) {
    if (isValidPosition(one) && isValidPosition(two)) return { start: one, end: two };
  } else if (isUinteger(one) && isUinteger(two) && isUinteger(three) && isUinteger(four)) {
    return { start: { line: one, character: two }, end: { line: three, character: four } };
  }
  return (validatedCreate as (...args: unknown[]) => LspTypes.Range)(one, two, three, four);
};

export interface Chunk {
  startLine: number;
  /** Exclusive. */
  endLine: number;
}

const INSTRUCTION_START = /^\s*([A-Za-z]+)(\s|$)/;

/**
 * Chunks: the lines before the first FROM (the global ARGs), when there are any, then one chunk
 * per stage, from the blank lines right above its FROM. The global ARGs stand apart from the
 * first stage so that typing in that stage leaves them where they were: every stage's variable
 * uses are resolved against them (resolve.ts).
 */
export function splitStages(index: LineIndex, escape: string): Chunk[] {
  const { starts } = stageStarts(index, escape, 0);
  return starts.map((startLine, i) => ({ startLine, endLine: starts[i + 1] ?? index.lineCount }));
}

/**
 * The first lines of the chunks from `fromLine` on, which must start a chunk (or be line 0). With
 * `resync`, the scan stops at the first line after `fromLine` that starts an instruction outside
 * any continuation or heredoc and for which `resync` says the chunks from there on are known: that
 * line is the last start returned, as `resyncedAt` too.
 */
export function stageStarts(index: LineIndex, escape: string, fromLine: number, resync?: (line: number) => boolean): { starts: number[]; resyncedAt?: number } {
  const all = index.text;
  const starts = [fromLine];
  let continued = false;
  let keyword = '';
  // The RUN, COPY or ADD being read: its first line, and whether a line of it has `<<`. Only then is
  // its text taken out, for the heredocs it opens: a keystroke's split allocates next to nothing.
  let headerLine = -1;
  let headerHasMarker = false;
  let pending: { delimiter: string; stripTabs: boolean }[] = [];
  // The first of the blank lines just read, outside any instruction; -1 after any other line.
  // Blank lines right above a FROM start its chunk: Enter typed between two stages, or between the
  // global ARGs and the first FROM, then changes the chunk below, not the one above (the global
  // ARGs', against which every stage's variable uses are resolved, above all). Any line of the
  // run would do for the model.
  let blankRunStart = -1;
  for (let line = fromLine; line < index.lineCount; line++) {
    if (resync && !continued && !pending.length && line > fromLine && resync(line)) {
      // Blank lines right above the known chunk are a chunk of their own, so the one before keeps its text.
      if (blankRunStart > fromLine) starts.push(blankRunStart);
      starts.push(line);
      return { starts, resyncedAt: line };
    }
    const lineStart = index.lineStart(line);
    const lineEnd = index.lineEnd(line);
    if (pending.length) {
      const marker = pending[0];
      if (isDelimiterLine(all, lineStart, lineEnd, marker)) pending.shift();
      continue;
    }
    // Most lines start with a letter: no comment, no blank, and the keyword read in place. Others take the general way.
    const lettersEnd = asciiLettersEnd(all, lineStart, lineEnd);
    if (lettersEnd > lineStart && (lettersEnd === lineEnd || all[lettersEnd] === ' ' || all[lettersEnd] === '\t')) {
      if (!continued) keyword = all.slice(lineStart, lettersEnd).toUpperCase();
    } else {
      const first = firstNonBlank(all, lineStart, lineEnd);
      if (first === lineEnd) {
        if (!continued && blankRunStart < 0) blankRunStart = line;
        continue;
      }
      if (all[first] === '#') {
        blankRunStart = -1;
        continue;
      }
      if (!continued) keyword = INSTRUCTION_START.exec(all.slice(lineStart, lineEnd))?.[1].toUpperCase() ?? '';
    }
    if (!continued) {
      headerLine = -1;
      const start = blankRunStart >= 0 ? blankRunStart : line;
      if (keyword === 'FROM' && start > fromLine) starts.push(start);
    }
    blankRunStart = -1;
    continued = index.continues(line, escape);
    if (keyword !== 'RUN' && keyword !== 'COPY' && keyword !== 'ADD') continue;
    if (headerLine < 0) {
      headerLine = line;
      headerHasMarker = false;
    }
    if (!headerHasMarker) headerHasMarker = occursBetween(all, '<<', lineStart, lineEnd);
    // The header is complete: the heredocs it opens take the lines that follow.
    if (!continued && headerHasMarker) pending = heredocMarkers(headerText(index, headerLine, line));
  }
  return { starts };
}

/** The header's lines, each with a line break, comment lines included, as the heredoc markers are read from. */
function headerText(index: LineIndex, first: number, last: number): string {
  let text = '';
  for (let line = first; line <= last; line++) {
    const start = index.lineStart(line);
    const end = index.lineEnd(line);
    const blankOrComment = firstNonBlank(index.text, start, end);
    if (blankOrComment === end || index.text[blankOrComment] === '#') continue;
    text += index.text.slice(start, end) + '\n';
  }
  return text;
}

/** Whether the line is the marker's delimiter line (after leading tabs, for `<<-`); compared in place. */
function isDelimiterLine(text: string, start: number, end: number, marker: { delimiter: string; stripTabs: boolean }): boolean {
  if (marker.stripTabs) while (start < end && text[start] === '\t') start++;
  return end - start === marker.delimiter.length && text.startsWith(marker.delimiter, start);
}

function firstNonBlank(text: string, start: number, end: number): number {
  while (start < end && /\s/.test(text[start])) start++;
  return start;
}

function asciiLettersEnd(text: string, start: number, end: number): number {
  let i = start;
  for (; i < end; i++) {
    const c = text.charCodeAt(i) | 0x20;
    if (c < 97 || c > 122) break;
  }
  return i;
}

/**
 * The parser's instructions of one chunk, positions counted from the chunk's first line (plus one
 * when `prefixed`). Not cached here: model.ts keeps each chunk's model, parse included, by text.
 */
export function parseChunk(chunkText: string, escape: string, prefixed: boolean): Instruction[] {
  const instructions = DockerfileParser.parse(prefixed ? `# escape=${escape}\n${chunkText}` : chunkText).getInstructions();
  // The last instruction built is not held past its parse (nor its parser and document).
  lastCreated = undefined;
  return instructions;
}

/**
 * The instructions of `text` (as dockerfile-ast parses it), parsed chunk by chunk. `text` is the
 * parser's copy of the document; `index` indexes the same lines.
 */
export function parseInstructions(text: string, index: LineIndex, escape: string): Instruction[] {
  const result: Instruction[] = [];
  for (const chunk of splitStages(index, escape)) {
    const start = index.lineStart(chunk.startLine);
    const end = chunk.endLine < index.lineCount ? index.lineStart(chunk.endLine) : text.length;
    // Later chunks lose the file's escape directive; a backtick escape is given back as a first line.
    const prefixed = chunk.startLine > 0 && escape !== '\\';
    const delta = chunk.startLine - (prefixed ? 1 : 0);
    for (const instruction of parseChunk(text.slice(start, end), escape, prefixed)) result.push(shifted(instruction, delta));
  }
  return result;
}

// ---- shifting the parser's objects ------------------------------------------------------------

type Position = { line: number; character: number };

function isPosition(value: object): value is Position {
  return Object.getPrototypeOf(value) === Object.prototype && 'line' in value && 'character' in value && Object.keys(value).length === 2;
}

function isRange(value: object): value is { start: Position; end: Position } {
  return Object.getPrototypeOf(value) === Object.prototype && 'start' in value && 'end' in value && Object.keys(value).length === 2;
}

function shiftValue(value: unknown, delta: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => shiftValue(v, delta));
  if (isPosition(value)) return { line: value.line + delta, character: value.character };
  if (isRange(value)) return { start: shiftValue(value.start, delta), end: shiftValue(value.end, delta) };
  if (Object.getPrototypeOf(value) === Object.prototype) return value;
  return shifted(value, delta);
}

function unshiftValue(value: unknown, delta: number): unknown {
  return shiftValue(value, -delta);
}

/**
 * A view of a parser object (instruction, flag, argument, property, variable, heredoc) whose
 * methods answer positions `delta` lines further down. Methods run on the object itself, so the
 * parser's own internal calls keep seeing its own positions.
 */
export function shifted<T extends object>(target: T, delta: number): T {
  if (delta === 0) return target;
  return new Proxy(target, shiftingHandler(delta) as ProxyHandler<T>);
}

// One handler per distance, shared by every view moved that far: a handler per instruction cost a
// few hundred bytes each. Distances are chunk start lines, so few; the map is emptied past a bound.
const handlers = new Map<number, ProxyHandler<object>>();
const HANDLERS_MAX = 10_000;

function shiftingHandler(delta: number): ProxyHandler<object> {
  let handler = handlers.get(delta);
  if (!handler) {
    if (handlers.size >= HANDLERS_MAX) handlers.clear();
    handlers.set(delta, (handler = handlerAt({ delta })));
  }
  return handler;
}

/** The views' handler: a method's arguments are moved back to the parser's lines, its answer `distance.delta` lines on, read at each call. */
function handlerAt(distance: { readonly delta: number }): ProxyHandler<object> {
  return {
    get(object, property) {
      const value = Reflect.get(object, property, object) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const delta = distance.delta;
        return shiftValue(value.apply(object, args.map((a) => unshiftValue(a, delta))), delta);
      };
    },
  };
}

/**
 * A distance that can change after views are made with it (`view`): each call through a view
 * answers at the distance of the moment. model.ts gives one to each placed chunk, whose views
 * then follow the chunk when it is moved in place (a line added above it) instead of being made
 * again, one per instruction.
 */
export interface MovableShift {
  delta: number;
  view<T extends object>(target: T): T;
}

export function movableShift(delta: number): MovableShift {
  const shift: MovableShift = { delta, view: <T extends object>(target: T) => new Proxy(target, handler) as T };
  const handler = handlerAt(shift);
  return shift;
}
