// Runs Neovim (Debian's `neovim`, installed when missing) headless as an LSP client of the
// bundled server, and checks what it received. `npm run test:neovim`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { repoRoot } from '../support/paths';

interface NeovimResults {
  diagnostics: { code: string; line: number; message: string }[];
  errors: string[];
  definition?: { range?: { start: { line: number } }; targetSelectionRange?: { start: { line: number } } }[];
  hover?: string;
  symbols?: { name: string }[];
}

function ensureNeovim(): void {
  if (spawnSync('nvim', ['--version']).status === 0) return;
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const run = (args: string[]) => {
    const r = spawnSync(args[0], args.slice(1), { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed`);
  };
  run([...sudo, 'apt-get', 'update']);
  run([...sudo, 'apt-get', 'install', '-y', 'neovim']);
}

test('Neovim, as a plain LSP client of `node dist/server.js --stdio`, gets diagnostics, definition, hover and symbols', { timeout: 300_000 }, () => {
  ensureNeovim();
  const root = repoRoot();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfs-nvim-'));
  const dockerfile = path.join(dir, 'Dockerfile');
  fs.writeFileSync(dockerfile, [
    'ARG SRC_FORMAT=obfuscated',
    'FROM python:3.12 AS base',
    'FROM base AS clear-code',
    'FROM base AS obfuscated-code',
    'FROM ${SRC_FORMAT}-code AS copy-src',
    'FROM base AS final',
    'COPY --from=copy-src /usr/src/app/ .',
    'COPY --from=biulder /x /y',
    '',
  ].join('\n'));
  const resultFile = path.join(dir, 'result.json');
  const nvim = spawnSync('nvim', ['--headless', '--clean', '-n', '-c', `luafile ${path.join(root, 'test', 'clients', 'neovim.lua')}`], {
    env: { ...process.env, SERVER: path.join(root, 'dist', 'server.js'), DOCKERFILE: dockerfile, RESULT: resultFile },
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.ok(fs.existsSync(resultFile), `Neovim wrote no result (exit ${nvim.status}): ${nvim.stderr}`);
  const results = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as NeovimResults;
  assert.deepEqual(results.errors, []);
  const unknown = results.diagnostics.find((d) => d.code === 'UnknownStage');
  assert.ok(unknown, `UnknownStage among ${JSON.stringify(results.diagnostics)}`);
  assert.equal(unknown.line, 7);
  assert.match(unknown.message, /No stage named 'biulder'/);
  const target = results.definition?.[0];
  assert.equal((target?.targetSelectionRange ?? target?.range)?.start.line, 4, 'definition of copy-src is its FROM line');
  assert.match(results.hover ?? '', /copy-src/);
  assert.ok((results.symbols ?? []).some((s) => s.name === 'final'), 'a symbol for the final stage');
});
