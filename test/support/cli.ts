// Runs the bundled CLI (dist/cli.js) as a user would: a process, its exit status and output.
import { spawnSync, SpawnSyncOptions } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { repoRoot } from './paths';
import { ExpectedFinding, parseFixture } from './markers';

export const root = repoRoot();
export const cli = path.join(root, 'dist', 'cli.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Hostile input must not hang the CLI: a run past this deadline fails the test instead of blocking it. */
const DEADLINE_MS = 60_000;

export function runCli(args: string[], options: Omit<SpawnSyncOptions, 'encoding'> & { env?: NodeJS.ProcessEnv; script?: string } = {}): CliRun {
  const { script = cli, ...spawnOptions } = options;
  const env = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env };
  const result = spawnSync(process.execPath, [script, ...args], { cwd: root, timeout: DEADLINE_MS, ...spawnOptions, env, encoding: 'utf8' });
  if (result.error) throw result.error;
  if (result.signal) throw new Error(`dist/cli.js ${args.join(' ')} ended by ${result.signal} (deadline ${DEADLINE_MS} ms)`);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh folder for files a test writes (readable by all, for tests that run the CLI as another user). */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfs-cli-'));
  fs.chmodSync(dir, 0o755);
  return dir;
}

/** Writes `files` (relative path -> content) under a fresh folder and returns it. */
export function tempTree(files: Record<string, string | Buffer>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** A fixture under test/fixtures/cli: its path relative to the repository and its expected findings. */
export function cliFixture(name: string): { file: string; expected: ExpectedFinding[] } {
  const file = path.join('test', 'fixtures', 'cli', name);
  return { file, expected: parseFixture(fs.readFileSync(path.join(root, file), 'utf8')).expected };
}

export interface JsonFinding {
  rule: string;
  severity: string;
  message: string;
  range: ExpectedFinding['range'];
  fixes: { title: string; preferred?: boolean; edits: { range: ExpectedFinding['range']; newText: string }[] }[];
}

export interface JsonResult {
  file: string;
  error?: string;
  findings: JsonFinding[];
}

export function checkJson(args: string[], options: Parameters<typeof runCli>[1] = {}): { code: number | null; results: JsonResult[]; stderr: string } {
  const run = runCli(['check', '--format', 'json', ...args], options);
  return { code: run.code, results: JSON.parse(run.stdout) as JsonResult[], stderr: run.stderr };
}

export function rulesOf(result: JsonResult | undefined): string[] {
  return (result?.findings ?? []).map((f) => f.rule);
}
