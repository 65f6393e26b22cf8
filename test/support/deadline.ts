// Runs a piece of the server in a worker thread with a deadline and a heap limit, so a test of
// hostile input fails (rather than hangs or eats the machine) when the code under test loops.
// The deadline only catches hangs; speed is the benchmarks' business.
import { Worker } from 'worker_threads';
import * as path from 'path';

export interface DeadlineOptions {
  /** Milliseconds before the worker is stopped and the call counts as hung. */
  deadlineMs?: number;
  /** Heap limit of the worker, in megabytes: running past it fails the call. */
  heapMb?: number;
}

/** Where the compiled server sources live, from the compiled tests (out/test/support). */
export const SERVER_OUT = path.join(__dirname, '..', '..', 'server', 'src');

const WORKER = `
const { parentPort, workerData } = require('worker_threads');
const run = async () => {
  const mod = require(workerData.module);
  return mod[workerData.fn](...workerData.args);
};
run().then((value) => parentPort.postMessage({ value }), (error) => parentPort.postMessage({ error: String(error && error.stack || error) }));
`;

/**
 * Calls `fn` exported by the compiled module `module` (a path under out/) with `args` in a worker;
 * resolves with its result (which must be cloneable), rejects on a throw, a hang or a heap overflow.
 */
export function callWithDeadline<T>(module: string, fn: string, args: unknown[], options: DeadlineOptions = {}): Promise<T> {
  const deadlineMs = options.deadlineMs ?? 30_000;
  return new Promise<T>((resolve, reject) => {
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: { module, fn, args },
      resourceLimits: { maxOldGenerationSizeMb: options.heapMb ?? 512 },
    });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`${fn} did not answer within ${deadlineMs} ms`));
    }, deadlineMs);
    worker.once('message', (message: { value?: T; error?: string }) => {
      clearTimeout(timer);
      void worker.terminate();
      if (message.error !== undefined) reject(new Error(message.error));
      else resolve(message.value as T);
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    worker.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${fn}: worker exited with code ${code} before answering`));
    });
  });
}
