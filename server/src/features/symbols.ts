import { DocumentSymbol, SymbolKind } from 'vscode-languageserver-types';
import { Analysis, InstructionInfo } from '../analysis';
import { continuationAt } from '../analysis/text';

const WORDS_MAX = 80;

function firstLine(text: string): string {
  const line = text.split(/\r?\n|\r/, 1)[0];
  return line.length > WORDS_MAX ? `${line.slice(0, WORDS_MAX - 1)}…` : line;
}

/**
 * The instruction as one line, as the outline names it: keyword and arguments with the
 * continuation escapes, comment lines and line breaks of a continued instruction taken out, blanks
 * collapsed, heredoc bodies left out. Reads only as many lines as the name can show.
 */
function instructionWords(analysis: Analysis, instruction: InstructionInfo): string {
  const { start, end } = instruction.range;
  const lastLine = instruction.heredocs?.length ? Math.min(end.line, instruction.heredocs[0].bodyStartLine - 1) : end.line;
  const parts: string[] = [];
  let length = 0;
  for (let line = start.line; line <= lastLine && length <= WORDS_MAX; line++) {
    const text = analysis.lines.lineText(line).slice(line === start.line ? start.character : 0);
    if (line > start.line && /^\s*#/.test(text)) continue; // BuildKit drops comment lines inside an instruction
    const at = continuationAt(text, analysis.directives.escape);
    const words = (at < 0 ? text : text.slice(0, at)).replace(/\s+/g, ' ').trim();
    if (words) {
      parts.push(words);
      length += words.length + 1;
    }
    if (at < 0) break;
  }
  return firstLine(parts.join(' '));
}

// By instruction: an instruction of a chunk that did not change is the same object in the next
// analysis (model.ts shares placed chunks, and moves them in place when lines are added above), so
// after a keystroke only its stage's are redone. A symbol holds the instruction's own ranges, which
// move with it.
const instructionSymbols = new WeakMap<InstructionInfo, DocumentSymbol>();

function instructionSymbol(analysis: Analysis, instruction: InstructionInfo): DocumentSymbol {
  let symbol = instructionSymbols.get(instruction);
  if (!symbol) {
    symbol = { name: instructionWords(analysis, instruction), kind: SymbolKind.Field, range: instruction.range, selectionRange: instruction.keywordRange };
    instructionSymbols.set(instruction, symbol);
  }
  return symbol;
}

/** The outline's size when no setting says otherwise: far above any real Dockerfile (the largest of the corpus has about 650). */
export const OUTLINE_MAX_ITEMS = 1000;

/**
 * One symbol per stage with its instructions as children; global ARGs at the top. At most
 * `maxItems` symbols: every stage is listed, and instructions in file order until the rest is
 * used up. Like VS Code's own `json.maxItemsComputed`, a generated file of tens of thousands of
 * lines keeps an outline the client can take in at once (each symbol is about 200 bytes of JSON).
 */
export function documentSymbols(analysis: Analysis, maxItems = OUTLINE_MAX_ITEMS): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  const globals = analysis.declarations.filter((d) => d.scope === -1);
  let room = Math.max(0, maxItems - analysis.stages.length - (globals.length ? 1 : 0));
  const take = (count: number) => {
    const taken = Math.min(count, room);
    room -= taken;
    return taken;
  };
  if (globals.length) {
    // One group, so the outline's top level stays a list of stages.
    const first = globals[0].instructionRange;
    symbols.push({
      name: 'global ARGs',
      detail: `${globals.length} before the first FROM`,
      kind: SymbolKind.Namespace,
      range: { start: first.start, end: globals[globals.length - 1].instructionRange.end },
      selectionRange: first,
      children: globals.slice(0, take(globals.length)).map((d) => ({
        name: d.name,
        detail: d.value !== undefined ? `${d.kind} = ${firstLine(d.value)}` : d.kind,
        kind: SymbolKind.Variable,
        range: d.instructionRange,
        selectionRange: d.range,
      })),
    });
  }
  for (const stage of analysis.stages) {
    const shown = take(stage.instructions.length);
    const children: DocumentSymbol[] = [];
    for (let i = 0; i < shown; i++) children.push(instructionSymbol(analysis, stage.instructions[i]));
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
