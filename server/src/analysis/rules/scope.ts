// Helpers shared by the rules about variable scopes.
import { StageIndex, stageChain } from '../resolve';
import { Analysis, Position, VariableDeclaration, VariableUse } from '../types';
import { comparePositions } from '../text';

/** Modifiers that supply a value when the variable is unset, so an unset variable is intended. */
export function hasDefault(modifier: string | undefined): boolean {
  return modifier !== undefined && /^:?[-+?]$/.test(modifier);
}

/** Names declared (ARG or ENV) and visible at a position in a stage. */
export function namesInScope(analysis: Omit<Analysis, 'findings'>, stage: number, position: Position): Set<string> {
  const chain = new Set(stageChain(analysis.stages, stage));
  const names = new Set<string>();
  for (const d of analysis.declarations) {
    if (!chain.has(d.scope)) continue;
    if (d.scope === stage && comparePositions(d.instructionRange.end, position) >= 0) continue;
    names.add(d.name);
  }
  return names;
}

/** True when the stage's chain of FROM <stage> ends at scratch: no image environment at all. */
export function builtOnScratch(analysis: Omit<Analysis, 'findings'>, stage: number): boolean {
  const seen = new Set<number>();
  let current: number | undefined = stage;
  while (current !== undefined && !seen.has(current)) {
    seen.add(current);
    const base: Analysis['stages'][number]['base'] | undefined = analysis.stages[current]?.base;
    if (!base) return false;
    if (base.kind === 'scratch') return true;
    if (base.kind !== 'stage') return false;
    current = base.stage;
  }
  return false;
}

/** Where a name is declared outside the use's scope, for messages. */
export function declaredElsewhere(analysis: Omit<Analysis, 'findings'>, use: VariableUse): VariableDeclaration | undefined {
  return analysis.declarations.find((d) => d.name === use.name && d.scope >= 0);
}

export function stageLabel(analysis: Omit<Analysis, 'findings'>, index: number): string {
  const stage = analysis.stages[index];
  return stage?.name ? `'${stage.name}'` : `${index}`;
}

/** Inserts `ARG NAME` on the line after the stage's FROM instruction. */
export function redeclareEdit(analysis: Omit<Analysis, 'findings'>, stageIndex: number, name: string) {
  const stage = analysis.stages[stageIndex];
  const eol = analysis.text.includes('\r\n') ? '\r\n' : '\n';
  return { range: { start: stage.fromRange.end, end: stage.fromRange.end }, newText: `${eol}ARG ${name}` };
}

export type { StageIndex };
