// The language server on in-memory streams: startServer() on one end, a protocol client on the
// other. Faster than spawning dist/server.js, and the same code path below the transport.
import { PassThrough } from 'stream';
import { createConnection } from 'vscode-languageserver/node';
import {
  createProtocolConnection,
  InitializeParams,
  ProtocolConnection,
  PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { startServer } from '../../server/src/server';

export interface InMemoryServer {
  client: ProtocolConnection;
  /** Every publishDiagnostics, in arrival order. */
  published: PublishDiagnosticsParams[];
  /** Errors the server logged (window/logMessage of type Error): a feature that threw. */
  loggedErrors: string[];
  /** Every window/logMessage, of any type. */
  logged: { type: number; message: string }[];
  /** Answers the server's workspace/configuration requests; may be replaced by a test. */
  configuration: (params: { items: { scopeUri?: string; section?: string }[] }) => Promise<unknown[]> | unknown[];
  waitFor<T>(probe: () => T | undefined, what: string, deadlineMs?: number): Promise<T>;
  dispose(): void;
}

export async function startInMemoryServer(init: Partial<InitializeParams> = {}): Promise<InMemoryServer> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConnection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startServer(serverConnection);
  serverConnection.listen();
  const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const server: InMemoryServer = {
    client,
    published: [],
    loggedErrors: [],
    logged: [],
    configuration: (params) => params.items.map(() => ({})),
    async waitFor(probe, what, deadlineMs = 10_000) {
      const deadline = Date.now() + deadlineMs;
      for (;;) {
        const value = probe();
        if (value !== undefined) return value;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    dispose() {
      client.dispose();
      serverConnection.dispose();
    },
  };
  client.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    server.published.push(params);
  });
  client.onNotification('window/logMessage', (params: { type: number; message: string }) => {
    server.logged.push(params);
    if (params.type === 1) server.loggedErrors.push(params.message);
  });
  client.onRequest('workspace/configuration', (params: { items: { scopeUri?: string; section?: string }[] }) => server.configuration(params));
  client.onRequest('client/registerCapability', () => null);
  client.listen();
  await client.sendRequest('initialize', {
    processId: null,
    rootUri: null,
    capabilities: {},
    initializationOptions: { diagnosticsDelay: 0 },
    ...init,
  });
  await client.sendNotification('initialized', {});
  return server;
}
