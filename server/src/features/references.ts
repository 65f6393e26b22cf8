// Find references and document highlight: every mention of the stage or variable under the cursor.
import { Analysis, Position, Range } from '../analysis';
import { comparePositions } from '../analysis/text';
import { mentionAt, stageMentions } from './mentions';

export interface SymbolOccurrence {
  range: Range;
  /** A declaration (AS name, ARG, ENV) writes the symbol; everything else reads it. */
  role: 'declaration' | 'reference';
}

/** Every occurrence of the symbol under the cursor, in file order; empty when there is none. */
export function occurrences(analysis: Analysis, position: Position): SymbolOccurrence[] {
  const { variable, stage } = mentionAt(analysis, position);
  if (variable) {
    const symbol = variable.symbol;
    if (!symbol) return [];
    const result: SymbolOccurrence[] = [
      ...symbol.declarations.map((d) => ({ range: d.range, role: 'declaration' as const })),
      ...symbol.uses.map((u) => ({ range: u.range, role: 'reference' as const })),
    ];
    return result.sort((a, b) => comparePositions(a.range.start, b.range.start));
  }
  if (!stage) return [];
  const result: SymbolOccurrence[] = [];
  const seen = new Set<string>();
  for (const index of stage.stages) {
    for (const mention of stageMentions(analysis, index)) {
      const key = `${mention.range.start.line}:${mention.range.start.character}`;
      if (seen.has(key)) continue;
      seen.add(key);
      result.push({ range: mention.range, role: mention.role });
    }
  }
  return result.sort((a, b) => comparePositions(a.range.start, b.range.start));
}

export function references(analysis: Analysis, position: Position, includeDeclaration: boolean): Range[] {
  return occurrences(analysis, position)
    .filter((o) => includeDeclaration || o.role !== 'declaration')
    .map((o) => o.range);
}

export type HighlightKind = 'read' | 'write';

export function documentHighlights(analysis: Analysis, position: Position): { range: Range; kind: HighlightKind }[] {
  return occurrences(analysis, position).map((o) => ({ range: o.range, kind: o.role === 'declaration' ? 'write' : 'read' }));
}
