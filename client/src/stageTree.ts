// The "Stages" view: the stages of the active Dockerfile, each with the stages it depends on as
// children. Everything shown comes from the server's stage graph; nothing is parsed here.
import * as path from 'path';
import * as vscode from 'vscode';
import { StageGraphEdge, StageGraphNode, StageGraphResult } from '../../server/src/protocol';
import { Commands, StageLocation, Views, stageRole } from './commands';
import { baseShape, dependenciesOf } from './stageDependencies';
import { ActiveStageGraph, StageGraphState } from './languageClient';

export interface StageElement extends StageLocation {
  graph: StageGraphResult;
  node: StageGraphNode;
  /** On a dependency: how the parent uses it (FROM, COPY --from, RUN --mount from=). */
  usedAs?: StageGraphEdge['kind'][];
  /** Stage indices from the root down to this element's parent; a repeat means a cycle. */
  ancestors: number[];
}

export class StageTreeProvider implements vscode.TreeDataProvider<StageElement>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<StageElement | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly activeGraph: ActiveStageGraph) {
    this.subscription = activeGraph.onDidChange(() => this.changeEmitter.fire(undefined));
  }

  getChildren(element?: StageElement): StageElement[] {
    if (!element) {
      const state = this.activeGraph.state;
      if (state.kind !== 'ready') return [];
      return state.graph.nodes.map((node) => ({ uri: state.document.uri, line: node.line, graph: state.graph, node, ancestors: [] }));
    }
    if (element.ancestors.includes(element.node.index)) return [];
    const ancestors = [...element.ancestors, element.node.index];
    return dependenciesOf(element.graph, element.node.index).map(({ node, usedAs }) => ({ uri: element.uri, line: node.line, graph: element.graph, node, usedAs, ancestors }));
  }

  getTreeItem(element: StageElement): vscode.TreeItem {
    const { node } = element;
    const isCycle = element.ancestors.includes(node.index);
    const hasDependencies = !isCycle && dependenciesOf(element.graph, node.index).length > 0;
    const collapsible = !hasDependencies
      ? vscode.TreeItemCollapsibleState.None
      : node.isTarget && element.ancestors.length === 0
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(node.label, collapsible);
    // Stable ids keep expansion state across refreshes while the user types. The suffix gives a
    // stage that gains its first dependency a new identity, else VS Code keeps it as a leaf would be: collapsed.
    item.id = `${element.uri.toString()}#${[...element.ancestors, node.index].join('/')}${hasDependencies ? '+' : ''}`;
    const role = stageRole(node);
    const marker = node.isTarget ? 'target' : node.reachable ? undefined : 'not built';
    const usedAs = element.usedAs?.join(', ');
    item.description = [usedAs, node.base, marker, isCycle ? 'cycle' : undefined].filter(Boolean).join(' · ');
    item.iconPath = stageIcon(element.graph, node);
    item.contextValue = node.isTarget ? 'stage.target' : node.reachable ? 'stage' : 'stage.notBuilt';
    item.tooltip = stageTooltip(element, role);
    item.accessibilityInformation = { label: `Stage ${node.label}, from ${node.base}, ${role}` };
    item.command = { command: Commands.goToStage, title: 'Go to Stage', arguments: [element.uri, node.line] };
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }
}

export function registerStageTree(activeGraph: ActiveStageGraph): { provider: StageTreeProvider; disposables: vscode.Disposable[] } {
  const provider = new StageTreeProvider(activeGraph);
  const view = vscode.window.createTreeView(Views.stages, { treeDataProvider: provider, showCollapseAll: true });
  const describe = (state: StageGraphState) => {
    view.message = treeMessage(state);
    view.description = state.kind === 'none' ? undefined : path.basename(state.document.uri.path);
  };
  describe(activeGraph.state);
  return { provider, disposables: [provider, view, activeGraph.onDidChange(describe)] };
}

/** The shape says what the stage is built on; the colour and the star say what the target does with it, as in the graph. */
function stageIcon(graph: StageGraphResult, node: StageGraphNode): vscode.ThemeIcon {
  if (node.isTarget) return new vscode.ThemeIcon('star-full', new vscode.ThemeColor('textLink.foreground'));
  const shape = baseShape(graph, node);
  const id = shape === 'stage' ? 'layers' : shape === 'scratch' ? 'circle-large-outline' : 'package';
  return new vscode.ThemeIcon(id, node.reachable ? undefined : new vscode.ThemeColor('descriptionForeground'));
}

function stageTooltip(element: StageElement, role: string): vscode.MarkdownString {
  const { node } = element;
  const tooltip = new vscode.MarkdownString();
  tooltip.appendMarkdown('**').appendText(node.label).appendMarkdown('**  \n');
  tooltip.appendText(`FROM ${node.base} (line ${node.line + 1})`).appendMarkdown('  \n');
  tooltip.appendText(role);
  if (element.usedAs) tooltip.appendMarkdown('  \n').appendText(`used as: ${element.usedAs.join(', ')}`);
  return tooltip;
}

function treeMessage(state: StageGraphState): string | undefined {
  switch (state.kind) {
    case 'none':
      return 'Open a Dockerfile to see its stages.';
    case 'error':
      return `Could not get the stages: ${state.message}`;
    case 'ready':
      return state.graph.nodes.length === 0 ? 'This Dockerfile has no FROM instruction.' : undefined;
    case 'loading':
      return undefined;
  }
}
