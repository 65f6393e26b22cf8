// dockerfile-stages fix: the preferred fixes as a unified diff, or written with --write.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { withoutMarkers } from '../support/markers';
import { root, runCli, tempTree } from '../support/cli';

const fixture = path.join(root, 'test/fixtures/cli/fix/several.Dockerfile');
const source = withoutMarkers(fs.readFileSync(fixture, 'utf8'));
const fixed = fs.readFileSync(path.join(root, 'test/fixtures/cli/fix/several.fixed.Dockerfile'), 'utf8');

test('cli fix: without --write prints a unified diff that git apply takes, exits 1, and changes nothing', () => {
  const dir = tempTree({ Dockerfile: source });
  const run = runCli(['fix', 'Dockerfile'], { cwd: dir });
  assert.equal(run.code, 1);
  assert.ok(run.stdout.startsWith('--- a/Dockerfile\n+++ b/Dockerfile\n@@ '), run.stdout);
  assert.equal(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), source);
  fs.writeFileSync(path.join(dir, 'fix.patch'), run.stdout);
  execFileSync('git', ['apply', 'fix.patch'], { cwd: dir });
  assert.equal(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), fixed);
});

test('cli fix: --write applies every preferred fix; then there is nothing left to fix', () => {
  const dir = tempTree({ 'app/Dockerfile': source, 'clean.Dockerfile': fixed });
  const run = runCli(['fix', '--write', dir]);
  assert.equal(run.code, 0);
  assert.equal(fs.readFileSync(path.join(dir, 'app/Dockerfile'), 'utf8'), fixed);
  assert.match(run.stderr, /app\/Dockerfile: fixed/);
  assert.ok(!run.stderr.includes('clean.Dockerfile'));
  const again = runCli(['fix', dir]);
  assert.deepEqual({ code: again.code, stdout: again.stdout }, { code: 0, stdout: '' });
});

test('cli fix: --rule ID=off leaves that rule\'s fix out', () => {
  const dir = tempTree({ Dockerfile: source });
  assert.equal(runCli(['fix', '--write', '--rule', 'MaintainerDeprecated=off', dir]).code, 0);
  const text = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
  assert.match(text, /^MAINTAINER someone@example\.com$/m);
  assert.match(text, /^ENV MODE=production$/m);
});

test('cli fix: a UTF-16 file is written back as UTF-16 with its byte-order mark', () => {
  const dir = tempTree({ Dockerfile: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(source, 'utf16le')]) });
  assert.equal(runCli(['fix', '--write', dir]).code, 0);
  assert.deepEqual(fs.readFileSync(path.join(dir, 'Dockerfile')), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(fixed, 'utf16le')]));
});

test('cli fix: usage errors and unreadable files exit 2; --help', () => {
  assert.equal(runCli(['fix', '-']).code, 2);
  assert.equal(runCli(['fix', '--rule', 'Nope=off', fixture]).code, 2);
  const missing = runCli(['fix', 'no/such/Dockerfile']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no such file or folder/);
  assert.match(runCli(['fix', '--help']).stdout, /--write/);
});
