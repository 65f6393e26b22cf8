// Go to definition: from a stage reference to the stage's name in its FROM line (every candidate
// stage of an ARG-dependent FROM), from a variable use to the declarations in scope.
import { Analysis, Position, Range } from '../analysis';
import { mentionAt } from './mentions';

export interface DefinitionTarget {
  /** What the client underlines as the link. */
  originRange: Range;
  /** The whole declaring instruction. */
  targetRange: Range;
  /** The name inside it. */
  targetSelectionRange: Range;
}

export function definition(analysis: Analysis, position: Position): DefinitionTarget[] {
  const { variable, stage } = mentionAt(analysis, position);
  if (variable) {
    // A use the analysis leaves unresolved may still belong to a variable (an ARG's self-reference).
    let declarations = variable.use?.declarations.length ? variable.use.declarations : variable.symbol?.declarations ?? [];
    if (variable.declaration) {
      // On a declaration: a redeclared ARG leads to the global it takes its value from.
      const own = variable.declaration;
      const globals = own.kind === 'ARG' && own.scope >= 0
        ? (variable.symbol?.declarations ?? []).filter((d) => d.scope === -1 && d.kind === 'ARG')
        : [];
      declarations = [own, ...globals];
    }
    return declarations.map((d) => ({ originRange: variable.range, targetRange: d.instructionRange, targetSelectionRange: d.range }));
  }
  if (!stage) return [];
  return stage.stages.map((index) => {
    const target = analysis.stages[index];
    // An unnamed stage is known by its base image.
    return { originRange: stage.range, targetRange: target.fromRange, targetSelectionRange: target.nameRange ?? target.base.range };
  });
}
