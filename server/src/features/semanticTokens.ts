// Semantic tokens: stage names where declared (AS) and referenced (FROM, --from, mount from=), ARGs
// and ENVs where declared and used. One pass over the mentions, which are already in file order.
import { Analysis } from '../analysis';
import { mentionsOf, StageMention, VariableMention } from './mentions';

export const TOKEN_TYPES = ['class', 'parameter', 'variable'] as const;
export const TOKEN_MODIFIERS = ['declaration', 'defaultLibrary'] as const;
export const SEMANTIC_TOKENS_LEGEND = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

type TokenType = (typeof TOKEN_TYPES)[number];
type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

const typeIndex = (type: TokenType) => TOKEN_TYPES.indexOf(type);
const modifierBits = (modifiers: TokenModifier[]) => modifiers.reduce((bits, m) => bits | (1 << TOKEN_MODIFIERS.indexOf(m)), 0);

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// What BuildKit accepts as a stage name (InvalidStageName reports the rest): template text is no name.
const STAGE_NAME = /^[A-Za-z][A-Za-z0-9-_.]*$/;
const STAGE_DECLARATION = [typeIndex('class'), modifierBits(['declaration'])] as const;
const STAGE_REFERENCE = [typeIndex('class'), 0] as const;

/** LSP's relative encoding: five numbers a token (line delta, start delta, length, type, modifiers). */
export function semanticTokens(analysis: Analysis): number[] {
  const { stages, variables } = mentionsOf(analysis);
  const data: number[] = [];
  let lastLine = 0;
  let lastStart = 0;
  let lastEnd = { line: -1, character: 0 };
  const push = (range: StageMention['range'], type: number, modifiers: number) => {
    const { start, end } = range;
    // Tokens cannot span lines, and must not overlap the one before.
    if (end.line !== start.line || end.character <= start.character) return;
    if (start.line < lastEnd.line || (start.line === lastEnd.line && start.character < lastEnd.character)) return;
    data.push(start.line - lastLine, start.line === lastLine ? start.character - lastStart : start.character, end.character - start.character, type, modifiers);
    lastLine = start.line;
    lastStart = start.character;
    lastEnd = end;
  };
  let s = 0;
  let v = 0;
  // Merge the two sorted lists.
  while (s < stages.length || v < variables.length) {
    const stage = stages[s];
    const variable = variables[v];
    const stageFirst = stage && (!variable || before(stage.range.start, variable.range.start));
    if (stageFirst) {
      s++;
      // An ARG-dependent FROM holds variables, which get their own tokens.
      if (stage.by === 'variable') continue;
      if (stage.by === 'name' && !STAGE_NAME.test(analysis.lines.textIn(stage.range))) continue;
      const [type, modifiers] = stage.role === 'declaration' ? STAGE_DECLARATION : STAGE_REFERENCE;
      push(stage.range, type, modifiers);
    } else {
      v++;
      // Template placeholders (`ENV X={{ .y }}`) parse as declarations of names no `$` can reach.
      if (!VARIABLE_NAME.test(variable.name)) continue;
      const [type, modifiers] = variableToken(variable);
      push(variable.range, type, modifiers);
    }
  }
  return data;
}

function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** ARGs are the build's parameters, ENVs its variables; predefined ARGs come from the builder. */
function variableToken(mention: VariableMention): [number, number] {
  if (mention.declaration) {
    return [typeIndex(mention.declaration.kind === 'ARG' ? 'parameter' : 'variable'), modifierBits(['declaration'])];
  }
  const use = mention.use!;
  if (use.resolution === 'predefined') return [typeIndex('parameter'), modifierBits(['defaultLibrary'])];
  const nearest = use.declarations[0] ?? mention.symbol?.declarations[0];
  return [typeIndex(nearest?.kind === 'ARG' ? 'parameter' : 'variable'), 0];
}
