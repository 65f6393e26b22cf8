// Edits shared by the fixes and refactorings that add a stage: where it goes, a free name for
// it, and the `--from=N` references that must follow when the stages after it are renumbered.
import { parseDirectives } from '../directives';
import { Analysis, Position, TextEdit, VariableDeclaration } from '../types';

type StageText = Pick<Analysis, 'text' | 'lines' | 'stages' | 'instructions' | 'references' | 'declarations'>;

const RESERVED_STAGE_NAMES = new Set(['scratch', 'context']);

export function lineBreakOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/**
 * Where a stage inserted before `stage` starts: above the comment lines that sit right on its FROM
 * (they describe that stage, and a `# check=` there must stay with it), below parser directives.
 */
export function stageInsertionPoint(analysis: StageText, stage: number): Position {
  const from = analysis.stages[stage].fromRange.start.line;
  const previous = analysis.instructions.filter((i) => i.range.start.line < from).pop();
  const directivesEnd = parseDirectives(analysis.lines).lines.reduce((end, d) => Math.max(end, d.range.start.line + 1), 0);
  const floor = Math.max(previous ? previous.range.end.line + 1 : 0, directivesEnd);
  let line = from;
  while (line - 1 >= floor && analysis.lines.lineText(line - 1).trimStart().startsWith('#')) line--;
  return { line, character: 0 };
}

/** `wanted`, or `wanted-2`, `wanted-3`... : no stage, image reference or reserved word of that name. */
export function freeStageName(analysis: StageText, wanted: string): string {
  const taken = new Set<string>(RESERVED_STAGE_NAMES);
  for (const stage of analysis.stages) if (stage.key) taken.add(stage.key);
  for (const reference of analysis.references) taken.add(reference.text.toLowerCase());
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; ; n++) if (!taken.has(`${wanted}-${n}`)) return `${wanted}-${n}`;
}

/** A stage name made of the letters and digits of `text` (`${SRC_FORMAT}-code` -> `src-format-code`). */
export function stageNameFrom(text: string, fallback: string): string {
  let name = '';
  for (const c of text.toLowerCase()) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) name += c;
    else if (name && !name.endsWith('-')) name += '-';
  }
  // A name starts with a letter: drop what comes before the first one (in one slice: names can be long).
  let first = 0;
  while (first < name.length && !(name[first] >= 'a' && name[first] <= 'z')) first++;
  name = name.slice(first);
  if (name.endsWith('-')) name = name.slice(0, -1);
  return name || fallback;
}

/** `--from=N` references to stage `from` or later, renumbered for a stage inserted before it. */
export function shiftedIndexEdits(analysis: StageText, from: number): TextEdit[] {
  return renumberedIndexEdits(analysis, (old) => (old >= from ? old + 1 : old));
}

/** `--from=N` references whose stage gets another number. */
export function renumberedIndexEdits(analysis: StageText, newIndex: (old: number) => number): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const reference of analysis.references) {
    const target = reference.target;
    if (target.kind !== 'stage' || target.by !== 'index' || newIndex(target.stage) === target.stage) continue;
    edits.push({ range: reference.range, newText: String(newIndex(target.stage)) });
  }
  return edits;
}

/** `AS` in the case of the stage's FROM keyword, which FromAsCasing asks them to share. */
export function asKeywordLike(analysis: StageText, stage: number): string {
  const from = analysis.lines.textIn(analysis.stages[stage].fromKeywordRange);
  return from === from.toLowerCase() ? 'as' : 'AS';
}

/** Where a new global ARG goes: after the last one, else right on the first FROM (below the file's opening comments). */
export function globalArgPoint(analysis: StageText): Position {
  const lastGlobal = analysis.instructions.filter((i) => i.stage === -1 && i.keyword === 'ARG').pop();
  return lastGlobal ? { line: lastGlobal.range.end.line + 1, character: 0 } : { line: analysis.stages[0].fromRange.start.line, character: 0 };
}

/**
 * A global `ARG name` with the default `declaration` gave it, inserted at `at`; with `moveDefault`, a
 * stage ARG keeps a bare `ARG name`, so the stage's own uses still see the (now global) value.
 */
export function argToGlobalEdits(analysis: StageText, name: string, declaration: VariableDeclaration | undefined, at: Position, moveDefault: boolean): TextEdit[] {
  const value = declaration?.valueRange ? analysis.lines.textIn(declaration.valueRange) : undefined;
  const edits: TextEdit[] = [{ range: { start: at, end: at }, newText: `ARG ${name}${value !== undefined ? `=${value}` : ''}${lineBreakOf(analysis.text)}` }];
  if (moveDefault && declaration?.kind === 'ARG' && declaration.scope >= 0 && declaration.valueRange) {
    edits.push({ range: { start: declaration.range.end, end: declaration.valueRange.end }, newText: '' });
  }
  return edits;
}
