// dockerfile-stages: the analysis for terminals and CI.
import * as fs from 'fs';
import * as path from 'path';
import { analyze, applySeverities, Finding, RuleSeverity } from '../../server/src/analysis';
import { formatJson, formatText } from './formats';

const USAGE = `Usage: dockerfile-stages check [options] PATH...

PATH is a Dockerfile or a folder, searched for Dockerfile, Containerfile, *.Dockerfile,
*.dockerfile, Dockerfile.* and Containerfile.*.

Options:
  --format text|json      output format (default: text)
  --build-arg NAME=VALUE  a build arg, as docker build takes it (repeatable)
  --target NAME           the stage to build (default: the last)
  --builder buildkit|podman
  --rule ID=SEVERITY      off, hint, information, warning or error (repeatable)
  --no-color              plain text output
  --exit-zero             exit 0 even when errors are found (for demos and reports)
  -h, --help              this help

Exit status: 1 when any finding is an error, 2 on a usage or I/O error, else 0.
`;

interface CliOptions {
  format: 'text' | 'json';
  buildArgs: Record<string, string>;
  target?: string;
  builder?: 'buildkit' | 'podman';
  rules: Record<string, RuleSeverity>;
  color: boolean;
  exitZero: boolean;
  paths: string[];
}

class UsageError extends Error {}

function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = { format: 'text', buildArgs: {}, rules: {}, color: process.stdout.isTTY === true && !process.env.NO_COLOR, exitZero: false, paths: [] };
  const value = (i: number, flag: string) => {
    if (i >= argv.length) throw new UsageError(`${flag} needs a value`);
    return argv[i];
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--format') {
      const f = value(++i, arg);
      if (f !== 'text' && f !== 'json') throw new UsageError(`unknown format ${f}`);
      options.format = f;
    } else if (arg === '--build-arg') {
      const kv = value(++i, arg);
      const eq = kv.indexOf('=');
      if (eq <= 0) throw new UsageError(`--build-arg takes NAME=VALUE, not ${kv}`);
      options.buildArgs[kv.slice(0, eq)] = kv.slice(eq + 1);
    } else if (arg === '--target') {
      options.target = value(++i, arg);
    } else if (arg === '--builder') {
      const b = value(++i, arg);
      if (b !== 'buildkit' && b !== 'podman') throw new UsageError(`unknown builder ${b}`);
      options.builder = b;
    } else if (arg === '--rule') {
      const kv = value(++i, arg);
      const [id, severity] = kv.split('=');
      if (!['off', 'hint', 'information', 'warning', 'error'].includes(severity)) throw new UsageError(`--rule takes ID=off|hint|information|warning|error, not ${kv}`);
      options.rules[id] = severity as RuleSeverity;
    } else if (arg === '--no-color') {
      options.color = false;
    } else if (arg === '--exit-zero') {
      options.exitZero = true;
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      options.paths.push(arg);
    }
  }
  if (options.paths.length === 0) throw new UsageError('no Dockerfile given');
  return options;
}

const DOCKERFILE_NAME = /^(Dockerfile|Containerfile)(\..+)?$|\.(dockerfile|Dockerfile|containerfile|Containerfile)$/;

function collectFiles(target: string): string[] {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return [target];
  const files: string[] = [];
  for (const entry of fs.readdirSync(target, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(target, entry.name);
    if (entry.isDirectory()) files.push(...collectFiles(full));
    else if (DOCKERFILE_NAME.test(entry.name)) files.push(full);
  }
  return files;
}

/**
 * A file's text: UTF-8, or UTF-16 when a byte-order mark says so (editors on Windows write it).
 * A UTF-8 BOM is dropped; bytes that are no UTF-8 become U+FFFD, so analysis still answers.
 */
export function decodeDockerfile(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export interface FileResult {
  file: string;
  findings: Finding[];
  error?: string;
}

export function checkFiles(options: CliOptions): FileResult[] {
  const results: FileResult[] = [];
  for (const target of options.paths) {
    let files: string[];
    try {
      files = collectFiles(target);
    } catch (e) {
      results.push({ file: target, findings: [], error: (e as Error).message });
      continue;
    }
    for (const file of files) {
      try {
        const text = decodeDockerfile(fs.readFileSync(file));
        const analysis = analyze(text, { buildArgs: options.buildArgs, target: options.target, builder: options.builder });
        results.push({ file, findings: applySeverities(analysis.findings, options.rules) });
      } catch (e) {
        results.push({ file, findings: [], error: (e as Error).message });
      }
    }
  }
  return results;
}

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help') {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  if (command !== 'check') {
    process.stderr.write(`dockerfile-stages: unknown command ${command}\n\n${USAGE}`);
    return 2;
  }
  let options: CliOptions;
  try {
    options = parseArgs(rest);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`dockerfile-stages: ${e.message}\n\n${USAGE}`);
    return 2;
  }
  const results = checkFiles(options);
  process.stdout.write(options.format === 'json' ? formatJson(results) : formatText(results, options.color));
  if (results.some((r) => r.error)) return 2;
  if (options.exitZero) return 0;
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
