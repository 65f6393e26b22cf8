// What each stage of a graph depends on, indexed once per graph: the Stages tree asks for every
// item, and a per-item scan of all edges made 50,000 stages take seconds.
import type { StageGraphEdge, StageGraphNode, StageGraphResult } from '../../server/src/protocol';

export interface StageDependency {
  node: StageGraphNode;
  /** How the dependent uses it (FROM, COPY --from, RUN --mount from=), each kind once. */
  usedAs: StageGraphEdge['kind'][];
}

const indexes = new WeakMap<StageGraphResult, Map<number, StageDependency[]>>();

/** The stages `index` depends on, each once, in the order the file first uses them. */
export function dependenciesOf(graph: StageGraphResult, index: number): StageDependency[] {
  let index_ = indexes.get(graph);
  if (!index_) {
    index_ = buildIndex(graph);
    indexes.set(graph, index_);
  }
  return index_.get(index) ?? [];
}

function buildIndex(graph: StageGraphResult): Map<number, StageDependency[]> {
  const nodes = new Map(graph.nodes.map((n) => [n.index, n]));
  const byStage = new Map<number, Map<number, StageDependency>>();
  for (const edge of graph.edges) {
    const node = nodes.get(edge.to);
    if (!node) continue;
    let dependencies = byStage.get(edge.from);
    if (!dependencies) byStage.set(edge.from, (dependencies = new Map()));
    const existing = dependencies.get(edge.to);
    if (!existing) dependencies.set(edge.to, { node, usedAs: [edge.kind] });
    else if (!existing.usedAs.includes(edge.kind)) existing.usedAs.push(edge.kind);
  }
  return new Map([...byStage].map(([from, dependencies]) => [from, [...dependencies.values()]]));
}

/** Which icon a stage gets: what it is built on, so a stage built FROM another stage (by name or through an ARG) is a stage. */
export function baseShape(graph: StageGraphResult, node: StageGraphNode): 'stage' | 'image' | 'scratch' {
  if (dependenciesOf(graph, node.index).some((d) => d.usedAs.includes('from'))) return 'stage';
  return node.baseKind === 'scratch' ? 'scratch' : 'image';
}
