// startServer(connection): the language server on any connection (stdio, IPC, or in-memory
// streams in tests). Handlers are a few lines each: they read the cached analysis and hand the
// answer to a feature; convert.ts turns findings into LSP types.
import {
  CodeAction,
  CodeActionKind,
  Connection,
  DidChangeConfigurationNotification,
  InitializeResult,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analysis, applySeverities } from './analysis';
import { AnalysisCache } from './documents';
import { DockerignoreReader } from './dockerignore';
import { SOURCE, toDiagnostic, toQuickFix } from './convert';
import { analysisOptions, DEFAULT_SETTINGS, normalizeSettings, Settings } from './settings';
import { StageGraphParams, StageGraphRequest, StageGraphResult } from './protocol';
import { documentSymbols } from './features/symbols';
import { findingsFor } from './features/codeActions';
import { stageGraph } from './features/stageGraph';

export interface ServerOptions {
  /** Milliseconds to wait after a change before diagnosing; clients may set `diagnosticsDelay` in initializationOptions. */
  diagnosticsDelay?: number;
}

export function startServer(connection: Connection, serverOptions: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const cache = new AnalysisCache();
  const dockerignore = new DockerignoreReader();
  const settingsByUri = new Map<string, Promise<Settings>>();
  const timers = new Map<string, NodeJS.Timeout>();
  let delay = serverOptions.diagnosticsDelay ?? 200;
  let pullConfiguration = false;
  let globalSettings: Settings = DEFAULT_SETTINGS;

  const log = (message: string, error: unknown) =>
    connection.console.error(`${message}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);

  function settingsFor(uri: string): Promise<Settings> {
    if (!pullConfiguration) return Promise.resolve(globalSettings);
    let settings = settingsByUri.get(uri);
    if (!settings) {
      settings = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'dockerfileStages' })
        .then(normalizeSettings, () => DEFAULT_SETTINGS);
      settingsByUri.set(uri, settings);
    }
    return settings;
  }

  async function analysisOf(document: TextDocument): Promise<{ analysis: Analysis; settings: Settings }> {
    const settings = await settingsFor(document.uri);
    const options = { ...analysisOptions(settings), dockerignore: dockerignore.patternsFor(document.uri) };
    return { analysis: cache.get(document.uri, document.version, document.getText(), options), settings };
  }

  async function validate(uri: string): Promise<void> {
    const document = documents.get(uri);
    if (!document) return;
    const version = document.version;
    try {
      const { analysis, settings } = await analysisOf(document);
      // A newer version arrived while we worked: its own validation publishes.
      if (documents.get(uri)?.version !== version) return;
      const findings = applySeverities(analysis.findings, settings.rules);
      await connection.sendDiagnostics({ uri, version, diagnostics: findings.map((f) => toDiagnostic(uri, f)) });
    } catch (error) {
      log(`Dockerfile Stages could not analyse ${uri}`, error);
    }
  }

  function schedule(uri: string, wait: number): void {
    clearTimeout(timers.get(uri));
    timers.set(uri, setTimeout(() => {
      timers.delete(uri);
      void validate(uri);
    }, wait));
  }

  connection.onInitialize((params): InitializeResult => {
    pullConfiguration = params.capabilities.workspace?.configuration === true;
    const init = (params.initializationOptions ?? {}) as { diagnosticsDelay?: unknown; settings?: unknown };
    if (typeof init.diagnosticsDelay === 'number' && init.diagnosticsDelay >= 0) delay = init.diagnosticsDelay;
    if (init.settings) globalSettings = normalizeSettings(init.settings);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentSymbolProvider: { label: 'Dockerfile stages' },
      },
      serverInfo: { name: 'dockerfile-stages', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (pullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'dockerfileStages' }).catch(() => undefined);
    }
  });

  connection.onDidChangeConfiguration((change) => {
    settingsByUri.clear();
    const pushed = (change.settings as { dockerfileStages?: unknown } | null)?.dockerfileStages;
    if (pushed !== undefined) globalSettings = normalizeSettings(pushed);
    for (const document of documents.all()) schedule(document.uri, 0);
  });

  documents.onDidOpen((e) => schedule(e.document.uri, 0));
  documents.onDidChangeContent((e) => schedule(e.document.uri, delay));
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    cache.delete(e.document.uri);
    settingsByUri.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onCodeAction(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    try {
      const { analysis } = await analysisOf(document);
      const ours = params.context.diagnostics.filter((d) => d.source === SOURCE);
      const actions: CodeAction[] = [];
      for (const { finding, index } of findingsFor(analysis, ours.map((d) => ({ range: d.range, code: d.code })))) {
        for (const fix of finding.fixes) actions.push(toQuickFix(document.uri, fix, ours[index]));
      }
      return actions;
    } catch (error) {
      log('codeAction failed', error);
      return null;
    }
  });

  connection.onDocumentSymbol(async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return null;
    try {
      return documentSymbols((await analysisOf(document)).analysis);
    } catch (error) {
      log('documentSymbol failed', error);
      return null;
    }
  });

  connection.onRequest(StageGraphRequest, async (params: StageGraphParams): Promise<StageGraphResult | null> => {
    const document = documents.get(params.uri);
    if (!document) return null;
    try {
      const { analysis } = await analysisOf(document);
      return { uri: document.uri, version: document.version, ...stageGraph(analysis) };
    } catch (error) {
      log('stageGraph failed', error);
      return null;
    }
  });

  documents.listen(connection);
}
