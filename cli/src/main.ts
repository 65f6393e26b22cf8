// dockerfile-stages: the analysis for terminals, CI and pre-commit.
import * as fs from 'fs';
import * as path from 'path';
import { check, CHECK_HELP } from './commands/check';
import { fix, FIX_HELP } from './commands/fix';
import { graph, GRAPH_HELP } from './commands/graph';
import { CommandIO, EXIT, processIO } from './commands/io';
import { UsageError } from './options';
import { tuneCompilerForAnalysis } from '../../server/src/v8Tuning';

const USAGE = `Usage: dockerfile-stages COMMAND [options]

Commands:
  check [PATH...]   report findings (text, json, sarif or github annotations)
  graph FILE        print the stage graph (mermaid, dot or json)
  fix [PATH...]     apply the preferred safe fixes (a diff without --write)

Options:
  -h, --help        this help; COMMAND --help for the options of a command
  -v, --version     the version

Exit status: 0 on success, 1 when findings reach --fail-on (check) or there is something
to fix (fix without --write), 2 on a usage error or a file that cannot be read.
`;

const COMMANDS: Record<string, { run: (args: string[], io: CommandIO) => number; help: string }> = {
  check: { run: check, help: CHECK_HELP },
  graph: { run: graph, help: GRAPH_HELP },
  fix: { run: fix, help: FIX_HELP },
};

/** The version in the package.json beside dist/, where the bundle runs from. */
function packageVersion(): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function main(argv: string[], io: CommandIO): number {
  const [command, ...rest] = argv;
  if (command === '-h' || command === '--help' || command === 'help') {
    const topic = command === 'help' && rest[0] ? COMMANDS[rest[0]] : undefined;
    io.stdout(topic ? topic.help : USAGE);
    return EXIT.ok;
  }
  if (command === '-v' || command === '--version') {
    io.stdout(`${io.version}\n`);
    return EXIT.ok;
  }
  const entry = command === undefined ? undefined : COMMANDS[command];
  if (!entry) {
    io.error(command === undefined ? 'no command given (try --help)' : `unknown command '${command}' (try --help)`);
    return EXIT.error;
  }
  try {
    return entry.run(rest, io);
  } catch (e) {
    // A bug of ours still ends in one line and status 2, never in a stack trace a CI log hides.
    io.error(e instanceof UsageError ? `${command}: ${e.message} (see ${command} --help)` : `${command}: internal error: ${(e as Error).message}`);
    return EXIT.error;
  }
}

if (require.main === module) {
  tuneCompilerForAnalysis();
  process.exitCode = main(process.argv.slice(2), processIO(packageVersion()));
}
