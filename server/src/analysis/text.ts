import { Position, Range } from './types';

/** Maps offsets to positions and back, breaking lines as LSP does (\r\n, \n, \r). */
export class LineIndex {
  // A typed array: made at its size, outside the collected heap, and copied as memory when an edit
  // keeps most lines (a keystroke at 10,000 lines copies it once).
  private readonly starts: Uint32Array;

  constructor(readonly text: string, starts?: Uint32Array) {
    if (starts) {
      this.starts = starts;
      return;
    }
    const found = [0];
    pushLineStarts(text, 0, text.length, found);
    this.starts = Uint32Array.from(found);
  }

  /**
   * The index of `text`, an edit of `previous.text` that kept the lines before `fromLine` and the
   * text from `previousEnd` (a line start there) on, which starts at `end` in `text`: only the lines
   * in between are looked for, the rest are copied or moved.
   */
  static edited(previous: LineIndex, text: string, fromLine: number, previousEnd: number, end: number): LineIndex {
    const before = previous.starts;
    const between: number[] = [];
    pushLineStarts(text, before[fromLine], end, between);
    const shift = end - previousEnd;
    let kept = before.length;
    while (kept > 0 && before[kept - 1] > previousEnd) kept--;
    const starts = new Uint32Array(fromLine + 1 + between.length + before.length - kept);
    starts.set(before.subarray(0, fromLine + 1));
    starts.set(between, fromLine + 1);
    let at = fromLine + 1 + between.length;
    if (shift === 0) starts.set(before.subarray(kept), at);
    else for (let line = kept; line < before.length; line++) starts[at++] = before[line] + shift;
    return new LineIndex(text, starts);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** Offset just past the line's content, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    let end = this.starts[line + 1];
    if (this.text.charCodeAt(end - 1) === 10) end--;
    if (this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** `continuationAt(lineText(line), escape) >= 0`, read in place: no copy of the line. */
  continues(line: number, escape: string): boolean {
    const start = this.lineStart(line);
    let end = this.lineEnd(line);
    while (end > start && (this.text[end - 1] === ' ' || this.text[end - 1] === '\t')) end--;
    if (end === start || this.text[end - 1] !== escape) return false;
    return end - start === 1 || this.text[end - 2] !== escape;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  offsetAt(position: Position): number {
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.lineStart(position.line);
    return Math.min(start + position.character, this.lineEnd(position.line));
  }

  positionAt(offset: number): Position {
    offset = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: offset - this.starts[low] };
  }

  rangeAt(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  textIn(range: Range): string {
    return this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }
}

/** Pushes the start of every line that begins after a line break in `text` from `from` up to `to`. */
function pushLineStarts(text: string, from: number, to: number, starts: number[]): void {
  // Looked for in [from, to) only: an edit's few lines must not cost a search to the end of the file.
  const hasCarriageReturn = to >= text.length ? text.indexOf('\r', from) >= 0 : occursBetween(text, '\r', from, to);
  if (!hasCarriageReturn) {
    // The usual case: indexOf runs far faster than a loop over every character.
    for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return;
  }
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function rangeContains(range: Range, position: Position): boolean {
  return comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) <= 0;
}

export function lineRange(line: number, startCharacter: number, endCharacter: number): Range {
  return { start: { line, character: startCharacter }, end: { line, character: endCharacter } };
}

/**
 * Offset in `line` of the escape character that continues it, else -1. BuildKit's rule: the line
 * ends, blanks aside, in the escape character, and the character before that is not the escape
 * character too (`C:\\` and `x\\\` do not continue; checked with the oracle).
 */
export function continuationAt(line: string, escape: string): number {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  if (end === 0 || line[end - 1] !== escape) return -1;
  return end === 1 || line[end - 2] !== escape ? end - 1 : -1;
}

/**
 * When the escape character at `at` continues its line (see continuationAt), the offset just past
 * the line break: the instruction goes on there. Otherwise -1.
 */
export function continuationEnd(text: string, at: number): number {
  if (text[at - 1] === text[at]) return -1;
  let j = at + 1;
  while (text[j] === ' ' || text[j] === '\t') j++;
  if (text[j] === '\r') return text[j + 1] === '\n' ? j + 2 : j + 1;
  if (text[j] === '\n') return j + 1;
  return -1;
}

/**
 * Past the comment lines and blank lines at `at` inside a continued instruction: BuildKit's
 * parser drops both and goes on with the next line (a blank one draws NoEmptyContinuation).
 */
export function skipDroppedLines(text: string, at: number, end: number): number {
  for (;;) {
    let j = at;
    while (j < end && (text[j] === ' ' || text[j] === '\t')) j++;
    const blank = text[j] === '\n' || text[j] === '\r';
    if (!blank && text[j] !== '#') return at;
    if (j >= end) return at;
    while (j < end && text[j] !== '\n' && text[j] !== '\r') j++;
    if (text[j] === '\r' && text[j + 1] === '\n') j++;
    at = j + 1;
    if (at >= end) return end;
  }
}

/**
 * `text` with the last escape character of each line that ends, blanks aside, in two or more of
 * them replaced by `_` (same length). One pass: the line ends are found once, each run walked once.
 */
export function replaceEscapedContinuations(text: string, escape: string): string {
  const pieces: string[] = [];
  let copied = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = lineStart;
    while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
    let end = lineEnd;
    while (end > lineStart && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
    let run = end;
    while (run > lineStart && text[run - 1] === escape) run--;
    if (end - run >= 2) {
      pieces.push(text.slice(copied, end - 1), '_');
      copied = end;
    }
    if (lineEnd >= text.length) break;
    lineStart = lineEnd + (text[lineEnd] === '\r' && text[lineEnd + 1] === '\n' ? 2 : 1);
  }
  if (copied === 0) return text;
  pieces.push(text.slice(copied));
  return pieces.join('');
}

/** Whether `part` occurs in text[start, end): a search bounded by `end`, where indexOf would read on to the end of the text. */
export function occursBetween(text: string, part: string, start: number, end: number): boolean {
  const last = end - part.length;
  const first = part.charCodeAt(0);
  for (let i = start; i <= last; i++) if (text.charCodeAt(i) === first && text.startsWith(part, i)) return true;
  return false;
}
