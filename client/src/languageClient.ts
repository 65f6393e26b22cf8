// The one place the client talks to the server: starting it, and asking for the stage graph of
// the Dockerfile in the active editor. Views subscribe to `ActiveStageGraph`; none sends requests.
import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { StageGraphParams, StageGraphRequest, StageGraphResult } from '../../server/src/protocol';
import { BuildChoicesStore, withBuildChoices } from './buildTarget';
import { configSection, readViewSettings } from './config';

export const languageId = 'dockerfile';

export function createLanguageClient(context: vscode.ExtensionContext, buildChoices: BuildChoicesStore): LanguageClient {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      // --nolazy so breakpoints bind before the code first runs; 6009 is the port launch.json attaches to.
      options: { execArgv: ['--nolazy', '--inspect=6009'] },
    },
  };
  const clientOptions: LanguageClientOptions = {
    // No scheme: file, untitled and virtual-workspace schemes (vscode-vfs, ...) all match.
    documentSelector: [{ language: languageId }],
    synchronize: { configurationSection: configSection },
    middleware: {
      workspace: {
        // Each file's chosen target and build args reach the server as that file's settings.
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) return result;
          return result.map((section, i) => {
            const item = params.items[i];
            return item?.section === configSection && item.scopeUri ? withBuildChoices(section, buildChoices.get(vscode.Uri.parse(item.scopeUri))) : section;
          });
        },
      },
    },
  };
  return new LanguageClient('dockerfileStages', 'Dockerfile Stages', serverOptions, clientOptions);
}

export function isDockerfile(document: vscode.TextDocument | undefined): boolean {
  return document?.languageId === languageId;
}

export type StageGraphState =
  | { kind: 'none' }
  | { kind: 'loading'; document: vscode.TextDocument }
  | { kind: 'ready'; document: vscode.TextDocument; graph: StageGraphResult }
  | { kind: 'error'; document: vscode.TextDocument; message: string };

/**
 * The stage graph of the Dockerfile the user is looking at, refreshed when the active editor
 * changes (at once) and when the document changes (after a quiet time, so typing does not
 * send a request per keystroke).
 */
export class ActiveStageGraph implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<StageGraphState>();
  readonly onDidChange = this.changeEmitter.event;
  private current: StageGraphState = { kind: 'none' };
  private document: vscode.TextDocument | undefined;
  private timer: NodeJS.Timeout | undefined;
  // Answers can arrive out of order; only the latest request may update the views.
  private requestSeq = 0;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly client: LanguageClient) {
    this.disposables.push(
      this.changeEmitter,
      vscode.window.onDidChangeActiveTextEditor((editor) => this.follow(editor)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === this.document && event.contentChanges.length > 0) this.schedule();
      }),
      vscode.workspace.onDidOpenTextDocument((document) => {
        // A file whose language is changed to Dockerfile reopens under the new language id.
        if (document === vscode.window.activeTextEditor?.document) this.follow(vscode.window.activeTextEditor);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document === this.document) this.setDocument(undefined);
      }),
      // The server's target setting decides reachability, so a settings change redraws.
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(configSection) && this.document) this.schedule();
      }),
    );
    this.follow(vscode.window.activeTextEditor);
  }

  get state(): StageGraphState {
    return this.current;
  }

  /** Ask the server now, without waiting for the quiet time. */
  refresh(): Promise<void> {
    this.cancelTimer();
    return this.fetch();
  }

  dispose(): void {
    this.cancelTimer();
    this.disposables.forEach((d) => d.dispose());
  }

  private follow(editor: vscode.TextEditor | undefined): void {
    // Focus moving to a panel or a webview leaves no active editor; keep showing the last Dockerfile.
    if (!editor) return;
    if (isDockerfile(editor.document)) {
      if (editor.document !== this.document) this.setDocument(editor.document);
    } else if (editor.document.uri.scheme !== 'output') {
      this.setDocument(undefined);
    }
  }

  private setDocument(document: vscode.TextDocument | undefined): void {
    this.document = document;
    this.cancelTimer();
    if (!document) {
      this.requestSeq++;
      this.publish({ kind: 'none' });
      return;
    }
    this.publish({ kind: 'loading', document });
    void this.fetch();
  }

  private schedule(): void {
    this.cancelTimer();
    const delay = readViewSettings(this.document?.uri).refreshDelayMs;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.fetch();
    }, delay);
  }

  private cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async fetch(): Promise<void> {
    const document = this.document;
    if (!document) return;
    const seq = ++this.requestSeq;
    const params: StageGraphParams = { textDocument: { uri: this.client.code2ProtocolConverter.asUri(document.uri) } };
    try {
      const graph = await this.client.sendRequest<StageGraphResult | null>(StageGraphRequest, params);
      if (seq !== this.requestSeq) return;
      // null: the server does not have the document (yet) or its analysis failed and was logged.
      this.publish(graph ? { kind: 'ready', document, graph } : { kind: 'error', document, message: 'the server has no analysis of this document' });
    } catch (error) {
      if (seq === this.requestSeq) this.publish({ kind: 'error', document, message: errorMessage(error) });
    }
  }

  private publish(state: StageGraphState): void {
    this.current = state;
    this.changeEmitter.fire(state);
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
