// What an editor sees of the server beyond single requests: the capabilities it announces,
// diagnostics that follow edits, settings that change answers, workspace folders, and clients
// without optional capabilities.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { CodeLens, DocumentSymbol, Hover, Location, LocationLink, MarkupContent, SymbolInformation, WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { applyEdits } from '../support/edits';
import { parseFeatureFixture } from '../support/markers';
import { LspClient } from './lspClient';
import { StageGraphResult } from '../../server/src/protocol';

test('the server announces every navigation and editing feature', async () => {
  await LspClient.with({}, async (client) => {
    const capabilities = client.initializeResult.capabilities;
    for (const provider of ['definitionProvider', 'referencesProvider', 'documentHighlightProvider', 'hoverProvider', 'foldingRangeProvider', 'workspaceSymbolProvider', 'documentSymbolProvider'] as const) {
      assert.ok(capabilities[provider], provider);
    }
    assert.deepEqual(capabilities.renameProvider, { prepareProvider: true });
    assert.ok(capabilities.completionProvider?.triggerCharacters?.includes('='));
    assert.ok(capabilities.completionProvider?.triggerCharacters?.includes('$'));
    assert.ok(capabilities.codeLensProvider);
    assert.ok(capabilities.semanticTokensProvider && 'full' in capabilities.semanticTokensProvider && capabilities.semanticTokensProvider.full);
    assert.deepEqual(capabilities.workspace?.workspaceFolders, { supported: true, changeNotifications: true });
  });
});

test('diagnostics follow an edit, and a rename asked after the edit works on the new text', async () => {
  await LspClient.with({}, async (client) => {
    const uri = 'file:///protocol/typo.Dockerfile';
    const fixture = parseFeatureFixture('FROM golang:1.22 AS builder\nFROM alpine:3.20\nCOPY --from=bi$0ulder /out /app\n#           ^^^^^^^ typo\n');
    await client.open(uri, fixture.text);
    const typo = (await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'UnknownStage'))).find((x) => x.code === 'UnknownStage')!;
    assert.deepEqual(typo.range, fixture.marks[0].range);
    const version = await client.change(uri, [{ range: fixture.marks[0].range, text: 'builder' }]);
    await client.waitForDiagnostics(uri, (d, v) => v === version && !d.some((x) => x.code === 'UnknownStage'));
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: fixture.cursor, newName: 'compiler' });
    assert.equal(edit.changes?.[uri]?.length, 2, 'the AS name and the corrected --from');
    assert.deepEqual(client.errors(), []);
  });
});

// A line added above stages moves them in place (model.ts movedInPlace), and the code actions an
// editor asks for between edits make "what if" analyses of the same chunks: what is published
// and outlined must still be what a fresh analysis of each text gives.
test('lines added and removed above stages, with code actions and the outline asked in between, leave diagnostics and symbols where a fresh analysis puts them', async () => {
  const stages = [
    'ARG BASE=alpine:3.20',
    'FROM ${BASE} AS build',
    'ENV A 1',
    'RUN make',
    ...Array.from({ length: 6 }, (_, i) => [
      `FROM build AS s${i}`,
      'WORKDIR app',
      'ENV B 2',
      'ARG UNUSED',
      'RUN echo one \\',
      '',
      '    two',
      `COPY --from=biuld${i} /a /a`,
    ]).flat(),
  ];
  let text = stages.join('\n') + '\n';
  const summary = (diagnostics: { code?: unknown; range: unknown; message: unknown }[]) => diagnostics.map((d) => JSON.stringify([d.code, d.range, d.message])).sort();
  const outline = (symbols: DocumentSymbol[]): unknown => symbols.map((s) => [s.name, s.range, s.selectionRange, outline(s.children ?? [])]);
  await LspClient.with({ initializationOptions: { diagnosticsDelay: 0 } }, async (edited) => {
    const uri = 'file:///protocol/moved.Dockerfile';
    await edited.open(uri, text);
    await edited.waitForDiagnostics(uri, (d) => d.length > 0);
    for (const [step, change] of [[0, '\n'], [1, '\n\n'], [2, ''], [3, '\n']] as const) {
      await edited.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 2, character: 0 }, end: { line: 40, character: 0 } }, context: { diagnostics: [] } });
      await edited.request('textDocument/documentSymbol', { textDocument: { uri } });
      // Inside the first stage: every stage below it moves. Removing takes out a line added before.
      const range = change === '' ? { start: { line: 3, character: 0 }, end: { line: 4, character: 0 } } : { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } };
      if (change === '') assert.equal(text.split('\n')[3], '');
      text = applyEdits(text, [{ range, newText: change }]);
      const version = await edited.change(uri, [{ range, text: change }]);
      const published = await edited.waitForDiagnostics(uri, (_, v) => v === version);
      const symbols = await edited.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      await LspClient.with({ initializationOptions: { diagnosticsDelay: 0 } }, async (fresh) => {
        const freshUri = 'file:///protocol/fresh.Dockerfile';
        await fresh.open(freshUri, text);
        const expected = await fresh.waitForDiagnostics(freshUri, (d) => d.length > 0);
        assert.deepEqual(summary(published), summary(expected), `diagnostics after step ${step}`);
        assert.deepEqual(outline(symbols), outline(await fresh.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: freshUri } })), `outline after step ${step}`);
      });
    }
    assert.deepEqual(edited.errors(), []);
  });
});

