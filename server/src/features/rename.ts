// Rename a stage (its AS name and every reference by name; numbers keep pointing at the same
// stage) or an ARG/ENV variable through its scope chain. Only the recorded ranges are edited, so
// words in RUN commands, heredocs and comments are never touched.
import { Analysis, Position, Range, TextEdit } from '../analysis';
import { isAlwaysPredefined, isPlatformArg } from '../analysis/resolve';
import { mentionAt, mentionsOf, StageMention, stageLabel, stageMentions, VariableMention, VariableSymbol } from './mentions';

/** A rename that cannot be done, with the reason to show the user. */
export class RenameRejection extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RenameRejection';
  }
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;
const RESERVED_STAGE_NAMES = new Set(['scratch', 'context']);

type RenameTarget =
  | { kind: 'variable'; symbol: VariableSymbol; mention: VariableMention }
  | { kind: 'stage'; stage: number; mention: StageMention };

export function prepareRename(analysis: Analysis, position: Position): { range: Range; placeholder: string } {
  const target = renameTarget(analysis, position);
  if (target.kind === 'variable') return { range: target.mention.range, placeholder: target.symbol.name };
  return { range: target.mention.range, placeholder: analysis.stages[target.stage].name! };
}

export function rename(analysis: Analysis, position: Position, newName: string): TextEdit[] {
  const target = renameTarget(analysis, position);
  return target.kind === 'variable'
    ? renameVariable(analysis, target.symbol, newName)
    : renameStage(analysis, target.stage, newName);
}

function renameTarget(analysis: Analysis, position: Position): RenameTarget {
  const { variable, stage } = mentionAt(analysis, position);
  if (variable) {
    if (variable.symbol) return { kind: 'variable', symbol: variable.symbol, mention: variable };
    const use = variable.use;
    const name = code(variable.name);
    if (use?.resolution === 'predefined') throw new RenameRejection(`${name} is a predefined build argument; it cannot be renamed.`);
    if (use?.resolution === 'outOfScope') throw new RenameRejection(`${name} is not in scope here; rename it where it is declared.`);
    throw new RenameRejection(`${name} is declared nowhere in this file (it may come from the base image); there is nothing to rename.`);
  }
  if (!stage) throw new RenameRejection('Only stage names and ARG or ENV variables can be renamed.');
  if (stage.by === 'variable') {
    throw new RenameRejection('This FROM picks its stage through a build argument; rename the stage at its AS name.');
  }
  const index = stage.stages[0];
  if (!analysis.stages[index].name) {
    throw new RenameRejection(`Stage ${index} has no name; add \`AS <name>\` to its FROM line to give it one.`);
  }
  return { kind: 'stage', stage: index, mention: stage };
}

function renameStage(analysis: Analysis, index: number, newName: string): TextEdit[] {
  const stage = analysis.stages[index];
  if (newName === stage.name) return [];
  const key = newName.toLowerCase();
  if (!STAGE_NAME.test(key)) {
    throw new RenameRejection(`${code(newName)} is not a valid stage name: use a letter, then letters, digits, \`-\`, \`_\` or \`.\`.`);
  }
  if (key !== newName) {
    throw new RenameRejection(`Stage names are lowercase: BuildKit stores ${code(newName)} as ${code(key)}, and \`FROM ${newName}\` would name an image. Use ${code(key)}.`);
  }
  if (RESERVED_STAGE_NAMES.has(key)) throw new RenameRejection(`${code(key)} is reserved by BuildKit and cannot name a stage.`);
  const taken = analysis.stages.find((s) => s.key === key && s.index !== index);
  if (taken) throw new RenameRejection(`A stage named ${code(key)} already exists (line ${taken.fromRange.start.line + 1}).`);
  const captured = analysis.references.find((r) => r.text.toLowerCase() === key);
  if (captured) {
    throw new RenameRejection(`${code(key)} already names an image or build context on line ${captured.range.start.line + 1}; a stage of that name would take its place.`);
  }
  const mentions = stageMentions(analysis, index);
  const chooser = mentions.find((m) => m.by === 'variable');
  if (chooser) {
    throw new RenameRejection(`Stage ${code(stageLabel(analysis, index))} is chosen by \`FROM ${chooser.reference!.text}\` on line ${chooser.range.start.line + 1} through build arguments; renaming it would change what that FROM builds.`);
  }
  const edits: TextEdit[] = [];
  for (const mention of mentions) {
    // By number the reference stays valid as it is.
    if (mention.by !== 'name') continue;
    const range = nameWithin(analysis, mention.range, stage.key!);
    if (range) edits.push({ range, newText: newName });
  }
  return edits;
}

