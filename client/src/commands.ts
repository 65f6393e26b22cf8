// Every command the extension registers, in one table. Titles, icons and menus are in package.json.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { LanguageClient, Location as LspLocation, Position as LspPosition } from 'vscode-languageclient/node';
import { ExportStageGraphParams, ExportStageGraphRequest, SetBuildTargetCommand, ShowReferencesCommand, StageGraphNode } from '../../server/src/protocol';
import { BuildChoicesStore } from './buildTarget';
import { escapeIcons } from './iconText';
import type { StageGraphPanel, StageGraphView } from './graphPanel';
import { ActiveStageGraph } from './languageClient';

export const Commands = {
  showStageGraph: 'dockerfileStages.showStageGraph',
  refresh: 'dockerfileStages.refresh',
  goToStage: 'dockerfileStages.goToStage',
  /** Not in the palette: the server's code lenses call it with protocol-shaped arguments. */
  showReferences: ShowReferencesCommand,
  openStageGraphInEditor: 'dockerfileStages.openStageGraphInEditor',
  /** Arguments `[uri, stageName]` (quick fixes call it so), a Stages tree item, or a graph node's context. */
  setBuildTarget: SetBuildTargetCommand,
  selectBuildTarget: 'dockerfileStages.selectBuildTarget',
  setBuildArg: 'dockerfileStages.setBuildArg',
  findStageReferences: 'dockerfileStages.findStageReferences',
  renameStage: 'dockerfileStages.renameStage',
  copyStageName: 'dockerfileStages.copyStageName',
  buildStage: 'dockerfileStages.buildStage',
  copyGraphAsMermaid: 'dockerfileStages.copyGraphAsMermaid',
  copyGraphAsDot: 'dockerfileStages.copyGraphAsDot',
  saveGraphAsSvg: 'dockerfileStages.saveGraphAsSvg',
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
  buildChoices: BuildChoicesStore;
  graphView: StageGraphView;
  graphPanel: StageGraphPanel;
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
  [Commands.openStageGraphInEditor]: ({ graphPanel }) => graphPanel.open(),
  [Commands.setBuildTarget]: async (deps, ...args) => {
    const stage = await stageOf(deps, args);
    if (!stage) return;
    if (!stage.node?.name) {
      void vscode.window.showInformationMessage(`Stage ${stage.node?.index ?? ''} has no name; add 'AS name' to its FROM line to build it as a target.`);
      return;
    }
    await deps.buildChoices.setTarget(stage.uri, stage.node.name);
  },
  [Commands.selectBuildTarget]: (deps, ...args) => selectBuildTarget(deps, args),
  [Commands.setBuildArg]: (deps, ...args) => setBuildArg(deps, args),
  [Commands.findStageReferences]: async (deps, ...args) => {
    if (await putCursorOnName(deps, args)) await vscode.commands.executeCommand('editor.action.referenceSearch.trigger');
  },
  [Commands.renameStage]: async (deps, ...args) => {
    if (await putCursorOnName(deps, args)) await vscode.commands.executeCommand('editor.action.rename');
  },
  [Commands.copyStageName]: async (deps, ...args) => {
    const stage = await stageOf(deps, args);
    if (stage?.node) await vscode.env.clipboard.writeText(stage.node.name ?? String(stage.node.index));
  },
  [Commands.buildStage]: (deps, ...args) => buildStage(deps, args),
  [Commands.copyGraphAsMermaid]: (deps) => copyGraph(deps, 'mermaid'),
  [Commands.copyGraphAsDot]: (deps) => copyGraph(deps, 'dot'),
  [Commands.saveGraphAsSvg]: (deps) => saveGraphAsSvg(deps),
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
  // Names come from the file: `$(…)` in them is text, not an icon.
  const items = state.graph.nodes.map((node) => ({ label: escapeIcons(node.label), description: escapeIcons(node.base), detail: stageRole(node), node }));
  const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Go to stage', matchOnDescription: true });
  if (picked) await revealStage({ uri: state.document.uri, line: picked.node.line });
}

/** One word or phrase for how the target uses a stage; the tree and the graph say the same. */
export function stageRole(node: StageGraphNode): string {
  if (node.isTarget) return 'target';
  return node.reachable ? 'built for the target' : 'not built';
}

/** The stage a command is about, from any of the argument shapes the menus and callers pass. */
interface StageArgument {
  uri: vscode.Uri;
  node: StageGraphNode | undefined;
}