test('waitForDiagnostics rejects at its deadline when nothing matches', async () => {
  await LspClient.with({}, async (client) => {
    const uri = 'file:///protocol/clean.Dockerfile';
    await client.open(uri, 'FROM alpine:3.20\n');
    await assert.rejects(client.waitForDiagnostics(uri, (d) => d.length > 99, 300), /no matching diagnostics/);
  });
});

test('the codeLens setting turns lenses off, and the client is asked to refresh them', async () => {
  let settings: Record<string, unknown> = { codeLens: true };
  await LspClient.with({ settings: () => settings }, async (client) => {
    const uri = 'file:///protocol/lenses.Dockerfile';
    await client.open(uri, 'FROM golang:1.22 AS builder\nFROM alpine:3.20\nCOPY --from=builder /out /app\n');
    const before = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.deepEqual(before.map((l) => l.command?.title), ['used by 1 stage', 'target']);
    settings = { codeLens: false };
    await client.setSettings(() => settings);
    assert.deepEqual(await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } }), []);
    assert.ok(client.requestsFromServer.includes('workspace/codeLens/refresh'), 'the client is told to ask again');
  });
});

test('the outline.maxItems setting bounds the outline: every stage, then instructions in file order', async () => {
  let settings: Record<string, unknown> = {};
  await LspClient.with({ settings: () => settings }, async (client) => {
    const uri = 'file:///protocol/outline.Dockerfile';
    await client.open(uri, 'FROM golang:1.22 AS builder\nRUN go build\nRUN go vet\nFROM alpine:3.20\nCOPY --from=builder /out /app\nCMD ["/app"]\n');
    const outline = async () => (await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } }))
      .map((s) => `${s.name}(${(s.children ?? []).map((c) => c.name).join(', ')})`).join(' ');
    assert.equal(await outline(), 'builder(RUN go build, RUN go vet) stage 1(COPY --from=builder /out /app, CMD ["/app"])');
    settings = { outline: { maxItems: 3 } };
    await client.setSettings(() => settings);
    assert.equal(await outline(), 'builder(RUN go build) stage 1()');
  });
});

test('a code lens carries what the references view needs: uri, position, locations', async () => {
  await LspClient.with({}, async (client) => {
    const uri = 'file:///protocol/show-references.Dockerfile';
    const fixture = parseFeatureFixture([
      'FROM golang:1.22 AS $0builder',
      'FROM alpine:3.20',
      'COPY --from=builder /out /app',
      '#           ^^^^^^^ ref',
      'COPY --from=0 /etc/ssl /etc/ssl',
      '#           ^ ref',
    ].join('\n'));
    await client.open(uri, fixture.text);
    const [used] = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(used.command?.command, 'dockerfileStages.showReferences');
    const [lensUri, position, locations] = used.command!.arguments as [string, { line: number; character: number }, Location[]];
    assert.equal(lensUri, uri);
    assert.deepEqual(position, fixture.cursor);
    assert.deepEqual(locations, fixture.marks.map((m) => ({ uri, range: m.range })));
  });
});

