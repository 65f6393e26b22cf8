// Workspace symbols: named stages and global ARGs of every file, filtered by the query; and the
// Dockerfiles found on disk under a workspace folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { analyze } from '../../server/src/analysis';
import { isDockerfileName, WorkspaceDockerfiles } from '../../server/src/features/workspaceFiles';
import { indexSymbols, workspaceSymbols } from '../../server/src/features/workspaceSymbols';

const api = { uri: 'file:///ws/api/Dockerfile', symbols: indexSymbols(analyze('ARG GO_VERSION=1.22\nFROM golang:${GO_VERSION} AS builder\nFROM scratch\nCOPY --from=builder /app /app\n')) };
const web = { uri: 'file:///ws/web/Dockerfile', symbols: indexSymbols(analyze('FROM node:20 AS web-builder\nFROM nginx AS web\n')) };

test('workspace symbols list named stages and global ARGs, with the file as container', () => {
  const symbols = workspaceSymbols([api, web], '');
  assert.deepEqual(symbols.map((s) => `${s.name} ${s.containerName}`), [
    'GO_VERSION api/Dockerfile (global ARG)',
    'builder api/Dockerfile',
    'web-builder web/Dockerfile',
    'web web/Dockerfile',
  ]);
});

test('workspace symbols match the query as a subsequence, ignoring case', () => {
  assert.deepEqual(workspaceSymbols([api, web], 'BLDR').map((s) => s.name), ['builder', 'web-builder']);
  assert.deepEqual(workspaceSymbols([api, web], 'zzz'), []);
  // Order counts: no name has an r followed by a b.
  assert.deepEqual(workspaceSymbols([api, web], 'rb'), []);
});

test('Dockerfile names are those the extension claims', () => {
  for (const name of ['Dockerfile', 'Containerfile', 'Dockerfile.dev', 'api.Dockerfile', 'x.dockerfile', 'y.containerfile']) assert.ok(isDockerfileName(name), name);
  for (const name of ['README.md', 'dockerfile-notes.txt', 'Dockerfiles', '.dockerfile']) assert.ok(!isDockerfileName(name), name);
});

test('workspace Dockerfiles are found under the folders, skipping node_modules and open documents', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dockerfile-stages-ws-'));
  try {
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    };
    write('api/Dockerfile', 'FROM golang AS api-build\n');
    write('.devcontainer/Dockerfile', 'FROM node AS devcontainer\n');
    write('node_modules/pkg/Dockerfile', 'FROM node AS vendored\n');
    write('web/web.Dockerfile', 'FROM node AS web-build\n');
    const files = new WorkspaceDockerfiles();
    files.addFolders([pathToFileURL(root).toString()]);
    const open = pathToFileURL(path.join(root, 'web', 'web.Dockerfile')).toString();
    const found = await files.files(new Set([open]));
    assert.deepEqual(found.map((f) => f.symbols[0].name).sort(), ['api-build', 'devcontainer']);
    // A changed file is analysed again.
    write('api/Dockerfile', 'FROM golang AS api-build-2\n');
    fs.utimesSync(path.join(root, 'api/Dockerfile'), new Date(), new Date(Date.now() + 5000));
    assert.ok((await files.files(new Set())).some((f) => f.symbols[0].name === 'api-build-2'));
    files.removeFolders([pathToFileURL(root).toString()]);
    assert.deepEqual(await files.files(new Set()), []);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('workspace files keep only names and positions, for a bounded number of files, each under a size cap', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dockerfile-stages-ws-'));
  try {
    for (const name of ['a', 'b', 'c']) {
      fs.mkdirSync(path.join(root, name));
      fs.writeFileSync(path.join(root, name, 'Dockerfile'), `ARG V=1\nFROM alpine AS ${name}-stage\n`);
    }
    fs.mkdirSync(path.join(root, 'big'));
    fs.writeFileSync(path.join(root, 'big', 'Dockerfile'), 'FROM alpine AS big\n' + '# padding\n'.repeat(200));
    const files = new WorkspaceDockerfiles({ maxCachedFiles: 2, maxFileBytes: 1000 });
    files.addFolders([pathToFileURL(root).toString()]);
    const found = await files.files(new Set());
    assert.deepEqual(found.map((f) => f.symbols.map((s) => `${s.kind} ${s.name}`)), [
      ['globalArg V', 'stage a-stage'], ['globalArg V', 'stage b-stage'], ['globalArg V', 'stage c-stage'],
    ], 'names only; the file over the size cap is left out');
    assert.deepEqual(Object.keys(found[0]).sort(), ['symbols', 'uri'], 'no analysis kept');
    assert.equal(files.cachedFiles, 2, 'the least recently used file was dropped');
    assert.equal((await files.files(new Set())).length, 3, 'a dropped file is indexed again when asked for');
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
