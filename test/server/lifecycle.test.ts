// The protocol's lifecycle over a real connection to the shipped bundle: no answers before
// `initialize` or after `shutdown`, a reused version number with new text is a new text, and a
// cancelled request is answered as cancelled.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CancellationTokenSource, DocumentSymbol, ErrorCodes, LSPErrorCodes } from 'vscode-languageserver-protocol/node';
import { parseFeatureFixture } from '../support/markers';
import { LspClient } from './lspClient';

const fixture = parseFeatureFixture('FROM golang:1.22 AS builder\nFROM alpine:3.20\nCOPY --from=buil$0der /out /app\n');

function withCode(code: number): (error: unknown) => boolean {
  return (error) => (error as { code?: unknown }).code === code;
}

test('a request before initialize is refused with ServerNotInitialized', async () => {
  await LspClient.with({ uninitialized: true }, async (client) => {
    await assert.rejects(
      client.request('textDocument/hover', { textDocument: { uri: 'file:///lifecycle/early.Dockerfile' }, position: { line: 0, character: 0 } }),
      withCode(ErrorCodes.ServerNotInitialized),
    );
  });
});

test('after shutdown, requests are refused with InvalidRequest', async () => {
  await LspClient.with({}, async (client) => {
    const uri = 'file:///lifecycle/late.Dockerfile';
    await client.open(uri, fixture.text);
    await client.waitForDiagnostics(uri);
    assert.ok(await client.request('textDocument/hover', { textDocument: { uri }, position: fixture.cursor }), 'served while running');
    await client.request('shutdown', null);
    await assert.rejects(client.request('textDocument/hover', { textDocument: { uri }, position: fixture.cursor }), withCode(ErrorCodes.InvalidRequest));
    await assert.rejects(client.request('textDocument/documentSymbol', { textDocument: { uri } }), withCode(ErrorCodes.InvalidRequest));
    await assert.rejects(client.request('workspace/symbol', { query: '' }), withCode(ErrorCodes.InvalidRequest));
  });
});

test('a didChange that reuses the version number is analysed anew', async () => {
  await LspClient.with({}, async (client) => {
    const uri = 'file:///lifecycle/reused.Dockerfile';
    await client.open(uri, fixture.text);
    await client.waitForDiagnostics(uri);
    const names = async () => (await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } })).map((s) => s.name);
    assert.ok((await names()).some((n) => n.includes('builder')));
    const renamed = fixture.text.replace('AS builder', 'AS compiler');
    // Version 1 again, as a misbehaving client may send it.
    await client.notify('textDocument/didChange', { textDocument: { uri, version: 1 }, contentChanges: [{ text: renamed }] });
    await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'UnknownStage'));
    const after = await names();
    assert.ok(after.some((n) => n.includes('compiler')), `symbols after the change: ${after.join(', ')}`);
    assert.ok(!after.some((n) => n.includes('builder')), `symbols after the change: ${after.join(', ')}`);
  });
});

test('a request cancelled with $/cancelRequest is answered RequestCancelled, and the server keeps serving', async () => {
  // Diagnostics wait a minute (an open counts as a change of content), so no analysis is made
  // before the hover: the hover finds none and yields before making one, and the cancellation is
  // read by then.
  await LspClient.with({ initializationOptions: { diagnosticsDelay: 60_000, adaptiveDelay: false } }, async (client) => {
    const uri = 'file:///lifecycle/cancelled.Dockerfile';
    await client.open(uri, fixture.text);
    const source = new CancellationTokenSource();
    const cancelled = client.request('textDocument/hover', { textDocument: { uri }, position: fixture.cursor }, source.token);
    source.cancel();
    await assert.rejects(cancelled, withCode(LSPErrorCodes.RequestCancelled));
    assert.ok(await client.request('textDocument/hover', { textDocument: { uri }, position: fixture.cursor }), 'the next hover is answered');
    assert.deepEqual(client.errors(), []);
  });
});
