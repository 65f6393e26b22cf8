// Entry point: start the language client, then wire the views and commands to it. All analysis
// happens in the server; the client only displays what the server answers.
import * as vscode from 'vscode';
import { DidChangeConfigurationNotification, LanguageClient } from 'vscode-languageclient/node';
import { BuildChoicesStore, createTargetStatusItem } from './buildTarget';
import { findOnPath, registerCommands } from './commands';
import { StageGraphPanel, StageGraphView, registerStageGraphView } from './graphPanel';
import { ActiveStageGraph, createLanguageClient } from './languageClient';
import { StageTreeProvider, registerStageTree } from './stageTree';

/** Returned from `activate` so the end-to-end tests can inspect the views through the real host. */
export interface DockerfileStagesApi {
  client: LanguageClient;
  stageTree: StageTreeProvider;
  graphView: StageGraphView;
  graphPanel: StageGraphPanel;
  buildChoices: BuildChoicesStore;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<DockerfileStagesApi> {
  const buildChoices = new BuildChoicesStore(context.workspaceState);
  client = createLanguageClient(context, buildChoices);
  const languageClient = client;
  const activeGraph = new ActiveStageGraph(client);
  const tree = registerStageTree(activeGraph);
  const graph = registerStageGraphView(context.extensionUri, activeGraph);
  context.subscriptions.push(
    buildChoices, activeGraph, ...tree.disposables, ...graph.disposables, createTargetStatusItem(activeGraph),
    ...registerCommands({ client, activeGraph, buildChoices, graphView: graph.view, graphPanel: graph.panel }),
    // A new target or build arg is a settings change for the server: it re-pulls the file's settings
    // (see withBuildChoices) and re-publishes diagnostics and lenses; then the views ask again.
    buildChoices.onDidChange(async () => {
      if (languageClient.isRunning()) await languageClient.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
      await activeGraph.refresh();
    }),
  );
  void vscode.commands.executeCommand('setContext', 'dockerfileStages.dockerAvailable', findOnPath('docker'));
  // Views and commands are registered first, so they answer (with a message) even if the server fails to start.
  try {
    await client.start();
  } catch (error) {
    void vscode.window.showErrorMessage(`Dockerfile Stages: the language server did not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { client, stageTree: tree.provider, graphView: graph.view, graphPanel: graph.panel, buildChoices };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
