// Reading files a workspace or a command line names, none of whose sizes is trusted: a FIFO never
// ends (and blocks on open), files in /proc say size 0 and go on, a device is endless. One reader
// for the server (.dockerignore, workspace Dockerfiles) and the CLI: open without blocking, refuse
// what is not a regular file, read in chunks and stop one byte past the limit.
import * as fs from 'fs';

const CHUNK_BYTES = 64 * 1024;

export type BoundedRead = { kind: 'text'; bytes: Buffer } | { kind: 'notRegular' } | { kind: 'tooLarge' };

/**
 * Opens `file` without blocking (a FIFO opens at once), refuses what is not a regular file, and
 * reads at most `limit` bytes. Errors of the file system (ENOENT, EACCES, …) are thrown.
 */
export function readRegularFile(file: string, limit: number): BoundedRead {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  try {
    if (!fs.fstatSync(fd).isFile()) return { kind: 'notRegular' };
    const bytes = readDescriptor(fd, limit, false);
    return bytes ? { kind: 'text', bytes } : { kind: 'tooLarge' };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Reads an open descriptor to its end, or returns undefined once more than `limit` bytes came.
 * A non-blocking descriptor with nothing to read yet either waits a moment and reads again
 * (`waitWhenEmpty`, for stdin as a pipe) or counts as too large: no regular file does that.
 */
export function readDescriptor(fd: number, limit: number, waitWhenEmpty: boolean): Buffer | undefined {
  const chunks: Buffer[] = [];
  const chunk = Buffer.alloc(Math.min(CHUNK_BYTES, limit + 1));
  let total = 0;
  for (;;) {
    let read: number;
    try {
      read = fs.readSync(fd, chunk, 0, chunk.length, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      if (!waitWhenEmpty) return undefined;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
      continue;
    }
    if (read === 0) return Buffer.concat(chunks, total);
    total += read;
    if (total > limit) return undefined;
    chunks.push(Buffer.from(chunk.subarray(0, read)));
  }
}

/** The asynchronous `readRegularFile`, for readers that must not hold up the server (workspace files). */
export async function readRegularFileAsync(file: string, limit: number): Promise<BoundedRead> {
  const handle = await fs.promises.open(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  try {
    if (!(await handle.stat()).isFile()) return { kind: 'notRegular' };
    const chunks: Buffer[] = [];
    const chunk = Buffer.alloc(Math.min(CHUNK_BYTES, limit + 1));
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) return { kind: 'text', bytes: Buffer.concat(chunks, total) };
      total += bytesRead;
      if (total > limit) return { kind: 'tooLarge' };
      chunks.push(Buffer.from(chunk.subarray(0, bytesRead)));
    }
  } finally {
    await handle.close();
  }
}
