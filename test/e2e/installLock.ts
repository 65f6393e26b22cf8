// An exclusive lock on a folder's install step, so two e2e runs started at once do not install
// into the same cache over each other. mkdir is atomic: of the processes that try, one wins.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface LockOptions {
  /** How long to wait for another holder before giving up with an error. */
  deadlineMs: number;
  pollMs?: number;
  /** Told once, with who holds the lock, when this process has to wait. */
  onWait?: (holder: string) => void;
}

interface Owner {
  pid: number;
  host: string;
  since: string;
}

const OWNER_FILE = 'owner.json';
// The owner file is written right after mkdir: a lock without one for longer was left by a crash.
const OWNERLESS_STALE_MS = 10_000;
// A holder on another host cannot be asked whether it lives; no install takes this long.
const OTHER_HOST_STALE_MS = 60 * 60_000;

/** Runs `work` holding the lock folder `lockDir`; waits while a live process holds it, takes it over from a dead one. */
export function withLock<T>(lockDir: string, options: LockOptions, work: () => T): T {
  acquireLock(lockDir, options);
  try {
    return work();
  } finally {
    releaseLock(lockDir);
  }
}

export function acquireLock(lockDir: string, options: LockOptions): void {
  const deadline = Date.now() + options.deadlineMs;
  let told = false;
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      const owner: Owner = { pid: process.pid, host: os.hostname(), since: new Date().toISOString() };
      fs.writeFileSync(path.join(lockDir, OWNER_FILE), JSON.stringify(owner));
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = readOwner(lockDir);
    if (isStale(lockDir, owner)) {
      takeOver(lockDir, owner);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new Error(`${lockDir} is still held by ${describe(owner)} after ${Math.round(options.deadlineMs / 1000)} s; if no install is running, remove that folder`);
    }
    if (!told) options.onWait?.(describe(owner));
    told = true;
    pause(options.pollMs ?? 500);
  }
}

/** Removes the lock if this process holds it (after a takeover it may be another's). */
export function releaseLock(lockDir: string): void {
  if (readOwner(lockDir)?.pid === process.pid) fs.rmSync(lockDir, { recursive: true, force: true });
}

function readOwner(lockDir: string): Owner | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(lockDir, OWNER_FILE), 'utf8')) as Owner;
  } catch {
    return undefined;
  }
}

function isStale(lockDir: string, owner: Owner | undefined): boolean {
  const age = ageMs(lockDir);
  if (age === undefined) return false; // gone already: the next mkdir tries again
  if (!owner) return age > OWNERLESS_STALE_MS;
  if (owner.host !== os.hostname()) return age > OTHER_HOST_STALE_MS;
  return !isAlive(owner.pid);
}

// Rename first, so of two waiters that both saw the stale lock only one removes it; if what was
// renamed is no longer the stale owner's lock, it goes back.
function takeOver(lockDir: string, stale: Owner | undefined): void {
  const aside = `${lockDir}.stale-${process.pid}-${Date.now()}`;
  try {
    fs.renameSync(lockDir, aside);
  } catch {
    return;
  }
  const moved = readOwner(aside);
  if (moved && stale && (moved.pid !== stale.pid || moved.since !== stale.since)) {
    try {
      fs.renameSync(aside, lockDir);
      return;
    } catch {
      // Someone locked again in between: theirs stands, the moved one was judged stale anyway.
    }
  }
  fs.rmSync(aside, { recursive: true, force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ageMs(dir: string): number | undefined {
  try {
    return Date.now() - fs.statSync(dir).mtimeMs;
  } catch {
    return undefined;
  }
}

function describe(owner: Owner | undefined): string {
  return owner ? `process ${owner.pid} on ${owner.host} since ${owner.since}` : 'a process that has not said who it is yet';
}

// The install step is synchronous; the wait between two looks at the lock must block too.
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
