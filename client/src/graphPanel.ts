// The Stage Graph: a webview view in the side bar and, on demand, a webview panel beside the
// Dockerfile. The extension host only sends the server's graph; the page (dist/webview/graph.js)
// lays it out and draws it, so a huge file cannot block the host.
import * as crypto from 'crypto';
import * as path from 'path';
import * as vscode from 'vscode';
import { StageGraphResult } from '../../server/src/protocol';
import { Commands, Views } from './commands';
import { readViewSettings } from './config';
import { ActiveStageGraph, StageGraphState } from './languageClient';
import type { FromWebview, ToWebview } from './webview/messages';

/** One page showing the active graph: the side-bar view and the editor panel each own one. */
class GraphPage implements vscode.Disposable {
  private shown: { uri: vscode.Uri; graph: StageGraphResult } | undefined;
  private generation = 0;
  private ready = false;
  private readonly disposables: vscode.Disposable[] = [];
  private svgWaiters: ((svg: string) => void)[] = [];
  /** What the page last reported drawing; tests read it to know the webview really rendered. */
  rendered: { generation: number; nodes: number; summary?: string } | undefined;
  /** The SVG the page drew last (for tests and screen readers' sake, never parsed here). */
  svg = '';
  html = '';

  constructor(private readonly webview: vscode.Webview, extensionUri: vscode.Uri, private readonly activeGraph: ActiveStageGraph) {
    const scriptRoot = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
    // The page may load its own script and nothing else from disk.
    webview.options = { enableScripts: true, localResourceRoots: [scriptRoot] };
    this.html = pageHtml(webview, vscode.Uri.joinPath(scriptRoot, 'graph.js'), nonce());
    webview.html = this.html;
    this.disposables.push(
      webview.onDidReceiveMessage((message: FromWebview) => this.onMessage(message)),
      activeGraph.onDidChange(() => this.post()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('dockerfileStages.graph')) this.post();
      }),
      vscode.window.onDidChangeTextEditorSelection((event) => this.followCursor(event.textEditor)),
    );
  }

  get currentGeneration(): number {
    return this.generation;
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }

  /** The drawing as a standalone SVG file's text, with the theme's colours resolved by the page. */
  exportSvg(): Promise<string> {
    return new Promise((resolve) => {
      this.svgWaiters.push(resolve);
      void this.webview.postMessage({ type: 'exportSvg' } satisfies ToWebview);
    });
  }

  zoom(action: 'in' | 'out' | 'fit'): void {
    void this.webview.postMessage({ type: 'zoom', action } satisfies ToWebview);
  }

  private post(): void {
    if (!this.ready) return;
    const state = this.activeGraph.state;
    this.shown = state.kind === 'ready' ? { uri: state.document.uri, graph: state.graph } : undefined;
    const settings = readViewSettings(state.kind === 'none' ? undefined : state.document.uri);
    this.generation++;
    const content = state.kind === 'ready' && state.graph.nodes.length > 0
      ? { kind: 'graph' as const, graph: state.graph, uri: state.document.uri.toString() }
      : { kind: 'note' as const, text: noteFor(state) };
    void this.webview.postMessage({
      type: 'state', generation: this.generation, content,
      settings: { direction: settings.graphDirection, showUnreachable: settings.graphShowUnreachable },
    } satisfies ToWebview);
    const editor = vscode.window.activeTextEditor;
    if (editor) this.followCursor(editor);
  }

  private followCursor(editor: vscode.TextEditor): void {
    if (!this.ready || !this.shown || editor.document.uri.toString() !== this.shown.uri.toString()) return;
    const line = editor.selection.active.line;
    const node = this.shown.graph.nodes.find((n) => n.range ? n.range.start.line <= line && line <= n.range.end.line : false);
    void this.webview.postMessage({ type: 'select', index: node?.index } satisfies ToWebview);
  }

  private onMessage(message: FromWebview): void {
    switch (message?.type) {
      case 'ready':
        this.ready = true;
        this.post();
        break;
      case 'rendered':
        if (Number.isInteger(message.generation)) {
          this.svg = typeof message.svg === 'string' ? message.svg : '';
          this.rendered = { generation: message.generation, nodes: Number(message.nodes), summary: message.summary };
        }
        break;
      case 'reveal': {
        // Look the stage up in what was drawn: the page sends an index, never a line or a uri.
        const node = this.shown?.graph.nodes.find((n) => n.index === message.index);
        if (node && this.shown) void vscode.commands.executeCommand(Commands.goToStage, this.shown.uri, node.line);
        break;
      }
      case 'svg':
        this.svgWaiters.splice(0).forEach((resolve) => resolve(typeof message.text === 'string' ? message.text : ''));
        break;
    }
  }
}

