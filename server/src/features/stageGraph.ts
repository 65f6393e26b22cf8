import { Analysis } from '../analysis';
import { StageGraphEdge, StageGraphNode } from '../protocol';

export function stageGraph(analysis: Analysis): { nodes: StageGraphNode[]; edges: StageGraphEdge[]; target: number } {
  const { graph } = analysis;
  const nodes = analysis.stages.map((stage): StageGraphNode => ({
    index: stage.index,
    name: stage.name,
    label: stage.name ?? `stage ${stage.index}`,
    base: stage.base.text,
    baseKind: stage.base.kind,
    line: stage.fromRange.start.line,
    reachable: graph.reachable.has(stage.index),
    isTarget: stage.index === graph.target,
  }));
  const edges = graph.edges.map((e): StageGraphEdge => ({ from: e.from, to: e.to, kind: e.kind, line: e.reference.range.start.line }));
  return { nodes, edges, target: graph.target };
}
