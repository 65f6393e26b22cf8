// Code actions as an editor asks for them, and the check every applied action must pass.
import assert from 'node:assert/strict';
import { Analysis, AnalysisOptions, Range } from '../../server/src/analysis';
import { rangeContains } from '../../server/src/analysis/text';
import { codeActions, PlannedAction } from '../../server/src/features/codeActions';

/** The actions an editor gets at `range`, with the diagnostics that touch it. */
export function actionsAt(analysis: Analysis, options: AnalysisOptions, range: Range, only?: string[]): PlannedAction[] {
  const touching = analysis.findings.filter((f) => rangeContains(f.range, range.start) || rangeContains(range, f.range.start));
  return codeActions(analysis, options, { range, diagnostics: touching.map((f) => ({ range: f.range, code: f.rule })), only });
}

/** Errors and warnings by rule: a fix may lower these counts, never raise one. */
function problemsByRule(analysis: Analysis): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of analysis.findings) {
    if (f.severity === 'error' || f.severity === 'warning') counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  }
  return counts;
}

export function assertNoNewProblems(before: Analysis, after: Analysis, label: string): void {
  const was = problemsByRule(before);
  for (const [rule, count] of problemsByRule(after)) {
    assert.ok(count <= (was.get(rule) ?? 0), `${label}: ${rule} went from ${was.get(rule) ?? 0} to ${count}:\n${after.findings.filter((f) => f.rule === rule).map((f) => `  ${f.range.start.line + 1}: ${f.message}`).join('\n')}\n--- result ---\n${after.text}`);
  }
}

