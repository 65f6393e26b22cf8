// Inline stage: a stage used once, as the FROM base of a later stage, folds into that stage (its
// FROM and instructions take the place of the user's FROM base). Offered only when the folded file
// analyses with no new problem.
import { analyze, Analysis, AnalysisOptions, Position, Range, TextEdit, TRANSIENT } from '../analysis';
import { rangeContains } from '../analysis/text';
import { quote } from '../analysis/rules/rule';
import { lineBreakOf, renumberedIndexEdits, stageInsertionPoint } from '../analysis/rules/stageEdits';
import { applyTextEdits } from './automaticFix';
import type { PlannedAction } from './codeActions';

export function inlineStage(analysis: Analysis, options: AnalysisOptions, range: Range): PlannedAction | undefined {
  const inlined = analysis.stages.find((s) => rangeContains(s.fromRange, range.start));
  if (!inlined || inlined.index === analysis.graph.target || inlined.platform) return undefined;
  const uses = analysis.graph.edges.filter((e) => e.to === inlined.index);
  if (uses.length !== 1 || uses[0].kind !== 'from') return undefined;
  const user = analysis.stages[uses[0].from];
  if (user.platform || inlined.instructions.some((i) => i.keyword === 'ONBUILD')) return undefined;

  const eol = lineBreakOf(analysis.text);
  const offset = (p: Position) => analysis.lines.offsetAt(p);
  const body = inlined.instructions.length
    ? analysis.text.slice(analysis.lines.lineStart(inlined.fromRange.end.line + 1), offset(inlined.range.end))
    : '';
  const start = stageInsertionPoint(analysis, inlined.index);
  const blankAbove = start.line > 0 && analysis.lines.lineText(start.line - 1).trim() === '';
  const removeFrom = blankAbove ? analysis.lines.lineStart(start.line - 1) : offset(start);
  const endLine = inlined.range.end.line + 1;
  const removeTo = endLine < analysis.lines.lineCount ? analysis.lines.lineStart(endLine) : analysis.text.length;
  const userFromEnd = user.fromRange.end;
  const edits: TextEdit[] = [
    { range: analysis.lines.rangeAt(removeFrom, removeTo), newText: '' },
    { range: user.base.range, newText: analysis.lines.textIn(inlined.base.range) },
    ...(body ? [{ range: { start: userFromEnd, end: userFromEnd }, newText: `${eol}${body}` }] : []),
    ...renumberedIndexEdits(analysis, (old) => (old > inlined.index ? old - 1 : old)),
  ];
  const problems = (a: Analysis) => a.findings.filter((f) => f.severity === 'error' || f.severity === 'warning').length;
  if (problems(analyze(applyTextEdits(analysis.text, analysis, edits), options, undefined, TRANSIENT)) > problems(analyze(analysis.text, options, undefined, TRANSIENT))) return undefined;
  return { title: `Inline stage ${quote(inlined.name ?? String(inlined.index))} into ${quote(user.name ?? String(user.index))}`, kind: 'refactor.inline', edits };
}
