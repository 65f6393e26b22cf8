// The CLI as a user runs it: the bundled dist/cli.js on the bundled examples.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { repoRoot } from '../support/paths';

const root = repoRoot();
const cli = path.join(root, 'dist', 'cli.js');

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('cli: check on the examples prints findings with rule ids and exits 1 on errors', () => {
  const { code, stdout } = run('check', '--no-color', 'examples');
  assert.equal(code, 1);
  assert.match(stdout, /examples\/wheels-tester\/Dockerfile:22:13: error: No stage named 'biulder'.*Did you mean 'builder'\? \[UnknownStage\]/);
  assert.match(stdout, /\[FromFlagVariable\]/);
  assert.match(stdout, /6 files checked: 2 errors, 4 warnings/);
});

test('cli: a clean file exits 0 and --exit-zero keeps 0 with errors', () => {
  assert.equal(run('check', 'examples/select-by-arg/Dockerfile').code, 0);
  assert.equal(run('check', '--exit-zero', 'examples/wheels-tester/Dockerfile').code, 0);
});

test('cli: --format json gives machine-readable findings with fixes', () => {
  const { stdout } = run('check', '--format', 'json', 'examples/wheels-tester/Dockerfile');
  const [file] = JSON.parse(stdout);
  const unknown = file.findings.find((f: { rule: string }) => f.rule === 'UnknownStage');
  assert.equal(unknown.severity, 'error');
  assert.deepEqual(unknown.range.start, { line: 21, character: 12 });
  assert.equal(unknown.fixes[0].edits[0].newText, 'builder');
});

test('cli: --rule changes a severity or turns a rule off', () => {
  const off = JSON.parse(run('check', '--format', 'json', '--rule', 'UnknownStage=off', 'examples/wheels-tester/Dockerfile').stdout);
  assert.ok(!off[0].findings.some((f: { rule: string }) => f.rule === 'UnknownStage'));
  const hint = JSON.parse(run('check', '--format', 'json', '--rule', 'GlobalArgNotRedeclared=hint', 'examples/global-arg/Dockerfile').stdout);
  assert.equal(hint[0].findings.find((f: { rule: string }) => f.rule === 'GlobalArgNotRedeclared').severity, 'hint');
});

test('cli: --build-arg and --builder reach the analysis', () => {
  const podman = JSON.parse(run('check', '--format', 'json', '--builder', 'podman', 'examples/select-by-arg/broken.Dockerfile').stdout);
  assert.equal(podman[0].findings.find((f: { rule: string }) => f.rule === 'FromFlagVariable').severity, 'hint');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfs-cli-'));
  const file = path.join(dir, 'Dockerfile');
  fs.writeFileSync(file, 'ARG IMAGE\nFROM ${IMAGE}\n');
  assert.ok(JSON.parse(run('check', '--format', 'json', file).stdout)[0].findings.some((f: { rule: string }) => f.rule === 'InvalidDefaultArgInFrom'));
});

test('cli: usage errors and missing files exit 2 with a message', () => {
  const usage = run('check');
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /no Dockerfile given/);
  assert.equal(run('check', '--format', 'xml', 'x').code, 2);
  const missing = run('check', 'no/such/Dockerfile');
  assert.equal(missing.code, 2);
  assert.match(missing.stdout, /cannot check/);
});

test('cli: UTF-16 files (with a byte-order mark) and a UTF-8 BOM are read as text', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfs-cli-'));
  const text = 'FROM alpine AS builder\nFROM alpine\nCOPY --from=biulder /a /b\n';
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const be = Buffer.from(le);
  be.swap16();
  const files = { 'le.Dockerfile': le, 'be.Dockerfile': be, 'bom.Dockerfile': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]) };
  for (const [name, bytes] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), bytes);
    const [result] = JSON.parse(run('check', '--format', 'json', path.join(dir, name)).stdout);
    const unknown = result.findings.find((f: { rule: string }) => f.rule === 'UnknownStage');
    assert.ok(unknown, `${name}: UnknownStage expected, got ${JSON.stringify(result)}`);
    assert.deepEqual(unknown.range.start, { line: 2, character: 12 }, name);
  }
});
