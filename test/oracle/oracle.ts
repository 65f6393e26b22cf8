// Builds and runs the Go oracle (test/oracle/go): BuildKit's own Dockerfile frontend, which says
// how BuildKit reads each file. The shapes below mirror the JSON the oracle prints.
import { execFileSync } from 'child_process';
import * as path from 'path';

export interface OracleJob {
  id: string;
  text: string;
  buildArgs?: Record<string, string>;
  target?: string;
}

export interface Span {
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
}

export interface BuildError {
  message: string;
  locations?: Span[];
}

export type ResolutionKind = 'stage' | 'image' | 'scratch' | 'variable' | 'invalidIndex' | 'invalidReference' | 'error';

export interface Resolution {
  kind: ResolutionKind;
  index?: number;
  /** The normalized name the resolver receives (`docker.io/library/alpine:latest`). */
  ref?: string;
  message?: string;
  /** A numeric --from past the stages, landing on an image state a reference created. */
  viaIndex?: boolean;
}

export interface OracleStage {
  index: number;
  name?: string;
  baseName: string;
  platform?: string;
  /** 1-based, as all oracle lines. */
  line: number;
  endLine: number;
  expandedBase: string;
  base: Resolution;
  /** Building it yields LLB ops of its own, so whether it is built shows in `build.lines`. */
  hasOps: boolean;
}

export interface OracleReference {
  stage: number;
  kind: 'copy' | 'mount';
  value: string;
  line: number;
  endLine: number;
  resolution: Resolution;
}

export interface OracleWarning {
  rule: string;
  message: string;
  ranges: Span[];
}

export interface Verdict {
  id: string;
  parseError?: BuildError;
  stages: OracleStage[];
  references: OracleReference[];
  /** DockerfileLint as `docker build --check` runs it: every stage without a target, else the stages the target needs. */
  lint?: { warnings: OracleWarning[]; error?: BuildError; resolved: string[] };
  /** Dockerfile2LLB for the target, as `docker build` runs it. */
  build?: { error?: BuildError; resolved: string[]; lines: number[] };
  /** Where the oracle's mirror of BuildKit's name resolution disagrees with BuildKit's resolver. */
  consistency?: string[];
  panic?: string;
  error?: string;
}

const GO_DIR = path.join(__dirname, '..', '..', '..', 'test', 'oracle', 'go');
export const ORACLE_BIN = path.join(__dirname, '..', '..', '..', 'test', 'oracle', 'bin', 'oracle');

/** `go build` of the oracle; the module and build caches make a rebuild take well under a second. */
export function buildOracle(): { millis: number } {
  const started = Date.now();
  try {
    execFileSync('go', ['version'], { stdio: 'ignore' });
  } catch {
    throw new Error('test:oracle needs Go (1.26+) on PATH and the Go module proxy: `go` was not found.');
  }
  execFileSync('go', ['build', '-o', ORACLE_BIN, '.'], { cwd: GO_DIR, stdio: ['ignore', 'inherit', 'inherit'] });
  return { millis: Date.now() - started };
}

/** Runs the oracle once over many jobs: one process, the files judged in parallel. */
export function runOracle(jobs: OracleJob[]): Verdict[] {
  if (jobs.length === 0) return [];
  const input = JSON.stringify(jobs.map((j) => ({ id: j.id, text: j.text, buildArgs: j.buildArgs, target: j.target })));
  const output = execFileSync(ORACLE_BIN, [], { input, maxBuffer: 1 << 30 }).toString('utf8');
  const verdicts = output.split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as Verdict);
  if (verdicts.length !== jobs.length) throw new Error(`oracle answered ${verdicts.length} of ${jobs.length} jobs`);
  return verdicts;
}
