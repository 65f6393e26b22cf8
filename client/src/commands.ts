// Every command the extension registers, in one table. Titles, icons and menus are in package.json.
import * as vscode from 'vscode';
import type { LanguageClient, Location as LspLocation, Position as LspPosition } from 'vscode-languageclient/node';
import { ShowReferencesCommand, StageGraphNode } from '../../server/src/protocol';
import { ActiveStageGraph } from './languageClient';

export const Commands = {
  showStageGraph: 'dockerfileStages.showStageGraph',
  refresh: 'dockerfileStages.refresh',
  goToStage: 'dockerfileStages.goToStage',
  /** Not in the palette: the server's code lenses call it with protocol-shaped arguments. */
  showReferences: ShowReferencesCommand,
} as const;

/** The views' own ids; VS Code derives `<id>.focus` commands from them. */
export const Views = {
  container: 'dockerfileStages',
  stages: 'dockerfileStages.stages',
  graph: 'dockerfileStages.graph',
} as const;

/** What a "go to stage" needs; tree items and graph nodes both pass one. */
export interface StageLocation {
  uri: vscode.Uri;
  line: number;
}

interface CommandDeps {
  client: LanguageClient;
  activeGraph: ActiveStageGraph;
}

type CommandId = (typeof Commands)[keyof typeof Commands];

const commandTable: Record<CommandId, (deps: CommandDeps, ...args: unknown[]) => unknown> = {
  [Commands.showStageGraph]: () => vscode.commands.executeCommand(`${Views.graph}.focus`),
  [Commands.refresh]: ({ activeGraph }) => activeGraph.refresh(),
  [Commands.goToStage]: ({ activeGraph }, ...args) => {
    const location = toStageLocation(args);
    return location ? revealStage(location) : pickStage(activeGraph);
  },
  [Commands.showReferences]: ({ client }, uri, position, locations) => {
    // Code lens arguments arrive as JSON; VS Code's references view wants its own types.
    const { asUri, asPosition, asLocation } = client.protocol2CodeConverter;
    return vscode.commands.executeCommand(
      'editor.action.showReferences',
      asUri(uri as string),
      asPosition(position as LspPosition),
      ((locations ?? []) as LspLocation[]).map((l) => asLocation(l)),
    );
  },
};

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  return Object.entries(commandTable).map(([id, run]) =>
    vscode.commands.registerCommand(id, (...args: unknown[]) => run(deps, ...args)),
  );
}

/** Opens the document and puts the cursor on the stage's FROM instruction. */
export async function revealStage({ uri, line }: StageLocation): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  const fromLine = document.lineAt(Math.min(Math.max(line, 0), document.lineCount - 1));
  const start = fromLine.range.start.translate(0, fromLine.firstNonWhitespaceCharacterIndex);
  // Reuse the editor already showing the file rather than opening a second one beside it.
  const column = vscode.window.visibleTextEditors.find((e) => e.document === document)?.viewColumn;
  const editor = await vscode.window.showTextDocument(document, { viewColumn: column, preserveFocus: false });
  editor.selection = new vscode.Selection(start, start);
  editor.revealRange(fromLine.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}

// Accepts `(uri, line)` from tree items, code lenses or other extensions, and a `StageLocation`
// from view context menus. A string uri is parsed, since command links pass JSON.
function toStageLocation(args: unknown[]): StageLocation | undefined {
  const [first, second] = args;
  if (isStageLocation(first)) return first;
  const uri = first instanceof vscode.Uri ? first : typeof first === 'string' ? vscode.Uri.parse(first) : undefined;
  return uri && typeof second === 'number' ? { uri, line: second } : undefined;
}

function isStageLocation(value: unknown): value is StageLocation {
  const candidate = value as Partial<StageLocation> | undefined;
  return candidate?.uri instanceof vscode.Uri && typeof candidate.line === 'number';
}

async function pickStage(activeGraph: ActiveStageGraph): Promise<void> {
  await activeGraph.refresh();
  const state = activeGraph.state;
  if (state.kind !== 'ready' || state.graph.nodes.length === 0) {
    void vscode.window.showInformationMessage('Open a Dockerfile with at least one FROM instruction to go to a stage.');
    return;
  }
  const items = state.graph.nodes.map((node) => ({ label: node.label, description: node.base, detail: stageRole(node), node }));
  const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Go to stage', matchOnDescription: true });
  if (picked) await revealStage({ uri: state.document.uri, line: picked.node.line });
}

/** One word or phrase for how the target uses a stage; the tree and the graph say the same. */
export function stageRole(node: StageGraphNode): string {
  if (node.isTarget) return 'target';
  return node.reachable ? 'built for the target' : 'not built';
}
