// Name stage (add `AS name`, numeric references follow) and Use stage names (every `--from=N`
// becomes the stage's name, naming the stage first when it has none).
import { Analysis, Range, TextEdit } from '../analysis';
import { comparePositions, rangeContains } from '../analysis/text';
import { quote } from '../analysis/rules/rule';
import { asKeywordLike, freeStageName, stageNameFrom } from '../analysis/rules/stageEdits';
import type { PlannedAction } from './codeActions';

/** A name for an unnamed stage, from its base image (`golang:1.22` -> `golang`). */
export function suggestedName(analysis: Analysis, index: number, taken: Set<string>): string {
  const base = analysis.stages[index].base;
  const image = base.kind === 'image' ? base.text.split('@')[0].split('/').pop()!.split(':')[0] : '';
  let name = freeStageName(analysis, stageNameFrom(image, `stage-${index}`));
  for (let n = 2; taken.has(name); n++) name = freeStageName(analysis, `${stageNameFrom(image, `stage-${index}`)}-${n}`);
  taken.add(name);
  return name;
}

/** Edits naming the stage `name` and pointing its numeric references at the name. */
function nameEdits(analysis: Analysis, index: number, name: string): TextEdit[] {
  const stage = analysis.stages[index];
  const edits: TextEdit[] = [{ range: { start: stage.base.range.end, end: stage.base.range.end }, newText: ` ${asKeywordLike(analysis, index)} ${name}` }];
  return edits.concat(numericReferenceEdits(analysis, index, name));
}

function numericReferenceEdits(analysis: Analysis, index: number, name: string): TextEdit[] {
  return analysis.references
    .filter((r) => r.target.kind === 'stage' && r.target.by === 'index' && r.target.stage === index)
    .map((r) => ({ range: r.range, newText: name }));
}

export function nameStage(analysis: Analysis, range: Range): PlannedAction | undefined {
  const stage = analysis.stages.find((s) => rangeContains(s.fromRange, range.start));
  if (!stage || stage.name) return undefined;
  const name = suggestedName(analysis, stage.index, new Set());
  return { title: `Name stage ${stage.index} ${quote(name)}`, kind: 'refactor.rewrite', edits: nameEdits(analysis, stage.index, name) };
}

/** Every `--from=N` to the stage's name; unnamed stages are named first. At a cursor, that reference only. */
export function useStageNames(analysis: Analysis, range?: Range): PlannedAction | undefined {
  const numeric = analysis.references.filter((r) => r.target.kind === 'stage' && r.target.by === 'index'
    && (!range || (comparePositions(r.range.start, range.start) <= 0 && comparePositions(range.start, r.range.end) <= 0)));
  if (numeric.length === 0) return undefined;
  const taken = new Set<string>();
  const named = new Map<number, string>();
  const edits: TextEdit[] = [];
  for (const reference of numeric) {
    const index = (reference.target as { stage: number }).stage;
    if (named.has(index)) continue;
    const existing = analysis.stages[index].key;
    const name = existing ?? suggestedName(analysis, index, taken);
    named.set(index, name);
    edits.push(...(existing ? numericReferenceEdits(analysis, index, name) : nameEdits(analysis, index, name)));
  }
  if (range) {
    const [index, name] = [...named][0];
    return { title: `Use the stage name ${quote(name)}${analysis.stages[index].key ? '' : ' (naming the stage)'}`, kind: 'refactor.rewrite', edits };
  }
  return { title: 'Use stage names in every --from', kind: 'source.useStageNames', edits };
}
