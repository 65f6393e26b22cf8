// Folding: each stage, each heredoc body, each instruction continued over several lines, and each
// block of two or more comment lines. Ranges nest and never share a start line, so no client drops one.
import { Analysis, InstructionInfo } from '../analysis';
import { instructionHeaderEnd } from '../analysis/model';

export interface Fold {
  startLine: number;
  endLine: number;
  kind?: 'comment';
}

export function foldingRanges(analysis: Analysis): Fold[] {
  const folds: Fold[] = [];
  for (const stage of analysis.stages) {
    if (stage.range.end.line > stage.range.start.line) folds.push({ startLine: stage.range.start.line, endLine: stage.range.end.line });
  }
  for (const instruction of analysis.instructions) {
    // A FROM's own lines fold with its stage.
    if (instruction.keyword !== 'FROM') folds.push(...instructionFolds(analysis, instruction));
  }
  folds.push(...commentBlocks(analysis));
  return folds.sort((a, b) => a.startLine - b.startLine);
}

function instructionFolds(analysis: Analysis, instruction: InstructionInfo): Fold[] {
  const { start, end } = instruction.range;
  if (end.line === start.line) return [];
  const { lines } = analysis;
  const headerEndOffset = instructionHeaderEnd(analysis.text, lines.offsetAt(instruction.keywordRange.end), lines.offsetAt(end), analysis.directives.escape);
  const headerEndLine = lines.positionAt(headerEndOffset).line;
  const folds: Fold[] = [];
  const heredocs = instruction.heredocs ?? [];
  // With heredocs and a one-line header, the bodies' folds are the instruction's.
  if (!heredocs.length || headerEndLine > start.line) folds.push({ startLine: start.line, endLine: end.line });
  for (const heredoc of heredocs) {
    // Keep the line before the body and the delimiter line visible.
    const endLine = heredoc.delimiterLine === undefined ? end.line : heredoc.delimiterLine - 1;
    if (endLine > heredoc.bodyStartLine - 1) folds.push({ startLine: heredoc.bodyStartLine - 1, endLine });
  }
  return folds;
}

/** Runs of comment lines outside instructions (comments inside one fold with it). */
function commentBlocks(analysis: Analysis): Fold[] {
  const { lines, instructions } = analysis;
  const folds: Fold[] = [];
  let next = 0;
  let blockStart = -1;
  const close = (line: number) => {
    if (blockStart >= 0 && line - 1 > blockStart) folds.push({ startLine: blockStart, endLine: line - 1, kind: 'comment' });
    blockStart = -1;
  };
  for (let line = 0; line < lines.lineCount; line++) {
    while (next < instructions.length && instructions[next].range.end.line < line) next++;
    const inside = next < instructions.length && instructions[next].range.start.line <= line;
    if (!inside && /^\s*#/.test(lines.lineText(line))) {
      if (blockStart < 0) blockStart = line;
    } else {
      close(line);
    }
  }
  close(lines.lineCount);
  return folds;
}