/** What tests and commands read of a view or panel: the page it shows, if any. */
abstract class GraphPageHost {
  protected page: GraphPage | undefined;

  get rendered(): GraphPage['rendered'] {
    return this.page?.rendered;
  }

  get svg(): string {
    return this.page?.svg ?? '';
  }

  get html(): string {
    return this.page?.html ?? '';
  }

  get currentGeneration(): number {
    return this.page?.currentGeneration ?? 0;
  }
}

export class StageGraphView extends GraphPageHost implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly extensionUri: vscode.Uri, private readonly activeGraph: ActiveStageGraph) {
    super();
    this.disposables.push(activeGraph.onDidChange((state) => {
      if (this.view) this.view.description = state.kind === 'none' ? undefined : path.basename(state.document.uri.path);
    }));
  }

  get isResolved(): boolean {
    return this.page !== undefined;
  }

  get visiblePage(): GraphPage | undefined {
    return this.view?.visible ? this.page : undefined;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.page?.dispose();
    this.page = new GraphPage(view.webview, this.extensionUri, this.activeGraph);
    view.onDidDispose(() => {
      this.page?.dispose();
      this.page = undefined;
      this.view = undefined;
    }, undefined, this.disposables);
  }

  dispose(): void {
    this.page?.dispose();
    this.disposables.forEach((d) => d.dispose());
  }
}

/** "Open Stage Graph in Editor": one panel beside the Dockerfile, following the active Dockerfile as the view does. */
export class StageGraphPanel extends GraphPageHost implements vscode.Disposable {
  static readonly viewType = 'dockerfileStages.graphPanel';
  private panel: vscode.WebviewPanel | undefined;

  constructor(private readonly extensionUri: vscode.Uri, private readonly activeGraph: ActiveStageGraph) {
    super();
  }

  get visiblePage(): GraphPage | undefined {
    return this.panel?.visible ? this.page : undefined;
  }

