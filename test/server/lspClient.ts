// A language client for tests: spawns the shipped bundle (`node dist/server.js --stdio`) and talks
// JSON-RPC to it, as an editor would. Generic on purpose: any request, any notification, the
// server's diagnostics as they arrive, and the server's own requests (configuration) answered.
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  CancellationToken,
  ClientCapabilities,
  createProtocolConnection,
  Diagnostic,
  InitializeResult,
  ProtocolConnection,
  PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentContentChangeEvent,
  WorkspaceFolder,
} from 'vscode-languageserver-protocol/node';
import { repoRoot } from '../support/paths';

export interface StartOptions {
  /** Settings the client returns for `workspace/configuration`, by scope uri; announced only when given. */
  settings?: (scopeUri: string | undefined) => unknown;
  workspaceFolders?: WorkspaceFolder[];
  /** Merged over the default capabilities (rename prepareSupport, definition links, configuration). */
  capabilities?: ClientCapabilities;
  /** Defaults to `{ diagnosticsDelay: 0 }`, so diagnostics do not wait for typing to stop. */
  initializationOptions?: Record<string, unknown>;
  /** Defaults to the bundle `node esbuild.js` builds. */
  serverPath?: string;
  /** Start the process without the initialize handshake (to test what the server does before it). */
  uninitialized?: boolean;
}

export interface LogEntry {
  type: number;
  message: string;
}

interface DiagnosticsWaiter {
  uri: string;
  predicate: (diagnostics: Diagnostic[], version: number | undefined) => boolean;
  resolve: (diagnostics: Diagnostic[]) => void;
}

export class LspClient {
  /** `window/logMessage` and `window/showMessage` from the server, in order: errors land here. */
  readonly logs: LogEntry[] = [];
  /** Methods of the requests the server sent the client, in order. */
  readonly requestsFromServer: string[] = [];
  /** What the server wrote to stderr. */
  stderr = '';
  initializeResult!: InitializeResult;
  private readonly published = new Map<string, PublishDiagnosticsParams>();
  private readonly publishCounts = new Map<string, number>();
  private readonly waiters = new Set<DiagnosticsWaiter>();
  private readonly versions = new Map<string, number>();
  private settings: StartOptions['settings'];

  private constructor(private readonly process: ChildProcess, private readonly connection: ProtocolConnection) {}

  /** Runs `body` with a started server, and stops the server afterwards whatever happens. */
  static async with<T>(options: StartOptions, body: (client: LspClient) => Promise<T>): Promise<T> {
    const client = await LspClient.start(options);
    try {
      return await body(client);
    } finally {
      await client.stop();
    }
  }

