// The "Stage Graph" webview view: stages drawn as boxes in dependency layers, edges labelled with
// how a stage is used (from, copy, mount). The drawing is static SVG made here from the server's
// graph; the page's only script turns a click into a "reveal" message.
import * as crypto from 'crypto';
import * as path from 'path';
import * as vscode from 'vscode';
import { StageGraphEdge, StageGraphNode, StageGraphResult } from '../../server/src/protocol';
import { Commands, Views, stageRole } from './commands';
import { GraphDirection, ViewSettings, readViewSettings } from './config';
import { ActiveStageGraph, StageGraphState } from './languageClient';

type FromWebview = { type: 'reveal'; index: number } | { type: 'rendered'; generation: number; nodes: number };

export class StageGraphView implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private shown: { uri: vscode.Uri; graph: StageGraphResult } | undefined;
  private generation = 0;
  private readonly disposables: vscode.Disposable[] = [];
  /** What the page last reported drawing; tests read it to know the webview really rendered. */
  rendered: { generation: number; nodes: number } | undefined;
  html = '';

  constructor(private readonly activeGraph: ActiveStageGraph) {
    this.disposables.push(
      activeGraph.onDidChange(() => this.render()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('dockerfileStages.graph')) this.render();
      }),
    );
  }

  get isResolved(): boolean {
    return this.view !== undefined;
  }

  get currentGeneration(): number {
    return this.generation;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    // No local resources: the page is self-contained, so nothing on disk is readable from it.
    view.webview.options = { enableScripts: true, localResourceRoots: [] };
    view.webview.onDidReceiveMessage((message: FromWebview) => this.onMessage(message), undefined, this.disposables);
    view.onDidDispose(() => {
      this.view = undefined;
      this.rendered = undefined;
    }, undefined, this.disposables);
    this.render();
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }

  private render(): void {
    if (!this.view) return;
    const state = this.activeGraph.state;
    this.shown = state.kind === 'ready' ? { uri: state.document.uri, graph: state.graph } : undefined;
    const settings = readViewSettings(state.kind === 'none' ? undefined : state.document.uri);
    this.generation++;
    this.html = renderPage(state, settings, nonce(), this.generation);
    this.view.description = state.kind === 'none' ? undefined : path.basename(state.document.uri.path);
    this.view.webview.html = this.html;
  }

  private onMessage(message: FromWebview): void {
    if (message?.type === 'rendered' && Number.isInteger(message.generation)) {
      this.rendered = { generation: message.generation, nodes: Number(message.nodes) };
    } else if (message?.type === 'reveal' && Number.isInteger(message.index) && this.shown) {
      // Look the stage up in what was drawn: the page sends an index, never a line or a uri.
      const node = this.shown.graph.nodes.find((n) => n.index === message.index);
      if (node) void vscode.commands.executeCommand(Commands.goToStage, this.shown.uri, node.line);
    }
  }
}

export function registerStageGraphView(activeGraph: ActiveStageGraph): { view: StageGraphView; disposables: vscode.Disposable[] } {
  const view = new StageGraphView(activeGraph);
  const registration = vscode.window.registerWebviewViewProvider(Views.graph, view);
  return { view, disposables: [view, registration] };
}