  open(): void {
    if (this.panel) {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel(StageGraphPanel.viewType, 'Stage Graph', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {});
    this.panel = panel;
    this.page = new GraphPage(panel.webview, this.extensionUri, this.activeGraph);
    panel.onDidDispose(() => {
      this.page?.dispose();
      this.page = undefined;
      this.panel = undefined;
    });
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

export function registerStageGraphView(extensionUri: vscode.Uri, activeGraph: ActiveStageGraph): { view: StageGraphView; panel: StageGraphPanel; disposables: vscode.Disposable[] } {
  const view = new StageGraphView(extensionUri, activeGraph);
  const panel = new StageGraphPanel(extensionUri, activeGraph);
  const registration = vscode.window.registerWebviewViewProvider(Views.graph, view);
  return { view, panel, disposables: [view, panel, registration] };
}

function noteFor(state: StageGraphState): string {
  switch (state.kind) {
    case 'none': return 'Open a Dockerfile to see its stage graph.';
    case 'loading': return 'Loading the stages…';
    case 'error': return `Could not get the stages: ${state.message}`;
    case 'ready': return 'This Dockerfile has no FROM instruction.';
  }
}

function nonce(): string {
  return crypto.randomBytes(16).toString('base64');
}

function pageHtml(webview: vscode.Webview, script: vscode.Uri, nonce: string): string {
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
<div class="toolbar" role="toolbar" aria-label="Stage graph">
<div class="legend" aria-label="Legend">
<span><svg width="22" height="8" aria-hidden="true"><line class="legend-line from" x1="0" y1="4" x2="22" y2="4"/></svg>FROM</span>
<span><svg width="22" height="8" aria-hidden="true"><line class="legend-line copy" x1="0" y1="4" x2="22" y2="4"/></svg>COPY --from</span>
<span><svg width="22" height="8" aria-hidden="true"><line class="legend-line mount" x1="0" y1="4" x2="22" y2="4"/></svg>mount</span>
<span><span class="swatch target"></span>★ target</span>
<span><span class="swatch not-built"></span>not built</span>
<span><span class="swatch image"></span>image</span>
</div>
<div class="zoom"><button data-zoom="out" title="Zoom Out" aria-label="Zoom out">−</button><span id="status" aria-live="polite"></span><button data-zoom="in" title="Zoom In" aria-label="Zoom in">+</button><button data-zoom="fit" title="Fit to View" aria-label="Fit to view">Fit</button></div>
</div>
<div id="viewport" tabindex="-1"></div>
<script nonce="${nonce}" src="${webview.asWebviewUri(script)}"></script>
</body>
</html>`;
}

// Theme variables only, so Light, Dark and High Contrast themes all work; the "not built" text
// uses descriptionForeground, which every built-in theme keeps at 3:1 or more against the background.
const pageStyle = `
html, body { height: 100%; }
body { margin: 0; padding: 0 4px; display: flex; flex-direction: column; color: var(--vscode-foreground); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); }
.toolbar { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 4px 8px; padding: 4px 0; }
.legend { display: flex; flex-wrap: wrap; gap: 2px 10px; color: var(--vscode-descriptionForeground); font-size: 11px; }
.legend > span { display: inline-flex; align-items: center; gap: 4px; white-space: nowrap; }
.legend-line { stroke: var(--vscode-foreground); stroke-width: 1.5; }
.legend-line.copy { stroke-dasharray: 6 4; }
.legend-line.mount { stroke-dasharray: 2 3; }
.swatch { display: inline-block; width: 12px; height: 10px; border-radius: 2px; border: 1px solid var(--vscode-foreground); }
.swatch.target { border: 2px solid var(--vscode-textLink-foreground); }
.swatch.not-built { border: 1px dashed var(--vscode-descriptionForeground); background: repeating-linear-gradient(45deg, transparent 0 2px, var(--vscode-descriptionForeground) 2px 3px); opacity: 0.8; }
.swatch.image { border-radius: 6px; border-style: dotted; border-color: var(--vscode-descriptionForeground); }
.zoom { display: flex; align-items: center; gap: 2px; }
.zoom button { min-width: 22px; height: 20px; padding: 0 5px; color: var(--vscode-foreground); background: transparent; border: 1px solid transparent; border-radius: 3px; cursor: pointer; font: inherit; }
.zoom button:hover { background: var(--vscode-toolbar-hoverBackground); }
.zoom button:focus-visible { outline: 1px solid var(--vscode-focusBorder); }
#status { min-width: 34px; text-align: center; color: var(--vscode-descriptionForeground); font-size: 11px; }
#viewport { flex: 1; overflow: auto; outline: none; }
.note { color: var(--vscode-descriptionForeground); }
.stage-graph { display: block; }
.stage-graph text { fill: var(--vscode-foreground); font-family: var(--vscode-font-family); }
.stage-graph text.name { font-weight: 600; }
.stage-graph text.base { fill: var(--vscode-descriptionForeground); }
.stage-graph .node { cursor: pointer; outline: none; }
.stage-graph .node .box { fill: var(--vscode-editorWidget-background, var(--vscode-editor-background)); stroke: var(--vscode-editorWidget-border, var(--vscode-contrastBorder, var(--vscode-foreground))); stroke-width: 1.2; }
.stage-graph .node.stage .box { stroke: var(--vscode-foreground); stroke-opacity: 0.6; }
.stage-graph .node:hover .box { stroke: var(--vscode-focusBorder); stroke-opacity: 1; }
.stage-graph .node.target .box { stroke: var(--vscode-textLink-foreground); stroke-opacity: 1; stroke-width: 2.5; }
.stage-graph .node.selected .box { fill: var(--vscode-list-inactiveSelectionBackground, var(--vscode-editor-selectionBackground)); }
.stage-graph .node.not-built .box { fill: var(--vscode-editor-background); stroke: var(--vscode-descriptionForeground); stroke-opacity: 1; stroke-dasharray: 4 3; }
.stage-graph .node.not-built text { fill: var(--vscode-descriptionForeground); }
.stage-graph .hatch line { stroke: var(--vscode-descriptionForeground); stroke-width: 1; stroke-opacity: 0.35; }
.stage-graph .node.image .box, .stage-graph .node.scratch .box { fill: transparent; stroke: var(--vscode-descriptionForeground); stroke-dasharray: 1 2.5; stroke-linecap: round; }
.stage-graph .node.context .box { fill: transparent; stroke: var(--vscode-descriptionForeground); stroke-dasharray: 5 2 1 2; }
.stage-graph .node.dangling .box { fill: transparent; stroke: var(--vscode-errorForeground); stroke-dasharray: 3 2; }
.stage-graph .node.dangling text { fill: var(--vscode-errorForeground); }
.stage-graph .focus-ring { fill: none; stroke: var(--vscode-focusBorder); stroke-width: 1.5; stroke-dasharray: 3 2; }
.stage-graph .edge path { fill: none; stroke: var(--vscode-foreground); stroke-opacity: 0.75; stroke-width: 1.4; }
.stage-graph .edge.copy path { stroke-dasharray: 6 4; }
.stage-graph .edge.mount path { stroke-dasharray: 2 3; }
.stage-graph .edge.dangling path { stroke: var(--vscode-errorForeground); stroke-opacity: 1; }
.stage-graph .arrow path { fill: var(--vscode-foreground); }
.stage-graph .arrow.dangling path { fill: var(--vscode-errorForeground); }
.stage-graph .edge-label rect { fill: var(--vscode-editor-background); opacity: 0.9; }
.stage-graph .edge-label text { fill: var(--vscode-descriptionForeground); }
`;
