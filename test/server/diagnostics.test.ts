// Diagnostics, quick fixes, symbols and the stage graph through a real LSP connection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Diagnostic } from 'vscode-languageserver-protocol';
import { startInMemoryServer } from '../support/inMemoryServer';

const URI = 'file:///work/project/Dockerfile';
const TYPO = 'FROM golang:1.22 AS builder\nRUN go build -o /app .\n\nFROM alpine\nCOPY --from=biulder /app /app\n';

function open(server: Awaited<ReturnType<typeof startInMemoryServer>>, text: string, uri = URI, version = 1) {
  return server.client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version, text } });
}

test('server: opening a file publishes diagnostics with code, source, docs link and version', async () => {
  const server = await startInMemoryServer();
  try {
    await open(server, TYPO);
    const published = await server.waitFor(() => server.published.find((p) => p.uri === URI), 'diagnostics');
    assert.equal(published.version, 1);
    // The misspelt reference also leaves 'builder' unbuilt (StageNotBuilt, a hint on line 0).
    const diagnostic = published.diagnostics.find((d) => d.code === 'UnknownStage')!;
    assert.equal(diagnostic.code, 'UnknownStage');
    assert.equal(diagnostic.source, 'dockerfile-stages');
    assert.equal(diagnostic.severity, 1);
    assert.match(diagnostic.codeDescription!.href, /docs\/rules\/UnknownStage\.md$/);
    assert.deepEqual(diagnostic.range, { start: { line: 4, character: 12 }, end: { line: 4, character: 19 } });
  } finally {
    server.dispose();
  }
});

test('server: the quick fix for a misspelt stage comes from the finding', async () => {
  const server = await startInMemoryServer();
  try {
    await open(server, TYPO);
    const published = await server.waitFor(() => server.published.find((p) => p.uri === URI), 'diagnostics');
    const typo = published.diagnostics.find((d) => d.code === 'UnknownStage')!;
    const actions = await server.client.sendRequest('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: typo.range,
      context: { diagnostics: [typo] },
    }) as { title: string; kind: string; isPreferred?: boolean; edit: { changes: Record<string, { newText: string }[]> } }[];
    assert.equal(actions.length, 1);
    assert.equal(actions[0].title, "Change to 'builder'");
    assert.equal(actions[0].kind, 'quickfix');
    assert.equal(actions[0].isPreferred, true);
    assert.equal(actions[0].edit.changes[URI][0].newText, 'builder');
  } finally {
    server.dispose();
  }
});

test('server: an edit re-diagnoses, and a result for an old version is never published', async () => {
  let releaseConfiguration!: () => void;
  const held = new Promise<void>((resolve) => (releaseConfiguration = resolve));
  const server = await startInMemoryServer({ capabilities: { workspace: { configuration: true } } });
  try {
    // Hold the settings the server asks for while version 1 is analysed, and edit meanwhile.
    let asked = 0;
    server.configuration = async (params) => {
      asked++;
      await held;
      return params.items.map(() => ({}));
    };
    await open(server, TYPO);
    await server.waitFor(() => (asked > 0 ? true : undefined), 'the configuration request');
    await server.client.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [{ range: { start: { line: 4, character: 12 }, end: { line: 4, character: 19 } }, text: 'builder' }],
    });
    releaseConfiguration();
    const latest = await server.waitFor(() => server.published.find((p) => p.version === 2), 'diagnostics of version 2');
    assert.deepEqual(latest.diagnostics, []);
    assert.deepEqual(server.published.map((p) => p.version), [2]);
  } finally {
    server.dispose();
  }
});

test('server: per-rule severities from the client settings apply, `off` removes the rule', async () => {
  const server = await startInMemoryServer({ capabilities: { workspace: { configuration: true } } });
  try {
    server.configuration = (params) => params.items.map(() => ({ rules: { UnknownStage: 'hint', GlobalArgNotRedeclared: 'off', StageNotBuilt: 'off' } }));
    await open(server, `ARG V=1\n${TYPO}RUN echo $V\n`);
    const published = await server.waitFor(() => server.published.find((p) => p.uri === URI), 'diagnostics');
    assert.deepEqual(published.diagnostics.map((d: Diagnostic) => [d.code, d.severity]), [['UnknownStage', 4]]);
  } finally {
    server.dispose();
  }
});

test('server: settings pushed by didChangeConfiguration re-diagnose open files', async () => {
  const server = await startInMemoryServer();
  try {
    await open(server, 'ARG SRC=builder\nFROM alpine AS builder\nFROM alpine\nCOPY --from=${SRC} /a /b\n');
    await server.waitFor(() => server.published.find((p) => p.diagnostics.some((d) => d.code === 'FromFlagVariable' && d.severity === 1)), 'an error for the variable');
    await server.client.sendNotification('workspace/didChangeConfiguration', { settings: { dockerfileStages: { builder: 'podman' } } });
    await server.waitFor(() => server.published.find((p) => p.diagnostics.some((d) => d.code === 'FromFlagVariable' && d.severity === 4)), 'a hint under podman');
  } finally {
    server.dispose();
  }
});

test('server: the outline has one symbol per stage with its instructions', async () => {
  const server = await startInMemoryServer();
  try {
    await open(server, `ARG V=1\n${TYPO}`);
    const symbols = await server.client.sendRequest('textDocument/documentSymbol', { textDocument: { uri: URI } }) as { name: string; detail?: string; children?: { name: string }[] }[];
    const stages = symbols.filter((s) => s.detail?.startsWith('FROM '));
    assert.deepEqual(stages.map((s) => [s.name, s.detail]), [['builder', 'FROM golang:1.22'], ['stage 1', 'FROM alpine']]);
    assert.deepEqual(stages[0].children?.map((c) => c.name), ['RUN go build -o /app .']);
  } finally {
    server.dispose();
  }
});

test('server: the stage graph request answers nodes, edges and the target', async () => {
  const server = await startInMemoryServer();
  try {
    await open(server, 'FROM golang AS build\nFROM alpine AS tester\nCOPY --from=build /a /b\nFROM alpine AS final\nCOPY --from=build /a /b\n');
    const graph = await server.client.sendRequest('dockerfileStages/stageGraph', { uri: URI }) as {
      nodes: { label: string; reachable: boolean; isTarget: boolean }[]; edges: { from: number; to: number; kind: string; line: number }[]; target: number;
    };
    assert.deepEqual(graph.nodes.map((n) => [n.label, n.reachable, n.isTarget]), [['build', true, false], ['tester', false, false], ['final', true, true]]);
    assert.deepEqual(graph.edges.map(({ from, to, kind, line }) => ({ from, to, kind, line })), [{ from: 1, to: 0, kind: 'copy', line: 2 }, { from: 2, to: 0, kind: 'copy', line: 4 }]);
    assert.equal(graph.target, 2);
  } finally {
    server.dispose();
  }
});

test('server: garbage, a huge line and an unterminated heredoc get answers, and the server keeps serving', async () => {
  const server = await startInMemoryServer();
  try {
    const inputs = ['\u0000\uFFFF\uD800garbage\n\\', `FROM alpine\nRUN ${'x'.repeat(300_000)}\n`, 'FROM alpine\nRUN <<EOF\necho\n'];
    for (const [i, text] of inputs.entries()) {
      const uri = `file:///bad/${i}/Dockerfile`;
      await open(server, text, uri);
      await server.waitFor(() => server.published.find((p) => p.uri === uri), `diagnostics for bad input ${i}`, 60_000);
      const symbols = await server.client.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
      assert.ok(Array.isArray(symbols));
    }
  } finally {
    server.dispose();
  }
});
