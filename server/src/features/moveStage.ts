// "Move stage X above this one" for a reference to a later stage: the stage (with the comments on
// its FROM) moves just above the stage that uses it, and numeric references follow the new order.
// Offered only when the moved file analyses with the reference resolved and no new problem.
import { analyze, Analysis, AnalysisOptions, Finding, Fix, TextEdit, TRANSIENT } from '../analysis';
import { quote } from '../analysis/rules/rule';
import { asKeywordLike, lineBreakOf, stageInsertionPoint } from '../analysis/rules/stageEdits';
import { suggestedName } from './stageNames';
import { applyTextEdits } from './automaticFix';

export function moveStageFixes(analysis: Analysis, options: AnalysisOptions, finding: Finding): Fix[] {
  if (finding.rule !== 'InvalidStageReference') return [];
  const reference = analysis.references.find((r) => r.target.kind === 'invalid' && r.range.start.line === finding.range.start.line && r.range.start.character === finding.range.start.character);
  if (!reference || reference.target.kind !== 'invalid' || reference.target.stage === undefined) return [];
  if (reference.target.reason !== 'later' && reference.target.reason !== 'index-not-earlier') return [];
  const moved = reference.target.stage;
  const user = reference.stage;
  // The last stage is the default target: moving it would build another one.
  if (moved <= user || (moved === analysis.stages.length - 1 && !options.target)) return [];

  const newIndex = (old: number) => (old === moved ? user : old >= user && old < moved ? old + 1 : old);
  const eol = lineBreakOf(analysis.text);
  const start = stageInsertionPoint(analysis, moved);
  const last = analysis.stages[moved].range.end.line;
  const startOffset = analysis.lines.offsetAt(start);
  const endOffset = last + 1 < analysis.lines.lineCount ? analysis.lines.lineStart(last + 1) : analysis.text.length;
  const inside = (line: number) => line >= start.line && line <= last;

  const innerEdits: TextEdit[] = [];
  const outerEdits: TextEdit[] = [];
  // A `--from=N` to the moved stage then uses its name, naming the stage first if it has none.
  const stage = analysis.stages[moved];
  const byIndex = /^[0-9]+$/.test(reference.text);
  const name = byIndex ? stage.key ?? suggestedName(analysis, moved, new Set()) : undefined;
  if (byIndex && !stage.key) innerEdits.push({ range: { start: stage.base.range.end, end: stage.base.range.end }, newText: ` ${asKeywordLike(analysis, moved)} ${name}` });
  for (const r of analysis.references) {
    let newText: string | undefined;
    if (r.target.kind === 'stage' && r.target.by === 'index' && newIndex(r.target.stage) !== r.target.stage) newText = String(newIndex(r.target.stage));
    if (r === reference && name) newText = name;
    if (newText === undefined) continue;
    (inside(r.range.start.line) ? innerEdits : outerEdits).push({ range: r.range, newText });
  }
  // The inner edits all lie inside the moved lines: only the end of the slice shifts.
  const withInner = applyTextEdits(analysis.text, analysis, innerEdits);
  let text = withInner.slice(startOffset, endOffset + withInner.length - analysis.text.length);
  if (!text.endsWith('\n')) text += eol;
  const at = stageInsertionPoint(analysis, user);
  // The stage takes its blank line along: stages separated by one stay so.
  const blank = (line: number) => line >= 0 && analysis.lines.lineText(line).trim() === '';
  if (blank(at.line - 1)) text += eol;
  const removeFrom = blank(start.line - 1) ? analysis.lines.lineStart(start.line - 1) : startOffset;
  const edits: TextEdit[] = [
    { range: { start: at, end: at }, newText: text },
    ...outerEdits,
    { range: analysis.lines.rangeAt(removeFrom, endOffset), newText: '' },
  ];
  const after = analyze(applyTextEdits(analysis.text, analysis, edits), options, undefined, TRANSIENT);
  const problems = (a: Analysis) => a.findings.filter((f) => f.severity === 'error' || f.severity === 'warning').length;
  if (problems(after) >= problems(analysis)) return [];
  const title = `Move stage ${stage.name ? quote(stage.name) : moved} above this one${name ? ` and use its name ${quote(name)}` : ''}`;
  return [{ title, edits, preferred: true }];
}