test('hover shows the build arg from the settings the client sends', async () => {
  await LspClient.with({ settings: () => ({ buildArgs: { VERSION: '2.0.0' } }) }, async (client) => {
    const uri = 'file:///protocol/hover.Dockerfile';
    const fixture = parseFeatureFixture('ARG VERSION=1.2.3\nFROM alpine:${VERS$0ION}\n');
    await client.open(uri, fixture.text);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: fixture.cursor });
    assert.match((hover.contents as MarkupContent).value, /Build arg from `dockerfileStages\.buildArgs`: `2\.0\.0`/);
  });
});

test('a client without link support gets plain locations from definition', async () => {
  await LspClient.with({ capabilities: { textDocument: { definition: { linkSupport: false } } } }, async (client) => {
    const uri = 'file:///protocol/definition.Dockerfile';
    const fixture = parseFeatureFixture('FROM golang:1.22 AS builder\n#                   ^^^^^^^ def\nFROM alpine:3.20\nCOPY --from=bui$0lder /out /app\n');
    await client.open(uri, fixture.text);
    const result = await client.request<(Location | LocationLink)[]>('textDocument/definition', { textDocument: { uri }, position: fixture.cursor });
    assert.deepEqual(result, [{ uri, range: fixture.marks[0].range }]);
  });
});

test('a client without prepareRename support still renames', async () => {
  await LspClient.with({ capabilities: { textDocument: { rename: { prepareSupport: false } } } }, async (client) => {
    assert.equal(client.initializeResult.capabilities.renameProvider, true);
    const uri = 'file:///protocol/rename.Dockerfile';
    const { text, cursor } = parseFeatureFixture('FROM golang:1.22 AS build$0er\nFROM alpine:3.20\nCOPY --from=builder /out /app\n');
    await client.open(uri, text);
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: cursor, newName: 'compiler' });
    assert.equal(applyEdits(text, edit.changes![uri]), text.replace(/builder/g, 'compiler'));
  });
});

test('workspace symbols cover open documents and the Dockerfiles under the workspace folders, as folders come and go', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dockerfile-stages-lsp-'));
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  write('one/api/Dockerfile', 'ARG GO_VERSION=1.22\nFROM golang:${GO_VERSION} AS api-builder\n');
  write('one/node_modules/x/Dockerfile', 'FROM node AS vendored-builder\n');
  write('two/web.Dockerfile', 'FROM node:20 AS web-builder\n');
  const folder = (name: string) => ({ uri: pathToFileURL(path.join(root, name)).toString(), name });
  const client = await LspClient.start({ workspaceFolders: [folder('one')] });
  try {
    // The open document wins over its file on disk, which says something else.
    const openUri = pathToFileURL(path.join(root, 'one', 'api', 'Dockerfile')).toString();
    await client.open(openUri, 'FROM golang:1.22 AS api-compiler\n');
    const names = async (query: string) => (await client.request<SymbolInformation[]>('workspace/symbol', { query })).map((s) => s.name).sort();
    assert.deepEqual(await names('builder'), []);
    assert.deepEqual(await names('api'), ['api-compiler']);
    await client.close(openUri);
    assert.deepEqual(await names('builder'), ['api-builder']);
    assert.deepEqual(await names('GO_VERS'), ['GO_VERSION']);
    await client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [folder('two')], removed: [folder('one')] } });
    // The notification has no reply: ask until the new folder shows, within a deadline.
    const deadline = Date.now() + 5_000;
    let found: string[] = [];
    while (Date.now() < deadline && !(found = await names('builder')).includes('web-builder')) { /* ask again */ }
    assert.deepEqual(found, ['web-builder']);
    assert.deepEqual(client.errors(), []);
  } finally {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('semantic tokens of a 10,000-line Dockerfile come back over LSP, one per name', async () => {
  const client = await LspClient.start();
  try {
    const stages = 1250;
    const stage = (i: number) => `FROM alpine:3.20 AS stage-${i}\nARG VERSION\nENV APP_HOME=/srv/app-${i}\nCOPY --from=stage-${Math.max(0, i - 1)} /out /in\nRUN echo "$VERSION" $APP_HOME \\\n    && make -C \${APP_HOME} build\nWORKDIR $APP_HOME\n# stage ${i}\n`;
    const text = 'ARG VERSION=1.0\n' + Array.from({ length: stages }, (_, i) => stage(i)).join('');
    assert.ok(text.split('\n').length > 10_000);
    const uri = 'file:///protocol/huge.Dockerfile';
    await client.open(uri, text);
    const { data } = await client.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } });
    // The global ARG, then per stage: its name, the --from reference, ARG, ENV, and four uses.
    assert.equal(data.length / 5, 1 + stages * 8);
  } finally {
    await client.stop();
  }
});