function nonce(): string {
  return crypto.randomBytes(16).toString('base64');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function renderPage(state: StageGraphState, settings: ViewSettings, nonce: string, generation: number): string {
  let body: string;
  if (state.kind === 'none') body = note('Open a Dockerfile to see its stage graph.');
  else if (state.kind === 'loading') body = note('Loading the stages…');
  else if (state.kind === 'error') body = note(`Could not get the stages: ${state.message}`);
  else if (state.graph.nodes.length === 0) body = note('This Dockerfile has no FROM instruction.');
  else body = legend() + renderSvg(state.graph, settings, nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Stage Graph</title>
<style nonce="${nonce}">${pageStyle}</style>
</head>
<body>
${body}
<script nonce="${nonce}">${pageScript(generation)}</script>
</body>
</html>`;
}

function note(text: string): string {
  return `<p class="note">${escapeHtml(text)}</p>`;
}

function legend(): string {
  return `<div class="legend"><span class="swatch target"></span>target <span class="swatch unreachable"></span>not built</div>`;
}

// Geometry in px. Node text is monospace so truncation by character count fits the box.
// Sized so two stages side by side fit a default-width side bar without shrinking.
const nodeWidth = 124;
const nodeHeight = 42;
const gapAcross = 14;
const gapAlong = 52;
const margin = 6;
const labelChars = 14;
const baseChars = 16;

interface PlacedNode {
  node: StageGraphNode;
  x: number;
  y: number;
}

/** One arrow per pair of stages, labelled with every way the dependent uses the dependency. */
interface MergedEdge {
  from: number;
  to: number;
  kinds: string[];
}

function mergeEdges(edges: StageGraphEdge[], shown: Set<number>): MergedEdge[] {
  const merged = new Map<string, MergedEdge>();
  for (const edge of edges) {
    if (!shown.has(edge.from) || !shown.has(edge.to) || edge.from === edge.to) continue;
    const key = `${edge.from}>${edge.to}`;
    const entry = merged.get(key) ?? { from: edge.from, to: edge.to, kinds: [] };
    if (!entry.kinds.includes(edge.kind)) entry.kinds.push(edge.kind);
    merged.set(key, entry);
  }
  return [...merged.values()];
}

/** A place in a layer: a stage, or a waypoint that an arrow spanning several layers passes through. */
type Slot = { kind: 'node'; node: StageGraphNode } | { kind: 'waypoint'; edge: MergedEdge; depth: number };

export interface GraphLayout {
  layers: Slot[][];
  edges: MergedEdge[];
}

/**
 * Layer 0 holds stages that use no other stage; every other stage sits one layer below its
 * deepest dependency. An arrow that skips layers gets a waypoint in each layer it crosses, so it
 * is routed between the boxes instead of through them (the layered layout of Sugiyama et al.).
 */
export function layoutGraph(nodes: StageGraphNode[], allEdges: StageGraphEdge[]): GraphLayout {
  const edges = mergeEdges(allEdges, new Set(nodes.map((n) => n.index)));
  const dependencies = new Map<number, number[]>();
  for (const edge of edges) dependencies.set(edge.from, [...(dependencies.get(edge.from) ?? []), edge.to]);
  const depthOf = new Map<number, number>();
  const visiting = new Set<number>();
  const depth = (index: number): number => {
    const known = depthOf.get(index);
    if (known !== undefined) return known;
    // A cycle (an invalid file) must not recurse forever; the server reports it separately.
    if (visiting.has(index)) return 0;
    visiting.add(index);
    const deps = dependencies.get(index) ?? [];
    const layer = deps.length === 0 ? 0 : 1 + Math.max(...deps.map(depth));
    visiting.delete(index);
    depthOf.set(index, layer);
    return layer;
  };
  const layers: Slot[][] = [];
  for (const node of nodes) (layers[depth(node.index)] ??= []).push({ kind: 'node', node });
  for (const edge of edges) {
    for (let d = depth(edge.to) + 1; d < depth(edge.from); d++) (layers[d] ??= []).push({ kind: 'waypoint', edge, depth: d });
  }
  // Order each layer by where the slots it hangs from sit in the layer above, so arrows cross less.
  const position = new Map<Slot, number>();
  const slotOf = (node: number) => layers[depth(node)].find((s) => s.kind === 'node' && s.node.index === node)!;
  const waypointAt = (edge: MergedEdge, d: number) => layers[d].find((s) => s.kind === 'waypoint' && s.edge === edge && s.depth === d)!;
  const above = (slot: Slot): Slot[] => {
    if (slot.kind === 'waypoint') return [slot.depth - 1 === depth(slot.edge.to) ? slotOf(slot.edge.to) : waypointAt(slot.edge, slot.depth - 1)];
    const d = depth(slot.node.index);
    return edges.filter((e) => e.from === slot.node.index && depth(e.to) < d)
      .map((e) => (depth(e.to) === d - 1 ? slotOf(e.to) : waypointAt(e, d - 1)));
  };
  const order = (slot: Slot) => (slot.kind === 'node' ? slot.node.index : slot.edge.to + 0.5);
  const ordered = layers.map((layer) => {
    const weight = (slot: Slot) => {
      const placed = above(slot).map((s) => position.get(s)).filter((p): p is number => p !== undefined);
      return placed.length ? placed.reduce((a, b) => a + b, 0) / placed.length : order(slot);
    };
    const sorted = (layer ?? []).map((slot) => ({ slot, weight: weight(slot) }))
      .sort((a, b) => a.weight - b.weight || order(a.slot) - order(b.slot)).map((e) => e.slot);
    sorted.forEach((slot, i) => position.set(slot, i));
    return sorted;
  });
  return { layers: ordered, edges };
}

/** Stages of each layer, in drawing order (waypoints left out). */
export function layerStages(nodes: StageGraphNode[], edges: StageGraphEdge[]): StageGraphNode[][] {
  return layoutGraph(nodes, edges).layers.map((layer) => layer.flatMap((s) => (s.kind === 'node' ? [s.node] : [])));
}

function renderSvg(graph: StageGraphResult, settings: ViewSettings, nonce: string): string {
  const nodes = settings.graphShowUnreachable ? graph.nodes : graph.nodes.filter((n) => n.reachable);
  if (nodes.length === 0) return note('No stage is built for the target.');
  const layout = layoutGraph(nodes, graph.edges);
  const { placed, waypoints } = place(layout.layers, settings.graphDirection);
  const svgWidth = Math.max(...[...placed.values()].map((p) => p.x + nodeWidth), ...[...waypoints.values()].map((w) => w.x)) + margin;
  const svgHeight = Math.max(...[...placed.values()].map((p) => p.y + nodeHeight), ...[...waypoints.values()].map((w) => w.y)) + margin;
  // Shrink to the side bar's width, but not below 70 %: past that the text gets too small to
  // read, and the view scrolls instead.
  const fit = `<style nonce="${nonce}">.graph { width: 100%; max-width: ${svgWidth}px; min-width: ${Math.round(svgWidth * 0.7)}px; height: auto; }</style>`;
  const edges = layout.edges.map((edge) => renderEdge(edge, placed, waypoints, settings.graphDirection)).join('\n');
  const boxes = [...placed.values()].map(renderNode).join('\n');
  const title = `Stage graph: ${nodes.length} stages, target ${graph.nodes.find((n) => n.isTarget)?.label ?? 'none'}`;
  return `${fit}<svg class="graph" xmlns="http://www.w3.org/2000/svg" width="${svgWidth}" height="${svgHeight}" viewBox="0 0 ${svgWidth} ${svgHeight}" role="group" aria-label="${escapeHtml(title)}">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrowhead"/></marker></defs>
${edges}
${boxes}
</svg>`;
}

/** Across the layers a waypoint takes this much room: enough to keep parallel arrows apart. */
const waypointRoom = 16;

interface Point {
  x: number;
  y: number;
}

/** Positions: each layer laid out across, centred against the widest; layers one after another along. */
function place(layers: Slot[][], direction: GraphDirection): { placed: Map<number, PlacedNode>; waypoints: Map<Slot, Point> } {
  const nodeAcross = direction === 'down' ? nodeWidth : nodeHeight;
  const nodeAlong = direction === 'down' ? nodeHeight : nodeWidth;
  const room = (slot: Slot) => (slot.kind === 'node' ? nodeAcross : waypointRoom);
  const extent = (layer: Slot[]) => layer.reduce((sum, slot) => sum + room(slot), 0) + Math.max(0, layer.length - 1) * gapAcross;
  const widest = Math.max(...layers.map(extent));
  const placed = new Map<number, PlacedNode>();
  const waypoints = new Map<Slot, Point>();
  const at = (across: number, along: number): Point => (direction === 'down' ? { x: across, y: along } : { x: along, y: across });
  layers.forEach((layer, depth) => {
    let across = margin + (widest - extent(layer)) / 2;
    const along = margin + depth * (nodeAlong + gapAlong);
    for (const slot of layer) {
      if (slot.kind === 'node') placed.set(slot.node.index, { node: slot.node, ...at(across, along) });
      // A waypoint is the middle of its room, halfway along the layer band.
      else waypoints.set(slot, at(across + waypointRoom / 2, along + nodeAlong / 2));
      across += room(slot) + gapAcross;
    }
  });
  return { placed, waypoints };
}

function renderEdge(edge: MergedEdge, placed: Map<number, PlacedNode>, waypoints: Map<Slot, Point>, direction: GraphDirection): string {
  // Arrows point the way content flows: from the stage used to the stage using it.
  const source = placed.get(edge.to);
  const target = placed.get(edge.from);
  if (!source || !target || source === target) return '';
  const down = direction === 'down';
  const start: Point = down ? { x: source.x + nodeWidth / 2, y: source.y + nodeHeight } : { x: source.x + nodeWidth, y: source.y + nodeHeight / 2 };
  const end: Point = down ? { x: target.x + nodeWidth / 2, y: target.y } : { x: target.x, y: target.y + nodeHeight / 2 };
  const via = [...waypoints.entries()]
    .filter(([slot]) => slot.kind === 'waypoint' && slot.edge === edge)
    .sort(([a], [b]) => (a as { depth: number }).depth - (b as { depth: number }).depth)
    .map(([, point]) => point);
  const points = [start, ...via, end];
  // Smooth curves between consecutive points, leaving and entering along the layer direction.
  let d = `M${start.x},${start.y}`;
  for (let i = 1; i < points.length; i++) {
    const [p, q] = [points[i - 1], points[i]];
    const bend = Math.max(12, (down ? q.y - p.y : q.x - p.x) / 2);
    d += down ? ` C${p.x},${p.y + bend} ${q.x},${q.y - bend} ${q.x},${q.y}` : ` C${p.x + bend},${p.y} ${q.x - bend},${q.y} ${q.x},${q.y}`;
  }
  // The label sits on the last stretch, next to the stage that uses the dependency.
  const [p, q] = [points[points.length - 2], points[points.length - 1]];
  const [labelX, labelY] = [(p.x + q.x) / 2, (p.y + q.y) / 2];
  const label = edge.kinds.join(', ');
  const labelWidth = label.length * 6.6 + 8;
  const dim = target.node.reachable ? '' : ' unreachable';
  return `<g class="edge${dim}"><path d="${d}" marker-end="url(#arrow)"/><rect class="edge-label-bg" x="${labelX - labelWidth / 2}" y="${labelY - 8}" width="${labelWidth}" height="16" rx="3"/><text class="edge-label" x="${labelX}" y="${labelY + 4}" text-anchor="middle">${escapeHtml(label)}</text></g>`;
}

function renderNode({ node, x, y }: PlacedNode): string {
  const classes = ['node', node.isTarget ? 'target' : '', node.reachable ? '' : 'unreachable'].filter(Boolean).join(' ');
  const role = stageRole(node);
  const describe = `${node.label}, FROM ${node.base}, line ${node.line + 1}, ${role}`;
  return `<g class="${classes}" data-stage="${node.index}" tabindex="0" role="button" aria-label="${escapeHtml(describe)}">
<title>${escapeHtml(describe)}</title>
<rect x="${x}" y="${y}" width="${nodeWidth}" height="${nodeHeight}" rx="4"/>
<text class="label" x="${x + 7}" y="${y + 17}">${escapeHtml(truncate((node.isTarget ? '★ ' : '') + node.label, labelChars))}</text>
<text class="base" x="${x + 7}" y="${y + 33}">${escapeHtml(truncate(node.base, baseChars))}</text>
</g>`;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

// Theme colours come from the variables VS Code sets on every webview, so light, dark and
// high-contrast themes all work without a stylesheet per theme.
const pageStyle = `
body { padding: 4px 6px; color: var(--vscode-foreground); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); }
.note { color: var(--vscode-descriptionForeground); }
.legend { display: flex; align-items: center; gap: 6px; margin: 4px 0 8px; color: var(--vscode-descriptionForeground); font-size: 11px; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px; border: 1px solid var(--vscode-foreground); margin-left: 6px; }
.swatch.target { border: 2px solid var(--vscode-focusBorder); }
.swatch.unreachable { border-style: dashed; opacity: 0.45; }
.graph { display: block; overflow: visible; }
.graph text { font-family: var(--vscode-editor-font-family, monospace); fill: var(--vscode-foreground); }
.node { cursor: pointer; }
.node rect { fill: var(--vscode-editorWidget-background, var(--vscode-editor-background)); stroke: var(--vscode-editorWidget-border, var(--vscode-foreground)); stroke-width: 1; }
.node:hover rect, .node:focus rect { stroke: var(--vscode-focusBorder); }
.node:focus { outline: none; }
.node:focus rect { stroke-width: 2; }
.node .label { font-size: 12px; font-weight: 600; }
.node .base { font-size: 11px; fill: var(--vscode-descriptionForeground); }
.node.target rect { stroke: var(--vscode-focusBorder); stroke-width: 2.5; }
.node.unreachable { opacity: 0.45; }
.node.unreachable rect { stroke-dasharray: 4 3; }
.edge path { fill: none; stroke: var(--vscode-descriptionForeground); stroke-width: 1.2; }
.edge.unreachable { opacity: 0.45; }
.arrowhead { fill: var(--vscode-descriptionForeground); }
.edge-label { font-size: 10px; fill: var(--vscode-descriptionForeground); }
.edge-label-bg { fill: var(--vscode-sideBar-background, var(--vscode-editor-background)); }
`;

function pageScript(generation: number): string {
  return `
const vscode = acquireVsCodeApi();
const stageOf = (target) => target instanceof Element ? target.closest('[data-stage]') : null;
const reveal = (node) => vscode.postMessage({ type: 'reveal', index: Number(node.getAttribute('data-stage')) });
document.addEventListener('click', (event) => { const node = stageOf(event.target); if (node) reveal(node); });
document.addEventListener('keydown', (event) => {
  const node = stageOf(event.target);
  if (node && (event.key === 'Enter' || event.key === ' ')) { event.preventDefault(); reveal(node); }
});
vscode.postMessage({ type: 'rendered', generation: ${generation}, nodes: document.querySelectorAll('.node').length });
`;
}
