// The extension host calls run(): in code-server (run.ts) and in a downloaded VS Code (electron.ts).
// Results also go to a JSON file because code-server's extension host exit code does not reach us.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';
import { serverStarted } from './helpers';

export interface E2eResults {
  passed: number;
  failed: number;
  tests: { name: string; state: 'passed' | 'failed'; durationMs?: number; error?: string }[];
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 90_000, color: false, reporter: 'spec', rootHooks: { beforeAll: serverStarted } });
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  files.forEach((f) => mocha.addFile(path.join(__dirname, f)));

  const results: E2eResults = { passed: 0, failed: 0, tests: [] };
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', (test) => {
      results.passed++;
      results.tests.push({ name: test.fullTitle(), state: 'passed', durationMs: test.duration });
    });
    // Hooks fail through this event too, so a broken before() is counted, not lost.
    runner.on('fail', (test, error: Error) => {
      results.failed++;
      results.tests.push({ name: test.fullTitle(), state: 'failed', durationMs: test.duration, error: error?.stack ?? String(error) });
    });
  });
  writeResults(results);
  if (results.failed > 0) throw new Error(`${results.failed} end-to-end tests failed`);
}

function writeResults(results: E2eResults): void {
  const target = process.env.E2E_RESULTS;
  if (!target) return;
  // Write then rename, so the runner polling for the file never reads half of it.
  const temporary = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(results, null, 2));
  fs.renameSync(temporary, target);
}
