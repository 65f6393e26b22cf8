// Random edits and requests over an LSP connection: whatever a half-typed file looks like, every
// request gets an answer (no error but a refused rename), every range stays inside the document,
// and diagnostics always belong to the latest version. Fixed seed; bounded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startInMemoryServer } from '../support/inMemoryServer';

const URI = 'file:///fuzz/Dockerfile';
const START = [
  'ARG SRC_FORMAT=obfuscated',
  'FROM python:3.12 AS base',
  'WORKDIR /usr/src/app',
  'FROM base AS clear-code',
  'COPY . .',
  'FROM ${SRC_FORMAT}-code AS copy-src',
  'FROM base AS final',
  'ARG SRC_FORMAT',
  'RUN --mount=type=cache,from=base,target=/c echo "$SRC_FORMAT" && \\',
  '    echo done',
  'COPY --from=copy-src /usr/src/app/ .',
  'RUN <<EOF',
  'echo $HOME',
  'EOF',
  '',
].join('\n');

// Pieces a person types into a Dockerfile, and some they should not.
const PIECES = ['FROM ', 'AS ', '--from=', 'COPY ', 'RUN ', '$', '${', '}', '\\\n', '\n', '<<EOF\n', 'EOF\n', 'ARG X=1\n', '# check=skip=all\n', '"', "'", ' ', 'biulder', '\t', '\r\n', '\uFEFF', '\u0000', '`', '=', ':-'];

const edit = fc.record({
  at: fc.nat(),
  length: fc.nat({ max: 8 }),
  insert: fc.array(fc.constantFrom(...PIECES), { maxLength: 3 }).map((p) => p.join('')),
});

const REQUESTS = ['hover', 'definition', 'references', 'completion', 'documentHighlight', 'prepareRename', 'rename', 'codeLens', 'semanticTokens/full', 'codeAction'];

function within(document: TextDocument, range: { start: { line: number }; end: { line: number } }): boolean {
  return range.start.line >= 0 && range.end.line < document.lineCount + 1 && range.start.line <= range.end.line;
}

test('server fuzz: random edits and requests never break the server', { timeout: 120_000 }, async () => {
  const server = await startInMemoryServer();
  try {
    let document = TextDocument.create(URI, 'dockerfile', 1, START);
    await server.client.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'dockerfile', version: 1, text: START } });
    // FUZZ_SEED and FUZZ_RUNS explore further by hand; CI keeps the fixed default.
    const steps = fc.sample(fc.array(edit, { minLength: 40, maxLength: 40 }), { seed: Number(process.env.FUZZ_SEED ?? 4242), numRuns: Number(process.env.FUZZ_RUNS ?? 20) }).flat();
    for (const step of steps) {
      const text = document.getText();
      const start = document.positionAt(step.at % (text.length + 1));
      const end = document.positionAt(Math.min(text.length, document.offsetAt(start) + step.length));
      const change = { range: { start, end }, text: step.insert };
      document = TextDocument.update(document, [change], document.version + 1);
      await server.client.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: document.version }, contentChanges: [change] });
      const position = document.positionAt((step.at * 7) % (document.getText().length + 1));
      for (const method of REQUESTS) {
        try {
          await server.client.sendRequest(`textDocument/${method}`, {
            textDocument: { uri: URI },
            position,
            newName: 'renamed',
            range: { start: position, end: position },
            context: { includeDeclaration: true, diagnostics: server.published.at(-1)?.diagnostics ?? [] },
          });
        } catch (error) {
          // A refused rename is an answer: the client shows its message.
          if ((method === 'prepareRename' || method === 'rename') && (error as { code?: number }).code === -32803) continue;
          assert.fail(`${method} failed at version ${document.version}: ${(error as Error).message}\n${document.getText()}`);
        }
      }
      const symbols = await server.client.sendRequest('textDocument/documentSymbol', { textDocument: { uri: URI } }) as { range: { start: { line: number }; end: { line: number } } }[];
      assert.ok(symbols.every((s) => within(document, s.range)), 'symbols inside the document');
      const folds = await server.client.sendRequest('textDocument/foldingRange', { textDocument: { uri: URI } }) as { startLine: number; endLine: number }[];
      assert.ok(folds.every((f) => f.startLine <= f.endLine && f.endLine < document.lineCount), 'folds inside the document');
    }
    // Diagnostics for the final version arrive, and every range lies inside the document.
    const last = await server.waitFor(() => server.published.find((p) => p.version === document.version), 'diagnostics of the final version', 30_000);
    assert.ok(last.diagnostics.every((d) => within(document, d.range)), 'diagnostics inside the document');
    // Features catch their own exceptions and log them; a log line is a bug found.
    assert.deepEqual(server.loggedErrors, []);
  } finally {
    server.dispose();
  }
});
