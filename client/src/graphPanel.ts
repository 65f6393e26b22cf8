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

/** Layer 0 holds stages that use no other stage; every other stage sits one layer below its deepest dependency. */
export function layerStages(nodes: StageGraphNode[], edges: StageGraphEdge[]): StageGraphNode[][] {
  const byIndex = new Map(nodes.map((n) => [n.index, n]));
  const dependencies = new Map<number, number[]>();
  for (const edge of edges) {
    if (!byIndex.has(edge.from) || !byIndex.has(edge.to) || edge.from === edge.to) continue;
    dependencies.set(edge.from, [...(dependencies.get(edge.from) ?? []), edge.to]);
  }
  const layerOf = new Map<number, number>();
  const visiting = new Set<number>();
  const depth = (index: number): number => {
    const known = layerOf.get(index);
    if (known !== undefined) return known;
    // A cycle (an invalid file) must not recurse forever; the server reports it separately.
    if (visiting.has(index)) return 0;
    visiting.add(index);
    const deps = dependencies.get(index) ?? [];
    const layer = deps.length === 0 ? 0 : 1 + Math.max(...deps.map(depth));
    visiting.delete(index);
    layerOf.set(index, layer);
    return layer;
  };
  const layers: StageGraphNode[][] = [];
  for (const node of nodes) (layers[depth(node.index)] ??= []).push(node);
  // Order each layer by where its dependencies sit in the layer above, so edges cross less.
  const position = new Map<number, number>();
  return layers.map((layer) => {
    const weight = (node: StageGraphNode) => {
      const placed = (dependencies.get(node.index) ?? []).map((d) => position.get(d)).filter((p): p is number => p !== undefined);
      return placed.length ? placed.reduce((a, b) => a + b, 0) / placed.length : node.index;
    };
    const ordered = layer.map((node) => ({ node, weight: weight(node) })).sort((a, b) => a.weight - b.weight || a.node.index - b.node.index).map((e) => e.node);
    ordered.forEach((node, i) => position.set(node.index, i));
    return ordered;
  });
}

function renderSvg(graph: StageGraphResult, settings: ViewSettings, nonce: string): string {
  const nodes = settings.graphShowUnreachable ? graph.nodes : graph.nodes.filter((n) => n.reachable);
  if (nodes.length === 0) return note('No stage is built for the target.');
  const layers = layerStages(nodes, graph.edges);
  const placed = place(layers, settings.graphDirection);
  const svgWidth = Math.max(...[...placed.values()].map((p) => p.x)) + nodeWidth + margin;
  const svgHeight = Math.max(...[...placed.values()].map((p) => p.y)) + nodeHeight + margin;
  // Shrink to the side bar's width, but not below 70 %: past that the text gets too small to
  // read, and the view scrolls instead.
  const fit = `<style nonce="${nonce}">.graph { width: 100%; max-width: ${svgWidth}px; min-width: ${Math.round(svgWidth * 0.7)}px; height: auto; }</style>`;
  const edges = mergeEdges(graph.edges)
    .map((edge) => renderEdge(edge, placed, settings.graphDirection))
    .join('\n');
  const boxes = [...placed.values()].map(renderNode).join('\n');
  const title = `Stage graph: ${nodes.length} stages, target ${graph.nodes.find((n) => n.isTarget)?.label ?? 'none'}`;
  return `${fit}<svg class="graph" xmlns="http://www.w3.org/2000/svg" width="${svgWidth}" height="${svgHeight}" viewBox="0 0 ${svgWidth} ${svgHeight}" role="group" aria-label="${escapeHtml(title)}">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrowhead"/></marker></defs>
${edges}
${boxes}
</svg>`;
}

function place(layers: StageGraphNode[][], direction: GraphDirection): Map<number, PlacedNode> {
  const widest = Math.max(...layers.map((l) => l.length));
  const placed = new Map<number, PlacedNode>();
  layers.forEach((layer, depth) => {
    // Centre short layers against the widest one.
    const offset = ((widest - layer.length) * (direction === 'down' ? nodeWidth + gapAcross : nodeHeight + gapAcross)) / 2;
    layer.forEach((node, i) => {
      const x = direction === 'down' ? margin + offset + i * (nodeWidth + gapAcross) : margin + depth * (nodeWidth + gapAlong);
      const y = direction === 'down' ? margin + depth * (nodeHeight + gapAlong) : margin + offset + i * (nodeHeight + gapAcross);
      placed.set(node.index, { node, x, y });
    });
  });
  return placed;
}

/** One arrow per pair of stages, labelled with every way the dependent uses the dependency. */
function mergeEdges(edges: StageGraphEdge[]): { from: number; to: number; kinds: string[] }[] {
  const merged = new Map<string, { from: number; to: number; kinds: string[] }>();
  for (const edge of edges) {
    const key = `${edge.from}>${edge.to}`;
    const entry = merged.get(key) ?? { from: edge.from, to: edge.to, kinds: [] };
    if (!entry.kinds.includes(edge.kind)) entry.kinds.push(edge.kind);
    merged.set(key, entry);
  }
  return [...merged.values()];
}

function renderEdge(edge: { from: number; to: number; kinds: string[] }, placed: Map<number, PlacedNode>, direction: GraphDirection): string {
  // Arrows point the way content flows: from the stage used to the stage using it.
  const source = placed.get(edge.to);
  const target = placed.get(edge.from);
  if (!source || !target || source === target) return '';
  let d: string;
  let labelX: number;
  let labelY: number;
  if (direction === 'down') {
    const [x1, y1, x2, y2] = [source.x + nodeWidth / 2, source.y + nodeHeight, target.x + nodeWidth / 2, target.y];
    const bend = Math.max(24, (y2 - y1) / 2);
    d = `M${x1},${y1} C${x1},${y1 + bend} ${x2},${y2 - bend} ${x2},${y2}`;
    [labelX, labelY] = [(x1 + x2) / 2, (y1 + y2) / 2];
  } else {
    const [x1, y1, x2, y2] = [source.x + nodeWidth, source.y + nodeHeight / 2, target.x, target.y + nodeHeight / 2];
    const bend = Math.max(24, (x2 - x1) / 2);
    d = `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`;
    [labelX, labelY] = [(x1 + x2) / 2, (y1 + y2) / 2];
  }
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
