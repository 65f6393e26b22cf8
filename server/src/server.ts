// startServer(connection): the language server on any connection (stdio, IPC, or in-memory
// streams in tests). Handlers are a few lines each: they read the cached analysis and hand the
// answer to a feature; convert.ts turns findings into LSP types.
import {
  CancellationToken,
  CodeLensRefreshRequest,
  Connection,
  DidChangeConfigurationNotification,
  DocumentHighlightKind,
  ErrorCodes,
  FoldingRangeKind,
  InitializeResult,
  LSPErrorCodes,
  MarkupKind,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, Analysis, applySeverities, TRANSIENT } from './analysis';
import { AnalysisCache } from './documents';
import { TypingDelay } from './typingDelay';
import { DockerignoreReader } from './dockerignore';
import { CODE_ACTION_KINDS, DeferredFixAll, SOURCE, toCodeAction, toDiagnostic } from './convert';
import { analysisOptions, DEFAULT_SETTINGS, normalizeSettings, Settings } from './settings';
import { ExportStageGraphParams, ExportStageGraphRequest, StageGraphParams, StageGraphRequest, StageGraphResult } from './protocol';
import { documentSymbols } from './features/symbols';
import { definition } from './features/definition';
import { documentHighlights, references } from './features/references';
import { prepareRename, rename, RenameRejection } from './features/rename';
import { hover } from './features/hover';
import { COMPLETION_TRIGGER_CHARACTERS, completions } from './features/completion';
import { foldingRanges } from './features/folding';
import { SEMANTIC_TOKENS_LEGEND, semanticTokens } from './features/semanticTokens';
import { codeLenses } from './features/codeLens';
import { indexSymbols, workspaceSymbols } from './features/workspaceSymbols';
import { WorkspaceDockerfiles } from './features/workspaceFiles';
import { codeActions, fixAllOf } from './features/codeActions';
import { stageGraph } from './features/stageGraph';
import { renderStageGraph } from './features/graphExport';

export interface ServerOptions {
  /** Milliseconds to wait after a change before diagnosing; clients may set `diagnosticsDelay` in initializationOptions. */
  diagnosticsDelay?: number;
  /** Diagnose at once after a pause when the analysis is cheap (the default); false waits `diagnosticsDelay` after every change. */
  adaptiveDelay?: boolean;
}


// Analysed while the server is idle after `initialized`, so a file opened later does not pay alone
// for compiling the analysis code: stages, ARG scopes, references, heredocs, most rules. Many
// distinct stages, so the hot paths run more than once. Only when idle: a file opened at once
// (an editor starts the server for it) warms the code itself, and a warm-up ahead of it would
// only delay its diagnostics (a 60-line file, analysed first in the process: 32 ms alone, 56
// with the warm-up before it).
const WARM_UP_AFTER_MS = 250;
const WARM_UP_SLICES = 4;
const WARM_UP_STAGES_PER_SLICE = 5;

function warmUpDockerfile(stages: number, slice: number): string {
  const lines = ['# syntax=docker/dockerfile:1', 'ARG BASE=alpine:3.20', 'ARG VERSION=1'];
  for (let i = 0; i < stages; i++) {
    lines.push(
      `FROM \${BASE} AS build${slice}x${i}`,
      'ARG VERSION',
      `ENV APP=/app/${i} PATH=/app/bin:$PATH`,
      'WORKDIR $APP',
      i > 0 ? `COPY --from=build${slice}x${i - 1} --chown=1:1 /app /app` : 'COPY . .',
      `RUN --mount=type=cache,target=/root/.cache,from=build${slice}x${Math.max(0, i - 1)} \\`,
      '    make build VERSION=${VERSION:-0} && echo "$APP"',
      'RUN <<EOF',
      'echo heredoc',
      'EOF',
      'EXPOSE 8080/tcp',
      'HEALTHCHECK CMD ["/bin/app", "health"]',
      'CMD serve',
    );
  }
  return lines.join('\n') + '\n';
}

