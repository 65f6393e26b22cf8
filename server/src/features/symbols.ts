import { DocumentSymbol, SymbolKind } from 'vscode-languageserver-types';
import { Analysis, Range } from '../analysis';

function instructionSymbol(keyword: string, detail: string, range: Range, selection: Range): DocumentSymbol {
  return { name: keyword, detail, kind: SymbolKind.Field, range, selectionRange: selection };
}

function firstLine(text: string): string {
  const line = text.split(/\r?\n|\r/, 1)[0];
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

/** One symbol per stage with its instructions as children; global ARGs at the top. */
export function documentSymbols(analysis: Analysis): DocumentSymbol[] {
  // The instruction's arguments, first line only, for the outline's detail.
  const textOf = (range: Range, keyword: Range) => {
    const end = range.end.line === keyword.end.line ? range.end : { line: keyword.end.line, character: Number.MAX_SAFE_INTEGER };
    return firstLine(analysis.lines.textIn({ start: keyword.end, end }).trim());
  };
  const symbols: DocumentSymbol[] = [];
  const globals = analysis.declarations.filter((d) => d.scope === -1);
  if (globals.length) {
    // One group, so the outline's top level stays a list of stages.
    const first = globals[0].instructionRange;
    symbols.push({
      name: 'global ARGs',
      detail: `${globals.length} before the first FROM`,
      kind: SymbolKind.Namespace,
      range: { start: first.start, end: globals[globals.length - 1].instructionRange.end },
      selectionRange: first,
      children: globals.map((d) => ({
        name: d.name,
        detail: d.value !== undefined ? `${d.kind} = ${firstLine(d.value)}` : d.kind,
        kind: SymbolKind.Variable,
        range: d.instructionRange,
        selectionRange: d.range,
      })),
    });
  }
  for (const stage of analysis.stages) {
    const children: DocumentSymbol[] = [];
    for (const instruction of stage.instructions) {
      children.push(instructionSymbol(instruction.keyword, textOf(instruction.range, instruction.keywordRange), instruction.range, instruction.keywordRange));
    }
    symbols.push({
      name: stage.name ?? `stage ${stage.index}`,
      detail: `FROM ${stage.base.text}`,
      kind: SymbolKind.Class,
      range: stage.range,
      selectionRange: stage.nameRange ?? stage.fromKeywordRange,
      children,
    });
  }
  return symbols;
}
