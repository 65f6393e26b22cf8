// Ignore files that are not what they seem (issue 10, items 12 and 13): a link into /proc that
// says it is empty and never ends, a FIFO, an oversized or unreadable file. The reader runs in a
// worker with a deadline and a heap limit; the server must answer every request all the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { callWithDeadline } from '../support/deadline';
import { startInMemoryServer } from '../support/inMemoryServer';
import { MAX_DOCKERIGNORE_BYTES } from '../../server/src/dockerignore';

const PROBE = path.join(__dirname, '..', 'support', 'hostileProbe.js');
const DOCKERFILE = 'FROM alpine AS build\nCOPY tmp/cache.txt /cache.txt\nFROM build\n';

function folderWith(setUp: (ignoreFile: string) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfs-hostile-'));
  fs.writeFileSync(path.join(dir, 'Dockerfile'), DOCKERFILE);
  setUp(path.join(dir, '.dockerignore'));
  return dir;
}

async function readTwice(dir: string): Promise<{ patterns: string[] | null; problems: string[] }> {
  const uri = pathToFileURL(path.join(dir, 'Dockerfile')).toString();
  return callWithDeadline(PROBE, 'readIgnoreTwice', [uri], { deadlineMs: 20_000, heapMb: 256 });
}

test('dockerignore file: a link to /proc/self/pagemap (size 0, endless) is not read', { timeout: 60_000 }, async () => {
  const dir = folderWith((file) => fs.symlinkSync('/proc/self/pagemap', file));
  const { patterns, problems } = await readTwice(dir);
  assert.equal(patterns, null);
  assert.equal(problems.length, 1, 'reported once');
});

test('dockerignore file: a FIFO is not opened for a blocking read', { timeout: 60_000 }, async () => {
  const dir = folderWith((file) => execFileSync('mkfifo', [file]));
  const { patterns, problems } = await readTwice(dir);
  assert.equal(patterns, null);
  assert.match(problems.join('\n'), /not a regular file/);
});

test('dockerignore file: one over the byte limit is left unread', { timeout: 60_000 }, async () => {
  const dir = folderWith((file) => fs.writeFileSync(file, 'x\n'.repeat(MAX_DOCKERIGNORE_BYTES)));
  const { patterns, problems } = await readTwice(dir);
  assert.equal(patterns, null);
  assert.match(problems.join('\n'), /larger than/);
});

test('dockerignore file: an unreadable one is reported once, and a readable one is read', { timeout: 60_000 }, async (t) => {
  if (process.getuid?.() === 0) {
    t.skip('root reads a file whatever its mode');
    return;
  }
  const dir = folderWith((file) => {
    fs.writeFileSync(file, 'tmp\n');
    fs.chmodSync(file, 0);
  });
  const { patterns, problems } = await readTwice(dir);
  assert.equal(patterns, null);
  assert.deepEqual(problems.map((p) => p.endsWith('permission denied')), [true]);
  fs.chmodSync(path.join(dir, '.dockerignore'), 0o644);
  assert.deepEqual((await readTwice(dir)).patterns, ['tmp']);
});

test('server: with a .dockerignore that fails to read, every feature still answers and the problem is logged once', { timeout: 60_000 }, async () => {
  // /proc/self/mem says it is an empty regular file; reading it fails (EIO), as an unreadable file does.
  const dir = folderWith((file) => fs.symlinkSync('/proc/self/mem', file));
  const server = await startInMemoryServer();
  try {
    const uri = pathToFileURL(path.join(dir, 'Dockerfile')).toString();
    await server.client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: DOCKERFILE } });
    await server.waitFor(() => server.published.find((p) => p.uri === uri), 'diagnostics');
    const hover = await server.client.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 6 } });
    assert.ok(hover, 'hover answers');
    const definition = await server.client.sendRequest('textDocument/definition', { textDocument: { uri }, position: { line: 2, character: 6 } });
    assert.ok(definition, 'definition answers');
    const warnings = server.logged.filter((m) => m.message.includes('.dockerignore'));
    assert.equal(warnings.length, 1, 'logged once');
    assert.deepEqual(server.loggedErrors, []);
  } finally {
    server.dispose();
  }
});
