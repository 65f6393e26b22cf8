import { Analysis, Finding, Fix, Range, TextEdit } from '../analysis';
import { comparePositions } from '../analysis/text';

/** The one fix a finding can have applied without asking: the preferred one, or the only one. */
export function automaticFix(finding: Finding): Fix | undefined {
  // A fix that runs a client command (set the build target) is the user's choice, never automatic.
  const fix = finding.fixes.find((f) => f.preferred) ?? (finding.fixes.length === 1 ? finding.fixes[0] : undefined);
  return fix?.command ? undefined : fix;
}

const within = (inner: Range, outer: Range) => comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;

/**
 * The text of `range` with the automatic fixes of the findings inside it applied (those whose
 * edits stay inside): a copy of an instruction then does not repeat a warning it had.
 */
export function fixedTextIn(analysis: Analysis, range: Range): string {
  const edits: TextEdit[] = [];
  // Findings are sorted by start: look only at those that start inside the range.
  const { findings } = analysis;
  let low = 0;
  let high = findings.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (comparePositions(findings[mid].range.start, range.start) < 0) low = mid + 1;
    else high = mid;
  }
  for (let i = low; i < findings.length && comparePositions(findings[i].range.start, range.end) <= 0; i++) {
    const finding = findings[i];
    if (!within(finding.range, range)) continue;
    const fix = automaticFix(finding);
    if (fix && fix.edits.every((e) => within(e.range, range))) edits.push(...fix.edits);
  }
  const base = analysis.lines.offsetAt(range.start);
  let text = analysis.lines.textIn(range);
  const sorted = edits.map((e) => ({ start: analysis.lines.offsetAt(e.range.start) - base, end: analysis.lines.offsetAt(e.range.end) - base, newText: e.newText }))
    .sort((a, b) => b.start - a.start);
  let limit = Infinity;
  for (const edit of sorted) {
    if (edit.end > limit) continue;
    text = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
    limit = edit.start;
  }
  return text;
}

/** Applies edits that do not overlap, last first. */
export function applyTextEdits(text: string, analysis: Pick<Analysis, 'lines'>, edits: TextEdit[]): string {
  const sorted = edits
    .map((e, order) => ({ start: analysis.lines.offsetAt(e.range.start), end: analysis.lines.offsetAt(e.range.end), newText: e.newText, order }))
    .sort((a, b) => b.start - a.start || b.order - a.order);
  let result = text;
  for (const edit of sorted) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}
