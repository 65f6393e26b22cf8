// The shipped server bundle on its own command line: usage and version instead of a stack trace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../support/paths';

const serverPath = path.join(repoRoot(), 'dist', 'server.js');
const run = (...args: string[]) => spawnSync(process.execPath, [serverPath, ...args], { encoding: 'utf8', input: '', timeout: 20000 });
const version = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')).version;

test('no transport flag: the usage on stderr, exit 2, no stack trace', () => {
  for (const args of [[], ['--verbose'], ['--socket']]) {
    const result = run(...args);
    assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, /^No transport given\.\nUsage: dockerfile-stages-language-server --stdio/);
    assert.doesNotMatch(result.stderr, /\bat .*:\d+:\d+|Error:/);
    assert.equal(result.stdout, '');
  }
});

test('--help: the usage on stdout, exit 0', () => {
  const result = run('--help');
  assert.equal(result.status, 0);
  assert.match(result.stdout, /^Usage: dockerfile-stages-language-server/);
  assert.match(result.stdout, /--stdio/);
  assert.equal(result.stderr, '');
});

test('--version: the package version, exit 0', () => {
  const result = run('--version');
  assert.equal(result.status, 0);
  assert.equal(result.stdout, `${version}\n`);
  assert.equal(result.stderr, '');
});
