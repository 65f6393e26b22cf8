// Which stage depends on which, and which stages the target needs: BuildKit builds only those.
import { Stage, StageEdge, StageGraph, StageReference } from './types';
import { StageIndex } from './resolve';

export function buildGraph(stages: Stage[], references: StageReference[], index: StageIndex, target?: string): StageGraph {
  const edges: StageEdge[] = [];
  for (const reference of references) {
    if (reference.target.kind === 'stage') {
      edges.push({ from: reference.stage, to: reference.target.stage, kind: reference.kind, reference });
    }
  }
  let targetIndex = stages.length - 1;
  let unknownTarget: string | undefined;
  if (target) {
    const named = index.byName(target);
    if (named) targetIndex = named.index;
    else unknownTarget = target;
  }
  const dependencies = new Map<number, number[]>();
  for (const edge of edges) {
    let list = dependencies.get(edge.from);
    if (!list) dependencies.set(edge.from, (list = []));
    list.push(edge.to);
  }
  const reachable = new Set<number>();
  const queue = targetIndex >= 0 ? [targetIndex] : [];
  while (queue.length) {
    const current = queue.pop()!;
    if (reachable.has(current)) continue;
    reachable.add(current);
    for (const next of dependencies.get(current) ?? []) if (!reachable.has(next)) queue.push(next);
  }
  return { edges, target: targetIndex, unknownTarget, reachable };
}
