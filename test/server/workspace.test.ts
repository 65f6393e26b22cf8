// The server and the disk: the .dockerignore beside a Dockerfile, and settings that are malformed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { startInMemoryServer } from '../support/inMemoryServer';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../server/src/settings';

const DOCKERFILE = 'FROM alpine\nCOPY tmp/cache.txt /cache.txt\nCOPY src /src\n';

async function diagnosticsFor(dir: string, file: string): Promise<{ code?: unknown; range: { start: { line: number } } }[]> {
  const server = await startInMemoryServer();
  try {
    const uri = pathToFileURL(path.join(dir, file)).toString();
    await server.client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: DOCKERFILE } });
    const published = await server.waitFor(() => server.published.find((p) => p.uri === uri), 'diagnostics');
    return published.diagnostics;
  } finally {
    server.dispose();
  }
}

test('server: the .dockerignore beside the Dockerfile on disk drives CopyIgnoredFile', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfs-ignore-'));
  fs.writeFileSync(path.join(dir, 'Dockerfile'), DOCKERFILE);
  assert.deepEqual((await diagnosticsFor(dir, 'Dockerfile')).filter((d) => d.code === 'CopyIgnoredFile'), [], 'no .dockerignore, no finding');
  fs.writeFileSync(path.join(dir, '.dockerignore'), '# caches\ntmp\n');
  const found = (await diagnosticsFor(dir, 'Dockerfile')).filter((d) => d.code === 'CopyIgnoredFile');
  assert.deepEqual(found.map((d) => d.range.start.line), [1]);
});

test('server: a Dockerfile-specific <name>.dockerignore wins over .dockerignore', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfs-ignore-'));
  fs.writeFileSync(path.join(dir, 'app.Dockerfile'), DOCKERFILE);
  fs.writeFileSync(path.join(dir, '.dockerignore'), 'tmp\n');
  fs.writeFileSync(path.join(dir, 'app.Dockerfile.dockerignore'), 'src\n');
  const found = (await diagnosticsFor(dir, 'app.Dockerfile')).filter((d) => d.code === 'CopyIgnoredFile');
  assert.deepEqual(found.map((d) => d.range.start.line), [2]);
});

test('settings: whatever a client sends, malformed parts fall back to the defaults', () => {
  const defaults = { ...DEFAULT_SETTINGS, target: undefined };
  assert.deepEqual(normalizeSettings(undefined), defaults);
  assert.deepEqual(normalizeSettings('nonsense'), defaults);
  const settings = normalizeSettings({
    rules: { UnknownStage: 'error', StageNameCasing: 'loud', Other: 3 },
    buildArgs: { A: 'x', B: 2, C: { nested: true }, D: null },
    target: '  final  ',
    builder: 'kaniko',
    buildContexts: ['ctx', 7],
    codeLens: 'no',
    outline: { maxItems: -3 },
  });
  assert.deepEqual(settings, {
    rules: { UnknownStage: 'error' },
    buildArgs: { A: 'x', B: '2' },
    target: 'final',
    builder: 'buildkit',
    buildContexts: ['ctx'],
    codeLens: true,
    outline: DEFAULT_SETTINGS.outline,
  });
  assert.equal(normalizeSettings({ outline: { maxItems: 40 } }).outline.maxItems, 40);
  assert.equal(normalizeSettings({ outline: { maxItems: 1.5 } }).outline.maxItems, DEFAULT_SETTINGS.outline.maxItems);
});
