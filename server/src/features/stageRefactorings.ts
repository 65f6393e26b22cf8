// The stage refactorings offered at a range, computed from the cached analysis.
import { Analysis, Range } from '../analysis';
import type { PlannedAction } from './codeActions';
import { extractBuilderStage } from './extractStage';

export function stageRefactorings(analysis: Analysis, range: Range): PlannedAction[] {
  const actions: PlannedAction[] = [];
  const builder = extractBuilderStage(analysis, range);
  if (builder) actions.push(builder);
  return actions;
}
