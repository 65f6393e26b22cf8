// Fixes for a stage name BuildKit refuses or reads ambiguously: rename the stage, references
// included, through the rename feature (it only touches recorded ranges, and refuses clashes).
import { Analysis, Finding, Fix } from '../analysis';
import { freeStageName, stageNameFrom } from '../analysis/rules/stageEdits';
import { quote } from '../analysis/rules/rule';
import { rename, RenameRejection } from './rename';

// The name wanted; freeStageName appends -2, -3... while it is taken (a duplicate's own name always is).
const NEW_NAME: Record<string, (key: string) => string> = {
  DuplicateStageName: (key) => key,
  ReservedStageName: (key) => `${key}-stage`,
  InvalidStageName: (key) => stageNameFrom(key, 'stage'),
};

export function namingFixes(analysis: Analysis, finding: Finding): Fix[] {
  const wanted = NEW_NAME[finding.rule];
  if (!wanted) return [];
  const key = analysis.lines.textIn(finding.range).toLowerCase();
  const newName = freeStageName(analysis, wanted(key));
  try {
    const edits = rename(analysis, finding.range.start, newName);
    return edits.length ? [{ title: `Rename the stage to ${quote(newName)}`, edits, preferred: true }] : [];
  } catch (error) {
    if (error instanceof RenameRejection) return [];
    throw error;
  }
}
