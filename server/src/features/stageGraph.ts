import { Analysis, Range, StageReference } from '../analysis';
import { StageGraphDanglingEdge, StageGraphEdge, StageGraphExternal, StageGraphExternalEdge, StageGraphNode } from '../protocol';

export interface StageGraphAnswer {
  nodes: StageGraphNode[];
  edges: StageGraphEdge[];
  target: number;
  externals: StageGraphExternal[];
  externalEdges: StageGraphExternalEdge[];
  dangling: StageGraphDanglingEdge[];
  args: { name: string; value?: string }[];
}

/** `buildContexts`: the names passed with `--build-context`, so their nodes say so. */
export function stageGraph(analysis: Analysis, buildContexts: string[] = []): StageGraphAnswer {
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
    range: stage.range,
    nameRange: stage.nameRange,
  }));
  const edges = graph.edges.map((e): StageGraphEdge => ({ from: e.from, to: e.to, kind: e.kind, line: e.reference.range.start.line, range: e.reference.range }));

  const contexts = new Set(buildContexts.map((c) => c.toLowerCase()));
  const externals: StageGraphExternal[] = [];
  const externalByKey = new Map<string, number>();
  const externalEdges: StageGraphExternalEdge[] = [];
  const external = (kind: StageGraphExternal['kind'], label: string): number => {
    const key = `${kind}\u0000${kind === 'image' ? label : label.toLowerCase()}`;
    let index = externalByKey.get(key);
    if (index === undefined) {
      index = externals.length;
      externals.push({ index, kind, label });
      externalByKey.set(key, index);
    }
    return index;
  };
  const useExternal = (from: number, kind: StageGraphExternalEdge['kind'], target: number, range: Range) =>
    externalEdges.push({ from, to: target, kind, line: range.start.line, range });

  for (const stage of analysis.stages) {
    const base = stage.base;
    if (!base.text) continue;
    if (base.kind === 'scratch') useExternal(stage.index, 'from', external('scratch', 'scratch'), base.range);
    else if (base.kind === 'image') useExternal(stage.index, 'from', external('image', base.text), base.range);
    // An ARG-dependent base that names no stage today is the image its build args make of it.
    else if (base.kind === 'variable' && base.stage === undefined) {
      const value = base.candidates?.find((c) => c.source !== 'pattern')?.value;
      useExternal(stage.index, 'from', external('image', value && !value.includes('$') ? value : base.text), base.range);
    }
  }

  const dangling: StageGraphDanglingEdge[] = [];
  for (const reference of analysis.references) {
    if (reference.kind === 'from') continue;
    const target = reference.target;
    if (target.kind === 'scratch') useExternal(reference.stage, reference.kind, external('scratch', 'scratch'), reference.range);
    else if (target.kind === 'image') {
      const kind = contexts.has(reference.text.toLowerCase()) ? 'context' : 'image';
      useExternal(reference.stage, reference.kind, external(kind, reference.text), reference.range);
    } else if (target.kind !== 'stage') {
      dangling.push({ from: reference.stage, kind: reference.kind, text: reference.text, message: messageFor(analysis, reference), line: reference.range.start.line, range: reference.range });
    }
  }
  // A FROM naming a later stage or itself is dangling too (BuildKit pulls an image of that name or fails).
  for (const reference of analysis.references) {
    if (reference.kind === 'from' && reference.target.kind === 'invalid') {
      dangling.push({ from: reference.stage, kind: 'from', text: reference.text, message: messageFor(analysis, reference), line: reference.range.start.line, range: reference.range });
    }
  }
  const args = new Map<string, { name: string; value?: string }>();
  for (const d of analysis.declarations) {
    if (d.kind === 'ARG' && !args.has(d.name)) args.set(d.name, { name: d.name, value: d.value });
    else if (d.kind === 'ARG' && args.get(d.name)!.value === undefined && d.value !== undefined) args.set(d.name, { name: d.name, value: d.value });
  }
  return { nodes, edges, target: graph.target, externals, externalEdges, dangling, args: [...args.values()] };
}

/** The message of the diagnostic on the reference, so the graph's hover says what the editor says. */
function messageFor(analysis: Analysis, reference: StageReference): string {
  const finding = analysis.findings.find((f) => overlaps(f.range, reference.range));
  if (finding) return finding.message;
  switch (reference.target.kind) {
    case 'variable': return `'${reference.text}' contains a variable, which --from does not expand.`;
    case 'unknown': return `No stage is named '${reference.text}'.`;
    default: return `'${reference.text}' names no earlier stage.`;
  }
}

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