  static async start(options: StartOptions = {}): Promise<LspClient> {
    const serverPath = options.serverPath ?? path.join(repoRoot(), 'dist', 'server.js');
    if (!fs.existsSync(serverPath)) throw new Error(`${serverPath} is missing: run \`node esbuild.js\` first`);
    const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(child, connection);
    client.settings = options.settings;
    child.stderr!.on('data', (chunk: Buffer) => (client.stderr += chunk.toString()));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => client.receiveDiagnostics(params));
    connection.onNotification('window/logMessage', (params: LogEntry) => void client.logs.push(params));
    connection.onNotification('window/showMessage', (params: LogEntry) => void client.logs.push(params));
    const answer = <P>(method: string, reply: (params: P) => unknown) =>
      connection.onRequest(method, (params: P): unknown => {
        client.requestsFromServer.push(method);
        return reply(params);
      });
    answer('workspace/configuration', (params: { items: { scopeUri?: string }[] }) =>
      params.items.map((item) => client.settings?.(item.scopeUri) ?? null));
    for (const method of ['client/registerCapability', 'client/unregisterCapability', 'workspace/codeLens/refresh', 'workspace/semanticTokens/refresh', 'window/workDoneProgress/create']) {
      answer(method, () => null);
    }
    connection.listen();
    const capabilities: ClientCapabilities = {
      workspace: { configuration: options.settings !== undefined, workspaceFolders: true, codeLens: { refreshSupport: true } },
      textDocument: {
        rename: { prepareSupport: true },
        definition: { linkSupport: true },
        completion: { completionItem: { snippetSupport: false, labelDetailsSupport: true } },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
      },
      ...options.capabilities,
    };
    if (options.uninitialized) return client;
    client.initializeResult = await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: options.workspaceFolders?.[0]?.uri ?? null,
      workspaceFolders: options.workspaceFolders ?? null,
      capabilities,
      initializationOptions: options.initializationOptions ?? { diagnosticsDelay: 0 },
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  open(uri: string, text: string, languageId = 'dockerfile'): Promise<void> {
    this.versions.set(uri, 1);
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces the whole text, or applies incremental changes; returns the new version. */
  async change(uri: string, change: string | TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    const contentChanges = typeof change === 'string' ? [{ text: change }] : change;
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
    return version;
  }

  close(uri: string): Promise<void> {
    this.versions.delete(uri);
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown, token?: CancellationToken): Promise<R> {
    // An undefined last argument would be sent as a second parameter.
    return (token ? this.connection.sendRequest(method, params, token) : this.connection.sendRequest(method, params)) as Promise<R>;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  /** New settings: the client answers configuration requests with them and tells the server they changed. */
  setSettings(settings: (scopeUri: string | undefined) => unknown): Promise<void> {
    this.settings = settings;
    return this.notify('workspace/didChangeConfiguration', { settings: null });
  }

  /** The server's process id (the bench reads its peak memory from /proc). */
  get pid(): number | undefined {
    return this.process.pid;
  }

  /** How many times diagnostics were published for the uri: a server that sends no version is waited for by count. */
  publishedCount(uri: string): number {
    return this.publishCounts.get(uri) ?? 0;
  }

  /** The last diagnostics published for the uri. */
  diagnostics(uri: string): Diagnostic[] | undefined {
    return this.published.get(uri)?.diagnostics;
  }

  /**
   * Resolves with the first published diagnostics for `uri` (the last ones, if already there)
   * that satisfy `predicate`; rejects when `deadlineMs` passes first.
   */
  waitForDiagnostics(
    uri: string,
    predicate: (diagnostics: Diagnostic[], version: number | undefined) => boolean = () => true,
    deadlineMs = 10_000,
  ): Promise<Diagnostic[]> {
    const last = this.published.get(uri);
    if (last && predicate(last.diagnostics, last.version)) return Promise.resolve(last.diagnostics);
    return new Promise((resolve, reject) => {
      const waiter: DiagnosticsWaiter = { uri, predicate, resolve: () => undefined };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const seen = this.published.get(uri);
        reject(new Error(`no matching diagnostics for ${uri} within ${deadlineMs} ms; last: ${seen ? JSON.stringify(seen.diagnostics.map((d) => `${d.code} ${d.message}`)) : 'none'}`));
      }, deadlineMs);
      waiter.resolve = (diagnostics) => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve(diagnostics);
      };
      this.waiters.add(waiter);
    });
  }

  /** Error-level log lines (the server logs a failed request there). */
  errors(): string[] {
    return this.logs.filter((l) => l.type === 1).map((l) => l.message);
  }

  async stop(deadlineMs = 5_000): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.process.exitCode !== null) resolve();
      else this.process.once('exit', () => resolve());
    });
    // A server busy for longer than the deadline (the bench's anchor on 40,000 lines) is killed.
    const timer = setTimeout(() => this.process.kill(), deadlineMs);
    try {
      await Promise.race([this.connection.sendRequest('shutdown').then(() => this.connection.sendNotification('exit')), exited]);
    } catch {
      // Already gone: nothing to shut down.
    }
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }

  private receiveDiagnostics(params: PublishDiagnosticsParams): void {
    this.published.set(params.uri, params);
    this.publishCounts.set(params.uri, this.publishedCount(params.uri) + 1);
    for (const waiter of [...this.waiters]) {
      if (waiter.uri === params.uri && waiter.predicate(params.diagnostics, params.version)) waiter.resolve(params.diagnostics);
    }
  }
}