async function stageOf({ activeGraph }: CommandDeps, args: unknown[]): Promise<StageArgument | undefined> {
  const [first, second] = args;
  let uri: vscode.Uri | undefined;
  let name: string | undefined;
  let index: number | undefined;
  const record = first && typeof first === 'object' ? (first as Record<string, unknown>) : undefined;
  if (record && record.uri instanceof vscode.Uri && record.node && typeof record.node === 'object') {
    // A Stages tree item.
    uri = record.uri;
    index = (record.node as StageGraphNode).index;
  } else if (record && typeof record.webviewSection === 'string') {
    // A graph node's `data-vscode-context`.
    uri = typeof record.uri === 'string' && record.uri ? vscode.Uri.parse(record.uri) : undefined;
    index = typeof record.stageIndex === 'number' ? record.stageIndex : undefined;
  } else {
    uri = first instanceof vscode.Uri ? first : typeof first === 'string' ? vscode.Uri.parse(first) : undefined;
    name = typeof second === 'string' ? second : undefined;
  }
  if (!uri) return undefined;
  let state = activeGraph.state;
  if (state.kind !== 'ready' || state.document.uri.toString() !== uri.toString()) {
    await vscode.window.showTextDocument(uri, { preview: false });
    await activeGraph.refresh();
    state = activeGraph.state;
  }
  if (state.kind !== 'ready' || state.document.uri.toString() !== uri.toString()) return { uri, node: undefined };
  const node = name !== undefined
    ? state.graph.nodes.find((n) => n.name?.toLowerCase() === name!.toLowerCase())
    : state.graph.nodes.find((n) => n.index === index);
  return { uri, node };
}

async function putCursorOnName(deps: CommandDeps, args: unknown[]): Promise<boolean> {
  const stage = await stageOf(deps, args);
  if (!stage?.node) return false;
  const editor = await revealStage({ uri: stage.uri, line: stage.node.line });
  const range = stage.node.nameRange;
  if (range) {
    const start = new vscode.Position(range.start.line, range.start.character);
    editor.selection = new vscode.Selection(start, start);
  }
  return range !== undefined;
}

async function selectBuildTarget(deps: CommandDeps, args: unknown[]): Promise<void> {
  const uri = args[0] instanceof vscode.Uri ? args[0] : deps.activeGraph.state.kind === 'ready' ? deps.activeGraph.state.document.uri : undefined;
  const state = deps.activeGraph.state;
  if (!uri || state.kind !== 'ready' || state.graph.nodes.length === 0) {
    void vscode.window.showInformationMessage('Open a Dockerfile with at least one FROM instruction to select its build target.');
    return;
  }
  const own = deps.buildChoices.get(uri).target;
  type Item = vscode.QuickPickItem & { target: string | undefined };
  const items: Item[] = state.graph.nodes.filter((n) => n.name).map((node) => ({
    label: `${node.isTarget ? '$(target) ' : ''}${escapeIcons(node.name!)}`,
    description: escapeIcons(`FROM ${node.base}`),
    detail: node.isTarget ? 'current target' : node.reachable ? 'built for the current target' : 'not built for the current target',
    target: node.name,
  }));
  items.push({ label: 'Default', description: own ? 'the dockerfileStages.target setting, else the last stage' : '(in use)', target: undefined });
  const picked = await vscode.window.showQuickPick(items, { title: 'Select Build Target', placeHolder: 'The stage a build of this file stops at (--target)', matchOnDescription: true });
  if (picked) await deps.buildChoices.setTarget(uri, picked.target);
}

async function setBuildArg(deps: CommandDeps, args: unknown[]): Promise<void> {
  const state = deps.activeGraph.state;
  const uri = args[0] instanceof vscode.Uri ? args[0] : state.kind === 'ready' ? state.document.uri : undefined;
  if (!uri || state.kind !== 'ready') {
    void vscode.window.showInformationMessage('Open a Dockerfile to set its build args.');
    return;
  }
  const current = deps.buildChoices.effective(uri).buildArgs;
  const declared = state.graph.args ?? [];
  if (declared.length === 0) {
    void vscode.window.showInformationMessage('This Dockerfile declares no ARG.');
    return;
  }
  const picked = await vscode.window.showQuickPick(declared.map((arg) => ({
    label: escapeIcons(arg.name),
    description: escapeIcons(arg.value !== undefined ? `default: ${arg.value}` : 'no default'),
    detail: current[arg.name] !== undefined ? escapeIcons(`set to: ${current[arg.name]}`) : undefined,
    arg,
  })), { title: 'Set Build Arg', placeHolder: 'The ARG to give a value for this file (--build-arg)' });
  if (!picked) return;
  const value = await vscode.window.showInputBox({
    title: `Build arg ${picked.arg.name}`,
    prompt: 'The value for this file; leave empty and press Enter to use the default again.',
    value: current[picked.arg.name] ?? picked.arg.value ?? '',
  });
  if (value === undefined) return;
  await deps.buildChoices.setBuildArg(uri, picked.arg.name, value === '' && picked.arg.value !== undefined ? undefined : value);
}

