// analyze(text) -> Analysis: the one entry point of the analysis. Pure: no I/O, no LSP types.
import { buildModel, ChunkModel, localModel, Model, releaseLocalModel } from './model';
import { buildGraph } from './graph';
import { resolveBases, resolveOnbuildReferences, resolveReferences, resolveUses, StageIndex } from './resolve';
import { RULES } from './rules';
import { movedReport, Report, Rule, RuleContext } from './rules/rule';
import { Analysis, AnalysisOptions, Finding, Severity } from './types';
import { comparePositions } from './text';
import { InstructionSkips } from './suppressions';

export * from './types';
export { RULES, RULES_BY_ID } from './rules';

/**
 * `previous`, the last analysis of the same document, only saves work: the result is what
 * `analyze(text, options)` gives (the property test in test/unit/incremental.test.ts). It is
 * consumed: chunks a line added above moved are moved in place, so its positions may be the new
 * text's afterwards (model.ts `movedInPlace`); read it no more. Only an analysis made from it
 * changes it: one made without `previous` that shares its chunks leaves them as they are.
 */
export function analyze(text: string, options: AnalysisOptions = {}, previous?: Analysis, use: AnalysisUse = {}): Analysis {
  // Each chunk's stage-scoped reports are worked out as soon as it is placed and its own model let
  // go then, not at the end: an open of a large file no longer holds every chunk's own model at
  // once beside the placed copies.
  const model = buildModel(text, previous && models.get(previous), (chunk) => {
    allStageReports(chunk);
    releaseLocalModel(chunk, STAGE_RULE_IDS);
  }, use.transient);
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
  const { check } = partial.directives;
  const add = (rule: Rule, report: Report) => {
    if (rule.buildkit && instructionSkips.skips(rule.id, report.range.start.line)) return;
    findings.push({
      rule: rule.id,
      message: report.message,
      range: report.range,
      severity: severityFor(rule, report.severity ?? rule.defaultSeverity, check.error),
      fixes: report.fixes ?? [],
      related: report.related,
      tags: report.tags,
    });
  };
  // Stage-scoped reports chunk by chunk, one list per chunk: most chunks have none, and a keystroke
  // no longer asks every chunk once per rule. The sort below puts them in place among the others.
  if (model.chunks.length) {
    for (const { chunk, lineDelta } of model.chunks) {
      for (const { rule, report } of allStageReports(chunk)) if (!isSkipped(rule, check)) add(rule, movedReport(report, lineDelta));
    }
  }
  for (const rule of RULES) {
    if (isSkipped(rule, check) || (rule.scope === 'stage' && model.chunks.length)) continue;
    rule.check(context, (report) => add(rule, report));
  }
  findings.sort((a, b) => comparePositions(a.range.start, b.range.start) || a.rule.localeCompare(b.rule));
  const analysis = { ...partial, findings };
  models.set(analysis, model);
  return analysis;
}

export interface AnalysisUse {
  /**
   * Read only until the caller returns, and never built from: a "what if" of a feature (does a
   * fix or a refactoring add problems?). It takes the chunks the document's analysis placed where
   * it finds them without holding them, so the document's next edit may still move them in place.
   */
  transient?: boolean;
}

export const TRANSIENT: AnalysisUse = { transient: true };

// Each analysis's model, for the next analysis of the same document to start from.
const models = new WeakMap<Analysis, Model>();

/** The model under an analysis, for the tests that compare incremental and whole-text models. */
export function modelOf(analysis: Analysis): Model | undefined {
  return models.get(analysis);
}

const STAGE_RULES = RULES.filter((rule) => rule.scope === 'stage');
const STAGE_RULE_IDS = STAGE_RULES.map((rule) => rule.id);

// Every stage-scoped rule's reports on a chunk, in rule order, worked out once per chunk.
const stageReports = new WeakMap<ChunkModel, { rule: Rule; report: Report }[]>();

function allStageReports(chunk: ChunkModel): { rule: Rule; report: Report }[] {
  let all = stageReports.get(chunk);
  if (!all) {
    all = [];
    for (const rule of STAGE_RULES) for (const report of chunkReports(rule, chunk)) all.push({ rule, report });
    stageReports.set(chunk, all);
  }
  return all;
}

/** A stage-scoped rule's reports on the chunk alone (positions from the chunk's first line), computed once per chunk. */
function chunkReports(rule: Rule, chunk: ChunkModel): Report[] {
  let reports = chunk.reports.get(rule.id) as Report[] | undefined;
  if (!reports) {
    const model = localModel(chunk);
    const found: Report[] = [];
    const analysis: Omit<Analysis, 'findings'> = {
      text: model.index.text,
      lines: model.index,
      directives: { escape: model.directives.escape, check: model.directives.check },
      stages: model.stages,
      instructions: model.instructions,
      references: [],
      declarations: model.declarations,
      uses: [],
      graph: { edges: [], target: -1, reachable: new Set() },
    };
    rule.check({ model, analysis, options: {}, stages: new StageIndex(model.stages), index: model.index }, (report) => found.push(report));
    chunk.reports.set(rule.id, (reports = found));
  }
  return reports;
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
