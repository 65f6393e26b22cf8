import { Analysis, Range } from '../analysis';
import type { PlannedAction } from './codeActions';

export function extractBuilderStage(analysis: Analysis, range: Range): PlannedAction | undefined {
  void analysis;
  void range;
  return undefined;
}
