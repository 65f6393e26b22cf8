import { lineRange } from '../text';
import { InstructionInfo, TextEdit } from '../types';
import { PlacedParts } from '../model';
import { readLogicalLine } from './logicalLine';
import { movedReport, Report, Rule, RuleContext } from './rule';

// BuildKit warns once per instruction, on the instruction's last line (parser/parser.go), so that
// is where the finding sits; a blank line itself would carry no visible squiggle anyway.
export const NoEmptyContinuation: Rule = {
  id: 'NoEmptyContinuation',
  buildkit: true,
  defaultSeverity: 'warning',
  description: 'A blank line inside a continued instruction: deprecated, a future BuildKit will refuse it.',
  check(context, report) {
    const { model } = context;
    if (!model.chunks.length) {
      for (const found of emptyContinuations(context, model.instructions)) report(found);
      return;
    }
    // A continued instruction ends in its own chunk: an unchanged chunk keeps its reports. Moved
    // (a line added above it), one without any still has none; the others are made again, as
    // their messages name lines.
    for (const { placed } of model.chunks) {
      let found = reportsByChunk.get(placed);
      if (!found || (found.lineDelta !== placed.lineDelta && found.reports.length)) {
        reportsByChunk.set(placed, (found = { lineDelta: placed.lineDelta, reports: emptyContinuations(context, placed.parts.instructions) }));
      }
      for (const kept of found.reports) report(movedReport(kept, 0));
    }
  },
};

// By placed chunk, which the next analysis shares while the chunk did not change, with where it stood then.
const reportsByChunk = new WeakMap<PlacedParts, { lineDelta: number; reports: Report[] }>();

function emptyContinuations(context: RuleContext, instructions: readonly InstructionInfo[]): Report[] {
  const { index } = context;
  const escape = context.analysis.directives.escape;
  const reports: Report[] = [];
  for (const instruction of instructions) {
    // A first line that does not continue has no continuation to be empty: most instructions need no logical line read.
    if (!index.continues(instruction.range.start.line, escape)) continue;
    const logical = readLogicalLine(index, instruction.range.start.line, escape);
    const empty = logical.emptyContinuationLines;
    if (empty.length === 0) continue;
    const last = index.lineText(logical.endLine);
    const indent = last.length - last.trimStart().length;
    const what = empty.length > 1 ? `Empty continuation lines ${empty.map((l) => l + 1).join(', ')}` : `Empty continuation line ${empty[0] + 1}`;
    // Each blank line with its line break; the file's last line has none to take.
    const edits: TextEdit[] = empty.map((line) => ({
      range: line + 1 < index.lineCount
        ? { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }
        : lineRange(line, 0, index.lineText(line).length),
      newText: '',
    }));
    reports.push({
      range: lineRange(logical.endLine, indent, Math.max(indent, last.trimEnd().length)),
      message: `${what} in this ${instruction.keyword}: a future BuildKit will refuse ${empty.length > 1 ? 'them' : 'it'}; remove ${empty.length > 1 ? 'them' : 'it'}, or write a comment there.`,
      related: empty.map((line) => ({ range: lineRange(line, 0, index.lineText(line).length), message: 'empty continuation line' })),
      fixes: [{ title: `Remove the empty continuation line${empty.length > 1 ? 's' : ''}`, edits, preferred: true }],
    });
  }
  return reports;
}
