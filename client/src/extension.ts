// Entry point: start the language client, then wire the views and commands to it. All analysis
// happens in the server; the client only displays what the server answers.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { StageGraphView, registerStageGraphView } from './graphPanel';
import { ActiveStageGraph, createLanguageClient } from './languageClient';
import { StageTreeProvider, registerStageTree } from './stageTree';

/** Returned from `activate` so the end-to-end tests can inspect the views through the real host. */
export interface DockerfileStagesApi {
  client: LanguageClient;
  stageTree: StageTreeProvider;
  graphView: StageGraphView;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<DockerfileStagesApi> {
  client = createLanguageClient(context);
  const activeGraph = new ActiveStageGraph(client);
  const tree = registerStageTree(activeGraph);
  const graph = registerStageGraphView(activeGraph);
  context.subscriptions.push(activeGraph, ...tree.disposables, ...graph.disposables, ...registerCommands({ client, activeGraph }));
  // Views and commands are registered first, so they answer (with a message) even if the server fails to start.
  try {
    await client.start();
  } catch (error) {
    void vscode.window.showErrorMessage(`Dockerfile Stages: the language server did not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { client, stageTree: tree.provider, graphView: graph.view };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
