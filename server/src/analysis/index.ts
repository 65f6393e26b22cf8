// analyze(text) -> Analysis: the one entry point of the analysis. Pure: no I/O, no LSP types.
import { buildModel } from './model';
import { buildGraph } from './graph';
import { resolveBases, resolveOnbuildReferences, resolveReferences, resolveUses, StageIndex } from './resolve';
import { RULES } from './rules';
import { Rule, RuleContext } from './rules/rule';
import { Analysis, AnalysisOptions, Finding, Severity } from './types';
import { comparePositions } from './text';
import { InstructionSkips } from './suppressions';

export * from './types';
export { RULES, RULES_BY_ID } from './rules';

export function analyze(text: string, options: AnalysisOptions = {}): Analysis {
  const model = buildModel(text);
  const stages = new StageIndex(model.stages);
  resolveBases(model, options, stages);
  const references = resolveReferences(model, options, stages);
  const partial: Omit<Analysis, 'findings'> = {
    text,
    lines: model.index,
    directives: { escape: model.directives.escape, syntax: model.directives.syntax, check: model.directives.check },
    stages: model.stages,
    instructions: model.instructions,
    references,
    declarations: model.declarations,
    uses: resolveUses(model),
    graph: buildGraph(model.stages, [...references, ...resolveOnbuildReferences(model, options, stages)], stages, options.target),
  };
  const context: RuleContext = { model, analysis: partial, options, stages, index: model.index };
  const findings: Finding[] = [];
  const instructionSkips = new InstructionSkips(model);
  for (const rule of RULES) {
    if (isSkipped(rule, partial.directives.check)) continue;
    rule.check(context, (report) => {
      if (rule.buildkit && instructionSkips.skips(rule.id, report.range.start.line)) return;
      findings.push({
        rule: rule.id,
        message: report.message,
        range: report.range,
        severity: severityFor(rule, report.severity ?? rule.defaultSeverity, partial.directives.check.error),
        fixes: report.fixes ?? [],
        related: report.related,
        tags: report.tags,
      });
    });
  }
  findings.sort((a, b) => comparePositions(a.range.start, b.range.start) || a.rule.localeCompare(b.rule));
  return { ...partial, findings };
}

function isSkipped(rule: Rule, check: Analysis['directives']['check']): boolean {
  if (check.skip === 'all') return rule.buildkit && !rule.experimental;
  return check.skip.has(rule.id.toLowerCase());
}

function severityFor(rule: Rule, severity: Severity, checkError: boolean): Severity {
  return rule.buildkit && checkError ? 'error' : severity;
}

export type RuleSeverity = Severity | 'off';

/** Applies the user's per-rule severities (`dockerfileStages.rules`); 'off' drops the finding. */
export function applySeverities(findings: Finding[], overrides: Record<string, RuleSeverity | undefined> | undefined): Finding[] {
  if (!overrides) return findings;
  const result: Finding[] = [];
  for (const finding of findings) {
    const override = overrides[finding.rule];
    if (override === 'off') continue;
    result.push(override ? { ...finding, severity: override } : finding);
  }
  return result;
}
