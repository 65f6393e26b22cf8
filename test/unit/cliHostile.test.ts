// Files that are not what they seem (issue 10, items 12 and 14): the CLI reads only regular
// files, with a byte limit, and one unreadable folder does not stop the scan of the others.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { checkJson, cli, runCli, tempDir, tempTree } from '../support/cli';

const bad = 'FROM alpine AS builder\nFROM alpine\nCOPY --from=biulder /a /b\n';

test('cli: a FIFO named Dockerfile in a scanned folder is skipped, named on the command line it is refused; neither blocks', () => {
  const dir = tempTree({ 'a/Dockerfile': bad });
  execFileSync('mkfifo', [path.join(dir, 'Dockerfile')]);
  const scanned = checkJson([dir]);
  assert.equal(scanned.code, 1);
  assert.deepEqual(scanned.results.map((r) => path.relative(dir, r.file)), [path.join('a', 'Dockerfile')]);
  const named = runCli(['check', path.join(dir, 'Dockerfile')]);
  assert.equal(named.code, 2);
  assert.match(named.stderr, /Dockerfile: not a regular file/);
});

test('cli: a Dockerfile linked to /proc/self/pagemap (size 0, no end) is read up to a limit and refused', { skip: !fs.existsSync('/proc/self/pagemap') }, () => {
  const dir = tempTree({ 'ok/Dockerfile': bad });
  fs.symlinkSync('/proc/self/pagemap', path.join(dir, 'Dockerfile'));
  fs.symlinkSync('/dev/zero', path.join(dir, 'zero.Dockerfile'));
  const run = runCli(['check', '--no-color', dir]);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /Dockerfile: larger than \d+ MB/);
  assert.ok(!run.stderr.includes('zero.Dockerfile'), 'a link to a device in a scanned folder is no Dockerfile: skipped');
  assert.match(run.stdout, /1 file checked: 1 error/, 'the sibling is still checked');
  const named = runCli(['check', path.join(dir, 'zero.Dockerfile')]);
  assert.equal(named.code, 2);
  assert.match(named.stderr, /zero\.Dockerfile: not a regular file/);
});

test('cli: an unreadable subfolder is reported and its siblings are still checked', (t) => {
  const dir = tempTree({ 'a/Dockerfile': bad, 'locked/Dockerfile': bad, 'z/Dockerfile': bad });
  // Root reads any folder: there the CLI runs as nobody, so the permission applies. The checkout
  // may sit in a folder only root may enter (CI's fresh clone is under a 0700 mktemp folder), so
  // nobody runs a copy of the bundle from a folder everyone can read.
  let asUser = {};
  let script: string | undefined;
  if (process.getuid?.() === 0) {
    const copy = path.join(tempDir(), 'cli.js');
    fs.copyFileSync(cli, copy);
    fs.chmodSync(copy, 0o644);
    asUser = { uid: 65534, gid: 65534, cwd: dir };
    if (runCli(['--version'], { ...asUser, script: copy }).code !== 0) {
      t.skip('running as root, and user nobody cannot run node here');
      return;
    }
    script = copy;
  }
  fs.chmodSync(path.join(dir, 'locked'), 0o000);
  try {
    const run = runCli(['check', '--no-color', dir], { ...asUser, script });
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /locked: cannot read folder: permission denied/);
    assert.match(run.stdout, /^2 files checked: 2 errors, 0 warnings, 2 other; 1 could not be checked$/m);
  } finally {
    fs.chmodSync(path.join(dir, 'locked'), 0o755);
  }
});

test('cli: a .dockerignore that is a FIFO is reported once on stderr and ignored; the Dockerfile is still checked', () => {
  const dir = tempTree({ 'Dockerfile': 'FROM alpine\nCOPY secret.txt /x\n', 'b/Dockerfile': 'FROM alpine\nCOPY a /x\n' });
  execFileSync('mkfifo', [path.join(dir, '.dockerignore')]);
  const run = runCli(['check', '--no-color', path.join(dir, 'Dockerfile')]);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stderr.match(/warning: ignoring .*\.dockerignore/g)?.length, 1, run.stderr);
  assert.match(run.stdout, /1 file checked/);
});