export function startServer(connection: Connection, serverOptions: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const cache = new AnalysisCache();
  // Logged once, not shown in a window: the file is the workspace's, and every feature still answers.
  const dockerignore = new DockerignoreReader((file, reason) => connection.console.warn(`Ignoring ${file}: ${reason}. CopyIgnoredFile is not checked for the Dockerfiles it applies to.`));
  const settingsByUri = new Map<string, Promise<Settings>>();

  /** Warms the analysis code in slices of a few milliseconds, and not at all once a document is open. */
  function warmUpWhenIdle(): void {
    let slice = 0;
    const next = () => {
      if (slice >= WARM_UP_SLICES || documents.all().length > 0 || lifecycle !== 'running') return;
      try {
        analyze(warmUpDockerfile(WARM_UP_STAGES_PER_SLICE, slice++));
      } catch (error) {
        log('warming up the analysis failed', error);
        return;
      }
      setImmediate(next);
    };
    setTimeout(next, WARM_UP_AFTER_MS).unref();
  }
  // A validation waiting to run, by uri: a timer, or an immediate when there is nothing to wait for.
  const timers = new Map<string, { cancel(): void }>();
  const typingDelay = new TypingDelay(serverOptions.diagnosticsDelay ?? 200, serverOptions.adaptiveDelay ?? true);
  // Requests before `initialize` are refused with ServerNotInitialized, after `shutdown` with InvalidRequest.
  let lifecycle: 'uninitialized' | 'running' | 'shutDown' = 'uninitialized';
  let pullConfiguration = false;
  let globalSettings: Settings = DEFAULT_SETTINGS;
  const workspaceFiles = new WorkspaceDockerfiles();
  let linkSupport = false;
  let workspaceFolderEvents = false;
  let codeLensRefresh = false;
  let resolveFixAll = false;

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

  function optionsFor(uri: string, settings: Settings) {
    return { ...analysisOptions(settings), dockerignore: dockerignore.patternsFor(uri) };
  }

  async function analysisOf(document: TextDocument): Promise<{ analysis: Analysis; settings: Settings }> {
    const settings = await settingsFor(document.uri);
    return { analysis: cache.get(document.uri, document.version, document.getText(), optionsFor(document.uri, settings)), settings };
  }

  function assertRunning(): void {
    if (lifecycle === 'uninitialized') throw new ResponseError(ErrorCodes.ServerNotInitialized, 'The server is not initialized yet.');
    if (lifecycle === 'shutDown') throw new ResponseError(ErrorCodes.InvalidRequest, 'The server is shut down.');
  }

  /** A request the client cancelled ($/cancelRequest) is answered with RequestCancelled, not worked on. */
  function assertNotCancelled(token: CancellationToken | undefined): void {
    if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
  }

  // Answers that depend on the analysis alone, kept with it: an editor asks for the outline and
  // the tokens of one version several times (outline view, breadcrumbs, sticky scroll).
  const wholeDocumentAnswers = new WeakMap<Analysis, Map<string, unknown>>();
  function remembered<T>(analysis: Analysis, request: string, compute: () => T): T {
    let answers = wholeDocumentAnswers.get(analysis);
    if (!answers) wholeDocumentAnswers.set(analysis, (answers = new Map()));
    if (!answers.has(request)) answers.set(request, compute());
    return answers.get(request) as T;
  }

  /** Runs a feature on the document's cached analysis; a failure is logged and answered with `fallback`. */
  async function answer<T, F>(uri: string, request: string, fallback: F, feature: (analysis: Analysis, settings: Settings) => T, token?: CancellationToken): Promise<T | F> {
    assertRunning();
    const document = documents.get(uri);
    if (!document) return fallback;
    try {
      const settings = await settingsFor(document.uri);
      // Before an analysis that is not cached yet, let a $/cancelRequest for this request arrive.
      if (token && !cache.has(document.uri, document.version, document.getText(), optionsFor(document.uri, settings))) await new Promise((resolve) => setImmediate(resolve));
      assertNotCancelled(token);
      const { analysis } = await analysisOf(document);
      assertNotCancelled(token);
      return feature(analysis, settings);
    } catch (error) {
      // A refused rename is an answer, not a failure: the client shows its message.
      if (error instanceof RenameRejection) throw new ResponseError(LSPErrorCodes.RequestFailed, error.message);
      if (error instanceof ResponseError) throw error;
      log(`${request} failed`, error);
      return fallback;
    }
  }

  async function validate(uri: string): Promise<void> {
    const document = documents.get(uri);
    if (!document) return;
    const version = document.version;
    try {
      const { analysis, settings } = await analysisOf(document);
      // A newer version arrived while we worked: its own validation publishes.
      if (documents.get(uri)?.version !== version || lifecycle !== 'running') return;
      const findings = applySeverities(analysis.findings, settings.rules);
      await connection.sendDiagnostics({ uri, version, diagnostics: findings.map((f) => toDiagnostic(uri, f)) });
    } catch (error) {
      log(`Dockerfile Stages could not analyse ${uri}`, error);
    }
  }

  function schedule(uri: string, wait: number): void {
    timers.get(uri)?.cancel();
    const run = () => {
      timers.delete(uri);
      void validate(uri);
    };
    // No wait is no wait: a timer of 0 ms still waits a millisecond.
    if (wait <= 0) {
      const immediate = setImmediate(run);
      timers.set(uri, { cancel: () => clearImmediate(immediate) });
    } else {
      const timer = setTimeout(run, wait);
      timers.set(uri, { cancel: () => clearTimeout(timer) });
    }
  }

  connection.onInitialize((params): InitializeResult => {
    pullConfiguration = params.capabilities.workspace?.configuration === true;
    lifecycle = 'running';
    const init = (params.initializationOptions ?? {}) as { diagnosticsDelay?: unknown; adaptiveDelay?: unknown; settings?: unknown };
    if (typeof init.diagnosticsDelay === 'number' && init.diagnosticsDelay >= 0) typingDelay.delayMs = init.diagnosticsDelay;
    if (typeof init.adaptiveDelay === 'boolean') typingDelay.adaptive = init.adaptiveDelay;
    if (init.settings) globalSettings = normalizeSettings(init.settings);
    linkSupport = params.capabilities.textDocument?.definition?.linkSupport === true;
    workspaceFolderEvents = params.capabilities.workspace?.workspaceFolders === true;
    codeLensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    resolveFixAll = params.capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true;
    workspaceFiles.addFolders(params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []));
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS, resolveProvider: resolveFixAll },
        documentSymbolProvider: { label: 'Dockerfile stages' },
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: params.capabilities.textDocument?.rename?.prepareSupport ? { prepareProvider: true } : true,
        hoverProvider: true,
        completionProvider: { triggerCharacters: COMPLETION_TRIGGER_CHARACTERS },
        foldingRangeProvider: true,
        semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true },
        codeLensProvider: { resolveProvider: false },
        workspaceSymbolProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'dockerfile-stages', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    warmUpWhenIdle();
    if (pullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'dockerfileStages' }).catch(() => undefined);
    }
    if (workspaceFolderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        workspaceFiles.removeFolders(event.removed.map((f) => f.uri));
        workspaceFiles.addFolders(event.added.map((f) => f.uri));
      });
    }
  });

  connection.onDidChangeConfiguration((change) => {
    settingsByUri.clear();
    const pushed = (change.settings as { dockerfileStages?: unknown } | null)?.dockerfileStages;
    if (pushed !== undefined) globalSettings = normalizeSettings(pushed);
    for (const document of documents.all()) schedule(document.uri, 0);
    // Lenses depend on the codeLens and target settings.
    if (codeLensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  });

  documents.onDidOpen((e) => schedule(e.document.uri, 0));
  documents.onDidChangeContent((e) => schedule(e.document.uri, typingDelay.afterChange(e.document.uri, Date.now(), cache.costOf(e.document.uri))));
  documents.onDidClose((e) => {
    timers.get(e.document.uri)?.cancel();
    timers.delete(e.document.uri);
    typingDelay.forget(e.document.uri);
    cache.delete(e.document.uri);
    settingsByUri.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  // Quick fixes were built with the findings: answering is a lookup of the client's diagnostics;
  // fix-all and the refactorings read the same cached analysis.
  connection.onCodeAction(({ textDocument, range, context }, token) =>
    answer(textDocument.uri, 'codeAction', null, (analysis, settings) => {
      const ours = context.diagnostics.filter((d) => d.source === SOURCE);
      const request = { range, diagnostics: ours.map((d) => ({ range: d.range, code: d.code })), only: context.only, deferFixAll: resolveFixAll };
      return codeActions(analysis, analysisOptions(settings), request).map((action) => toCodeAction(textDocument.uri, action, ours));
    }, token));

  // A fix-all chosen by the user: its edit is computed now, on the current version.
  connection.onCodeActionResolve(async (action, token) => {
    const data = action.data as DeferredFixAll | undefined;
    if (!data?.uri || !data.fixAll) return action;
    const edits = await answer(data.uri, 'codeAction/resolve', undefined, (analysis, settings) => fixAllOf(analysis, analysisOptions(settings), data.fixAll.rule), token);
    return edits ? { ...action, edit: { changes: { [data.uri]: edits } } } : action;
  });

  connection.onDocumentSymbol(({ textDocument }, token) =>
    answer(textDocument.uri, 'documentSymbol', null, (analysis, settings) =>
      remembered(analysis, `documentSymbol ${settings.outline.maxItems}`, () => documentSymbols(analysis, settings.outline.maxItems)), token));

  connection.onDefinition(({ textDocument, position }, token) =>
    answer(textDocument.uri, 'definition', null, (analysis) => {
      const targets = definition(analysis, position);
      return linkSupport
        ? targets.map((t) => ({ originSelectionRange: t.originRange, targetUri: textDocument.uri, targetRange: t.targetRange, targetSelectionRange: t.targetSelectionRange }))
        : targets.map((t) => ({ uri: textDocument.uri, range: t.targetSelectionRange }));
    }, token));

  connection.onReferences(({ textDocument, position, context }, token) =>
    answer(textDocument.uri, 'references', null, (analysis) =>
      references(analysis, position, context.includeDeclaration).map((range) => ({ uri: textDocument.uri, range })), token));

  connection.onDocumentHighlight(({ textDocument, position }, token) =>
    answer(textDocument.uri, 'documentHighlight', null, (analysis) =>
      documentHighlights(analysis, position).map((h) => ({ range: h.range, kind: h.kind === 'write' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read })), token));

  connection.onPrepareRename(({ textDocument, position }, token) =>
    answer(textDocument.uri, 'prepareRename', null, (analysis) => prepareRename(analysis, position), token));

  connection.onRenameRequest(({ textDocument, position, newName }, token) =>
    answer(textDocument.uri, 'rename', null, (analysis) => ({ changes: { [textDocument.uri]: rename(analysis, position, newName) } }), token));

  connection.onHover(({ textDocument, position }, token) =>
    answer(textDocument.uri, 'hover', null, (analysis, settings) => {
      const result = hover(analysis, position, settings.buildArgs);
      return result ? { contents: { kind: MarkupKind.Markdown, value: result.contents }, range: result.range } : null;
    }, token));

  connection.onCompletion(({ textDocument, position }, token) =>
    answer(textDocument.uri, 'completion', null, (analysis) => completions(analysis, position), token));

  connection.onFoldingRanges(({ textDocument }, token) =>
    answer(textDocument.uri, 'foldingRange', null, (analysis) => remembered(analysis, 'foldingRange', () =>
      foldingRanges(analysis).map((f) => ({ startLine: f.startLine, endLine: f.endLine, kind: f.kind === 'comment' ? FoldingRangeKind.Comment : undefined }))), token));

  connection.languages.semanticTokens.on(({ textDocument }, token) =>
    answer(textDocument.uri, 'semanticTokens', { data: [] }, (analysis) => remembered(analysis, 'semanticTokens', () => ({ data: semanticTokens(analysis) })), token));

  connection.onCodeLens(({ textDocument }, token) =>
    answer(textDocument.uri, 'codeLens', null, (analysis, settings) => (settings.codeLens ? codeLenses(analysis, textDocument.uri) : []), token));

  connection.onShutdown(() => {
    lifecycle = 'shutDown';
    for (const timer of timers.values()) timer.cancel();
    timers.clear();
  });

  connection.onWorkspaceSymbol(async ({ query }) => {
    assertRunning();
    try {
      const open = await Promise.all(documents.all().map(async (d) => ({ uri: d.uri, symbols: indexSymbols((await analysisOf(d)).analysis) })));
      const onDisk = await workspaceFiles.files(new Set(open.map((f) => f.uri)));
      return workspaceSymbols([...open, ...onDisk], query);
    } catch (error) {
      log('workspaceSymbol failed', error);
      return null;
    }
  });

  /** The graph with the request's "what if" target and build args over the settings; a one-off analysis when they differ. */
  async function stageGraphAnswer(params: StageGraphParams): Promise<StageGraphResult | null> {
    assertRunning();
    const uri = params.textDocument?.uri ?? params.uri;
    const document = uri ? documents.get(uri) : undefined;
    if (!uri || !document) return null;
    let { analysis, settings } = await analysisOf(document);
    if (params.target !== undefined || params.buildArgs !== undefined) {
      const overridden = normalizeSettings({ ...settings, target: params.target ?? settings.target, buildArgs: params.buildArgs ?? settings.buildArgs });
      if (JSON.stringify(analysisOptions(overridden)) !== JSON.stringify(analysisOptions(settings))) {
        analysis = analyze(document.getText(), { ...analysisOptions(overridden), dockerignore: dockerignore.patternsFor(uri) }, undefined, TRANSIENT);
      }
      if (analysis.graph.unknownTarget !== undefined) {
        const names = analysis.stages.flatMap((s) => (s.name ? [`'${s.name}'`] : []));
        throw new ResponseError(ErrorCodes.InvalidParams, `No stage is named '${analysis.graph.unknownTarget}'. ${names.length ? `Stages: ${names.join(', ')}.` : 'The file has no named stage.'}`);
      }
    }
    return { uri, version: document.version, ...stageGraph(analysis, settings.buildContexts) };
  }

  connection.onRequest(StageGraphRequest, (params: StageGraphParams) => stageGraphAnswer(params).catch(rethrowOrLog('stageGraph')));
  connection.onRequest(ExportStageGraphRequest, async (params: ExportStageGraphParams) => {
    const graph = await stageGraphAnswer(params).catch(rethrowOrLog('exportStageGraph'));
    return graph && renderStageGraph(graph, params.format === 'dot' || params.format === 'json' ? params.format : 'mermaid');
  });

  /** A refusal the client should show passes through; anything else is logged and answered with null. */
  function rethrowOrLog(request: string): (error: unknown) => null {
    return (error) => {
      if (error instanceof ResponseError) throw error;
      log(`${request} failed`, error);
      return null;
    };
  }

  documents.listen(connection);
}
