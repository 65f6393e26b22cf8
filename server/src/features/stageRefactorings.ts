// The stage refactorings offered at a range, computed from the cached analysis.
import { Analysis, Range } from '../analysis';
import type { PlannedAction } from './codeActions';
import { extractBuilderStage } from './extractStage';
import { nameStage, useStageNames } from './stageNames';

export function stageRefactorings(analysis: Analysis, range: Range): PlannedAction[] {
  const actions: PlannedAction[] = [];
  for (const action of [extractBuilderStage(analysis, range), nameStage(analysis, range), useStageNames(analysis, range)]) {
    if (action) actions.push(action);
  }
  return actions;
}
