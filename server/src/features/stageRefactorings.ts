// The stage refactorings offered at a range, computed from the cached analysis.
import { Analysis, AnalysisOptions, Range } from '../analysis';
import type { PlannedAction } from './codeActions';
import { extractBuilderStage, extractStage } from './extractStage';
import { inlineStage } from './inlineStage';
import { nameStage, useStageNames } from './stageNames';

export function stageRefactorings(analysis: Analysis, options: AnalysisOptions, range: Range): PlannedAction[] {
  const actions: PlannedAction[] = [];
  for (const action of [extractBuilderStage(analysis, range), extractStage(analysis, range), inlineStage(analysis, options, range), nameStage(analysis, range), useStageNames(analysis, range)]) {
    if (action) actions.push(action);
  }
  return actions;
}