/** `docker build --target NAME` in a terminal (a task), only in a trusted workspace with the docker CLI. */
async function buildStage(deps: CommandDeps, args: unknown[]): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showInformationMessage('Building runs docker in this workspace: trust the workspace first.');
    return;
  }
  if (!findOnPath('docker')) {
    void vscode.window.showInformationMessage('The docker CLI is not on the PATH.');
    return;
  }
  const stage = await stageOf(deps, args);
  if (!stage?.node?.name) {
    void vscode.window.showInformationMessage('Only a named stage can be built with --target: add \'AS name\' to its FROM line.');
    return;
  }
  const file = stage.uri.fsPath;
  const buildArgs = Object.entries(deps.buildChoices.effective(stage.uri).buildArgs).flatMap(([name, value]) => ['--build-arg', `${name}=${value}`]);
  // ShellExecution quotes every argument for the user's shell: names and paths are never parsed as shell syntax.
  const execution = new vscode.ShellExecution('docker', ['build', '--target', stage.node.name, '-f', file, ...buildArgs, '.'], { cwd: path.dirname(file) });
  const folder = vscode.workspace.getWorkspaceFolder(stage.uri) ?? vscode.TaskScope.Workspace;
  const task = new vscode.Task({ type: 'shell', stage: stage.node.name }, folder, `build ${stage.node.name}`, 'Dockerfile Stages', execution);
  await vscode.tasks.executeTask(task);
}

/** True when an executable named `name` is in a PATH folder; sets nothing and reads no file. */
export function findOnPath(name: string): boolean {
  const names = process.platform === 'win32' ? [`${name}.exe`, `${name}.cmd`] : [name];
  for (const folder of (process.env.PATH ?? '').split(path.delimiter).slice(0, 200)) {
    if (!folder) continue;
    for (const candidate of names) {
      try {
        if (fs.statSync(path.join(folder, candidate)).isFile()) return true;
      } catch {
        // Not in this folder.
      }
    }
  }
  return false;
}

async function copyGraph({ client, activeGraph }: CommandDeps, format: 'mermaid' | 'dot'): Promise<void> {
  const state = activeGraph.state;
  if (state.kind !== 'ready') {
    void vscode.window.showInformationMessage('Open a Dockerfile to copy its stage graph.');
    return;
  }
  const params: ExportStageGraphParams = { textDocument: { uri: client.code2ProtocolConverter.asUri(state.document.uri) }, format };
  const text = await client.sendRequest<string | null>(ExportStageGraphRequest, params);
  if (!text) {
    void vscode.window.showWarningMessage('The server has no stage graph for this file.');
    return;
  }
  await vscode.env.clipboard.writeText(text);
  void vscode.window.showInformationMessage(`Stage graph copied as ${format === 'dot' ? 'DOT' : 'Mermaid'}.`);
}

async function saveGraphAsSvg({ activeGraph, graphView, graphPanel }: CommandDeps): Promise<void> {
  const page = graphPanel.visiblePage ?? graphView.visiblePage;
  const state = activeGraph.state;
  if (!page || state.kind !== 'ready') {
    void vscode.window.showInformationMessage('Show the Stage Graph of a Dockerfile to save it as SVG.');
    return;
  }
  const svg = await page.exportSvg();
  if (!svg) {
    void vscode.window.showInformationMessage('The Stage Graph has no drawing to save.');
    return;
  }
  const suggested = vscode.Uri.joinPath(state.document.uri, '..', `${path.basename(state.document.uri.path)}.stages.svg`);
  const target = await vscode.window.showSaveDialog({ defaultUri: suggested, filters: { SVG: ['svg'] }, title: 'Save Stage Graph as SVG' });
  if (target) await vscode.workspace.fs.writeFile(target, Buffer.from(svg, 'utf8'));
}
