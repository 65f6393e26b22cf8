// Heredocs of an instruction (`RUN <<EOF`, `COPY <<-"EOF" /x`, several on one line, `5<<FILE1`):
// where each body starts and which line ends it. The analysis keeps an instruction's range over
// its bodies; this finds the bodies inside it.
import { Analysis, InstructionInfo } from '../analysis';
import { instructionHeaderEnd } from '../analysis/model';

export interface Heredoc {
  delimiter: string;
  /** First line of the body. */
  bodyStartLine: number;
  /** Last line of the body (the line before the delimiter, or the instruction's last line). */
  bodyEndLine: number;
  /** The line holding the closing delimiter; undefined when the file ends first. */
  delimiterLine?: number;
}

const HEREDOC_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD']);
// `<<` then an optional `-`, then the word, optionally quoted; `<<<` (a here-string) is none.
const HEREDOC = /(?<!<)\d*<<(?!<)(-?)\s*(["']?)([^\s"'<>;&|()]+)\2/g;

export function heredocsIn(analysis: Analysis, instruction: InstructionInfo): Heredoc[] {
  if (!HEREDOC_INSTRUCTIONS.has(instruction.keyword)) return [];
  const { lines } = analysis;
  const start = lines.offsetAt(instruction.keywordRange.end);
  const end = lines.offsetAt(instruction.range.end);
  const headerEnd = instructionHeaderEnd(analysis.text, start, end, analysis.directives.escape);
  const header = analysis.text.slice(start, headerEnd);
  const lastLine = instruction.range.end.line;
  let line = lines.positionAt(headerEnd).line + 1;
  const result: Heredoc[] = [];
  for (const match of header.matchAll(HEREDOC)) {
    const stripTabs = match[1] === '-';
    const delimiter = match[3];
    const bodyStartLine = line;
    let delimiterLine: number | undefined;
    for (; line <= lastLine; line++) {
      const text = lines.lineText(line);
      if ((stripTabs ? text.replace(/^\t+/, '') : text) === delimiter) {
        delimiterLine = line;
        break;
      }
    }
    result.push({ delimiter, bodyStartLine, bodyEndLine: (delimiterLine ?? lastLine + 1) - 1, delimiterLine });
    line = (delimiterLine ?? lastLine) + 1;
    if (line > lastLine) break;
  }
  return result;
}
