// The e2e runner's install lock (test/e2e/installLock.ts): a second run waits for the first, a
// lock left by a dead process is taken over, and a live holder past the deadline is an error.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { acquireLock, releaseLock, withLock } from '../e2e/installLock';

const lockModule = path.join(__dirname, '..', 'e2e', 'installLock.js');

const tempDirs: string[] = [];
after(() => tempDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function tempLockDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'install-lock-'));
  tempDirs.push(dir);
  return path.join(dir, '.install.lock');
}

async function pollUntil(what: string, deadlineMs: number, probe: () => boolean): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('a second process waits while the lock is held, and gets it when it is released', async () => {
  const lockDir = tempLockDir();
  acquireLock(lockDir, { deadlineMs: 1000 });
  const script = `require(${JSON.stringify(lockModule)}).withLock(${JSON.stringify(lockDir)}, { deadlineMs: 60000, pollMs: 20, onWait: (h) => console.log('waiting for ' + h) }, () => console.log('acquired'))`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  let exitCode: number | null | undefined;
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.on('exit', (code) => (exitCode = code));
  try {
    await pollUntil('the second process to wait', 30_000, () => stdout.includes('waiting for'));
    assert.match(stdout, new RegExp(`waiting for process ${process.pid} on `));
    assert.ok(!stdout.includes('acquired'), 'it does not run while the lock is held');
  } finally {
    releaseLock(lockDir);
  }
  await pollUntil('the second process to finish', 30_000, () => exitCode !== undefined);
  assert.equal(exitCode, 0);
  assert.match(stdout, /acquired/);
  assert.ok(!fs.existsSync(lockDir), 'released after its work');
});

test('a lock left by a process that is gone is taken over', () => {
  const lockDir = tempLockDir();
  const gone = spawnSync(process.execPath, ['-e', '']).pid!;
  fs.mkdirSync(lockDir);
  fs.writeFileSync(path.join(lockDir, 'owner.json'), JSON.stringify({ pid: gone, host: os.hostname(), since: new Date().toISOString() }));
  const result = withLock(lockDir, { deadlineMs: 5000, pollMs: 20 }, () => JSON.parse(fs.readFileSync(path.join(lockDir, 'owner.json'), 'utf8')).pid);
  assert.equal(result, process.pid);
  assert.ok(!fs.existsSync(lockDir));
  assert.deepEqual(fs.readdirSync(path.dirname(lockDir)), [], 'the stale lock is removed, not left aside');
});

test('a live holder past the deadline is an error that says who holds the lock', () => {
  const lockDir = tempLockDir();
  acquireLock(lockDir, { deadlineMs: 1000 });
  try {
    assert.throws(() => acquireLock(lockDir, { deadlineMs: 50, pollMs: 10 }), new RegExp(`still held by process ${process.pid} .*remove that folder`));
  } finally {
    releaseLock(lockDir);
  }
  assert.ok(!fs.existsSync(lockDir));
});
