// Code lenses over each FROM: "target", "used by N stages", "not built for target X". Clicking
// one shows the stage's references through a client command (the client maps it to the editor's
// references view), so the lens carries everything that view needs.
import { Analysis, Position, Range } from '../analysis';
import { stageMentions } from './mentions';

import { ShowReferencesCommand } from '../protocol';

export interface Location {
  uri: string;
  range: Range;
}

export interface StageLens {
  range: Range;
  command: {
    title: string;
    command: string;
    /** `[uri, position, locations]`, as `editor.action.showReferences` takes them. */
    arguments: [string, Position, Location[]];
  };
}

const STAGE_NAME = /^[a-z][a-z0-9-_.]*$/i;

export function codeLenses(analysis: Analysis, uri: string): StageLens[] {
  const { graph } = analysis;
  const lenses: StageLens[] = [];
  // Stages that depend on each stage, in one pass over the edges.
  const users = analysis.stages.map(() => new Set<number>());
  for (const edge of graph.edges) users[edge.to]?.add(edge.from);
  for (const stage of analysis.stages) {
    const references = stageMentions(analysis, stage.index).filter((m) => m.role === 'reference');
    const args: StageLens['command']['arguments'] = [
      uri,
      (stage.nameRange ?? stage.fromKeywordRange).start,
      references.map((m) => ({ uri, range: m.range })),
    ];
    const lens = (title: string): StageLens => ({ range: stage.fromKeywordRange, command: { title, command: ShowReferencesCommand, arguments: args } });
    if (graph.target === stage.index) lenses.push(lens('target'));
    const count = users[stage.index].size;
    if (count > 0) lenses.push(lens(`used by ${count} ${count === 1 ? 'stage' : 'stages'}`));
    if (graph.target >= 0 && !graph.reachable.has(stage.index) && graph.unknownTarget === undefined) {
      lenses.push(lens(`not built for target ${targetLabel(analysis, graph.target)}`));
    }
  }
  return lenses;
}

/** Lens titles render `$(icon)` syntax: only a well-formed stage name is shown as written. */
function targetLabel(analysis: Analysis, index: number): string {
  const name = analysis.stages[index].name;
  return name && STAGE_NAME.test(name) ? name : `stage ${index}`;
}