/** The name inside a reference's range, which may carry quotes around it. */
function nameWithin(analysis: Analysis, range: Range, key: string): Range | undefined {
  const text = analysis.lines.textIn(range).toLowerCase();
  if (text === key) return range;
  const at = text.indexOf(key);
  if (at < 0 || range.start.line !== range.end.line) return undefined;
  return {
    start: { line: range.start.line, character: range.start.character + at },
    end: { line: range.start.line, character: range.start.character + at + key.length },
  };
}

function renameVariable(analysis: Analysis, symbol: VariableSymbol, newName: string): TextEdit[] {
  if (newName === symbol.name) return [];
  if (!VARIABLE_NAME.test(newName)) {
    throw new RenameRejection(`${code(newName)} is not a valid variable name: use letters, digits and \`_\`, not starting with a digit.`);
  }
  if (isPlatformArg(newName) || isAlwaysPredefined(newName)) {
    throw new RenameRejection(`${code(newName)} is a predefined build argument; choose another name.`);
  }
  const clash = clashingMention(analysis, symbol, newName);
  if (clash) {
    const where = clash.role === 'declaration' ? 'declared' : 'used';
    throw new RenameRejection(`${code(newName)} is already ${where} on line ${clash.range.start.line + 1} (${scopeLabel(analysis, clash)}); renaming would merge the two variables.`);
  }
  return [
    ...symbol.declarations.map((d) => ({ range: d.range, newText: newName })),
    ...symbol.uses.map((u) => ({ range: u.range, newText: newName })),
  ];
}

/**
 * A mention of the new name that the renamed variable would merge with: one in a scope the
 * variable reaches (its stages, their base stages, the stages built from them), or any ARG of
 * that name when the variable has a global declaration (a stage's `ARG NAME` would pick it up).
 */
function clashingMention(analysis: Analysis, symbol: VariableSymbol, newName: string): VariableMention | undefined {
  const scopes = new Set<number>();
  for (const d of symbol.declarations) scopes.add(d.scope);
  for (const u of symbol.uses) scopes.add(u.scope);
  const hasGlobal = scopes.has(-1);
  const chainOf = (stage: number): number[] => {
    const chain: number[] = [];
    let current: number | undefined = stage;
    while (current !== undefined && current >= 0 && !chain.includes(current)) {
      chain.push(current);
      current = analysis.stages[current]?.base.stage;
    }
    return chain;
  };
  const reached = new Set<number>(scopes);
  for (const stage of analysis.stages) {
    const chain = chainOf(stage.index);
    if (chain.some((s) => scopes.has(s))) chain.forEach((s) => reached.add(s));
  }
  return mentionsOf(analysis).variables.find((m) => {
    if (m.name !== newName) return false;
    const scope = m.declaration?.scope ?? m.use!.scope;
    if (reached.has(scope)) return true;
    return hasGlobal && m.declaration?.kind === 'ARG';
  });
}

function scopeLabel(analysis: Analysis, mention: VariableMention): string {
  const scope = mention.declaration?.scope ?? mention.use!.scope;
  return scope < 0 ? 'global scope' : `stage ${stageLabel(analysis, scope)}`;
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}