test('stage graph over LSP: textDocument params, a "what if" target and build args, ranges of stages and edges, and the old { uri } shape', async () => {
  await LspClient.with({}, async (client) => {
    const uri = 'file:///protocol/graph/Dockerfile';
    const fixture = parseFeatureFixture([
      'ARG SRC=one',
      'FROM golang:1.22 AS build',
      '#                   ^^^^^ stage',
      'FROM alpine AS test',
      '#              ^^^^ stage',
      'COPY --from=build /out /t',
      '#           ^^^^^ edge',
      'COPY --from=${SRC}-code /a /b',
      '#           ^^^^^^^^^^^ dangling',
      'FROM build AS final',
      '#    ^^^^^ edge',
      '#             ^^^^^ stage',
      '',
    ].join('\n'));
    await client.open(uri, fixture.text);
    type Graph = StageGraphResult;
    const byTarget = await client.request<Graph>('dockerfileStages/stageGraph', { textDocument: { uri }, target: 'test' });
    assert.deepEqual(byTarget.nodes.map((n) => [n.label, n.reachable, n.isTarget]), [['build', true, false], ['test', true, true], ['final', false, false]]);
    const ranges = (label: string) => fixture.marks.filter((m) => m.label === label).map((m) => m.range);
    assert.deepEqual(byTarget.nodes.map((n) => n.nameRange), ranges('stage'));
    assert.deepEqual(byTarget.edges.map((e) => e.range), ranges('edge'));
    assert.deepEqual(byTarget.dangling?.map((d) => d.range), ranges('dangling'));
    assert.deepEqual(byTarget.externals?.map((x) => x.label), ['golang:1.22', 'alpine']);

    const plain = await client.request<Graph>('dockerfileStages/stageGraph', { uri });
    assert.deepEqual(plain.nodes.map((n) => n.isTarget), [false, false, true], 'without a target the last stage, as the settings say');

    await assert.rejects(client.request('dockerfileStages/stageGraph', { textDocument: { uri }, target: 'nope' }),
      (error: Error) => /'nope'/.test(error.message) && /'build', 'test', 'final'/.test(error.message));

    const mermaid = await client.request<string>('dockerfileStages/exportStageGraph', { textDocument: { uri }, format: 'mermaid' });
    assert.ok(mermaid.startsWith('flowchart TB\n') && mermaid.includes('s0 -.->|copy| s1'));
    assert.deepEqual(client.errors(), []);
  });
});

test('stage graph over LSP: build args in the request change which stage an ARG-dependent base names', async () => {
  await LspClient.with({}, async (client) => {
    const uri = 'file:///protocol/graph-args/Dockerfile';
    await client.open(uri, 'ARG FLAVOR=one\nFROM alpine AS one-code\nFROM alpine AS two-code\nFROM ${FLAVOR}-code AS final\n');
    const fromEdges = (graph: StageGraphResult) => graph.edges.filter((e) => e.kind === 'from').map((e) => e.to);
    assert.deepEqual(fromEdges(await client.request<StageGraphResult>('dockerfileStages/stageGraph', { textDocument: { uri } })), [0]);
    const two = await client.request<StageGraphResult>('dockerfileStages/stageGraph', { textDocument: { uri }, buildArgs: { FLAVOR: 'two' } });
    assert.deepEqual(two.nodes.map((n) => n.reachable), [false, true, true]);
    assert.deepEqual(fromEdges(await client.request<StageGraphResult>('dockerfileStages/stageGraph', { textDocument: { uri } })), [0], 'the override was for one answer');
  });
});
