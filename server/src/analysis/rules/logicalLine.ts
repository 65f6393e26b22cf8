// An instruction's lines joined as BuildKit's parser joins them (parser/parser.go): a line ending
// in the escape character continues on the next; comment lines and blank lines in between are
// dropped (blank ones are NoEmptyContinuation's). Heredoc bodies come after and are not read.
import { continuationAt, LineIndex } from '../text';
import { Range } from '../types';

export interface LogicalLine {
  /** The joined text, escape characters and line breaks of continuations removed. */
  text: string;
  /** Offset in the document of each character of `text`. */
  offsets: number[];
  /** Lines (zero-based) that are blank but continue the instruction. */
  emptyContinuationLines: number[];
  /** The last line BuildKit reads for the instruction (before any heredoc body). */
  endLine: number;
}

function isBlank(text: string): boolean {
  return text.trim() === '';
}

function isCommentLine(text: string): boolean {
  return text.trimStart().startsWith('#');
}

/** Offsets are listed only when a caller asks (most read the text alone): until then, the document offset and length of each piece. */
class JoinedLines implements LogicalLine {
  text = '';
  emptyContinuationLines: number[] = [];
  readonly pieces: number[] = [];
  private listed: number[] | undefined;

  constructor(public endLine: number) {}

  get offsets(): number[] {
    if (!this.listed) {
      const listed: number[] = [];
      for (let p = 0; p < this.pieces.length; p += 2) for (let i = 0; i < this.pieces[p + 1]; i++) listed.push(this.pieces[p] + i);
      this.listed = listed;
    }
    return this.listed;
  }
}

export function readLogicalLine(index: LineIndex, startLine: number, escape: string): LogicalLine {
  const result = new JoinedLines(startLine);
  const append = (line: number, from: number, to: number) => {
    const text = index.lineText(line);
    result.text += text.slice(from, to);
    if (to > from) result.pieces.push(index.lineStart(line) + from, to - from);
  };
  const first = index.lineText(startLine);
  const leading = first.length - first.trimStart().length;
  let cut = continuationAt(first, escape);
  append(startLine, leading, cut < 0 ? first.length : cut);
  let line = startLine;
  // After a final line break there is no further line, though LineIndex counts an empty one: a
  // continuation that runs into the end of the file has no empty continuation line (oracle).
  const lastCharacter = index.text[index.text.length - 1];
  const lines = lastCharacter === '\r' || lastCharacter === '\n' ? index.lineCount - 1 : index.lineCount;
  while (cut >= 0 && line + 1 < lines) {
    line++;
    const text = index.lineText(line);
    if (isCommentLine(text)) continue;
    if (isBlank(text)) {
      result.emptyContinuationLines.push(line);
      continue;
    }
    cut = continuationAt(text, escape);
    append(line, 0, cut < 0 ? text.length : cut);
  }
  result.endLine = line;
  return result;
}

/** Document offset of a position in the logical text; `at === text.length` maps past the last character. */
export function documentOffset(logical: LogicalLine, at: number): number {
  if (at < logical.offsets.length) return logical.offsets[at];
  return logical.offsets.length ? logical.offsets[logical.offsets.length - 1] + 1 : 0;
}

/** The document range of `text.slice(from, to)`, from its first character to just past its last. */
export function logicalRange(index: LineIndex, logical: LogicalLine, from: number, to: number): Range {
  const start = documentOffset(logical, from);
  return index.rangeAt(start, to > from ? documentOffset(logical, to - 1) + 1 : start);
}
