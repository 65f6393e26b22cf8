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

export function readLogicalLine(index: LineIndex, startLine: number, escape: string): LogicalLine {
  const result: LogicalLine = { text: '', offsets: [], emptyContinuationLines: [], endLine: startLine };
  const append = (line: number, from: number, to: number) => {
    const start = index.lineStart(line);
    const text = index.lineText(line);
    result.text += text.slice(from, to);
    for (let i = from; i < to; i++) result.offsets.push(start + i);
  };
  const first = index.lineText(startLine);
  const leading = first.length - first.trimStart().length;
  let cut = continuationAt(first, escape);
  append(startLine, leading, cut < 0 ? first.length : cut);
  let line = startLine;
  // After a final line break there is no further line, though LineIndex counts an empty one: a
  // continuation that runs into the end of the file has no empty continuation line (oracle).
  const lines = /[\r\n]$/.test(index.text) ? index.lineCount - 1 : index.lineCount;
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
