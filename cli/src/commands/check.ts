// dockerfile-stages check: findings for terminals (text), tools (json), code scanning (sarif)
// and GitHub Actions annotations (github), with an exit status for CI.
import { Severity } from '../../../server/src/analysis';
import { collectFiles } from '../files';
import { formatGithub } from '../formats/github';
import { formatJson } from '../formats/json';
import { formatSarif } from '../formats/sarif';
import { formatText, wantsColor } from '../formats/text';
import { CheckReport, FileResult } from '../formats/result';
import { ANALYSIS_HELP, ANALYSIS_OPTIONS, oneOf, parseCommandArgs, settingsFrom, UsageError } from '../options';
import { checkText, readSource, unknownTargetMessage } from '../sources';
import { CommandIO, EXIT } from './io';

export const CHECK_HELP = `Usage: dockerfile-stages check [options] [PATH...]

Checks Dockerfiles. PATH is a file, a folder (searched for Dockerfile, Containerfile,
*.Dockerfile, *.dockerfile, Dockerfile.* and Containerfile.*; node_modules, .git and what
.gitignore ignores are skipped), a glob such as 'services/**/Dockerfile', or - for stdin.
Default: the current folder.

Options:
  --format text|json|sarif|github   output format (default: text)
  --fail-on error|warning|never     the least severity that fails the check (default: error)
  --exit-zero                       the same as --fail-on never
  --stdin-filename PATH             the name of the file read from -, for messages and for
                                    the .dockerignore beside it
  --color, --no-color               colour the text output (default: on a terminal, unless
                                    NO_COLOR is set; FORCE_COLOR forces it)
${ANALYSIS_HELP}

Exit status: 0 when no finding reaches --fail-on, 1 when one does, 2 on a usage error, an
unknown --target, a PATH that matches no file, or a file that cannot be read (the other files
are still checked). A file that is not text is skipped with a warning and does not change
the status, unless no file is left to check (then 2).
`;

const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
const FAIL_ON = ['error', 'warning', 'never'] as const;
const FAILING: Record<(typeof FAIL_ON)[number], ReadonlySet<Severity>> = {
  error: new Set(['error']),
  warning: new Set(['error', 'warning']),
  never: new Set(),
};

export function check(args: string[], io: CommandIO): number {
  const { values, positionals } = parseCommandArgs(args, {
    ...ANALYSIS_OPTIONS,
    format: { type: 'string' },
    'fail-on': { type: 'string' },
    'exit-zero': { type: 'boolean' },
    'stdin-filename': { type: 'string' },
    color: { type: 'boolean' },
    'no-color': { type: 'boolean' },
  });
  if (values.help) {
    io.stdout(CHECK_HELP);
    return EXIT.ok;
  }
  const format = oneOf('--format', values.format, FORMATS) ?? 'text';
  const failOn = values['exit-zero'] ? 'never' : (oneOf('--fail-on', values['fail-on'], FAIL_ON) ?? 'error');
  const settings = settingsFrom(values);
  const paths = positionals.length ? positionals : ['.'];
  if (paths.filter((p) => p === '-').length > 1) throw new UsageError('- (stdin) can be given once');
  if (values['stdin-filename'] !== undefined && !paths.includes('-')) throw new UsageError('--stdin-filename names the file read from -, which is not given');

  const collected = collectFiles(paths);
  let failedToRead = collected.errors.length > 0;
  const report: CheckReport = { results: [], skipped: [] };
  for (const error of collected.errors) {
    io.error(`${error.path}: ${error.message}`);
    report.results.push({ file: error.path, findings: [], error: error.message });
  }
  for (const file of collected.files) {
    const stdinName = file === '-' ? values['stdin-filename'] : undefined;
    const source = readSource(file, stdinName ?? (file === '-' ? '<stdin>' : file));
    if ('binary' in source) {
      io.error(`${source.file}: not a Dockerfile (binary content): skipped`, 'warning');
      report.skipped.push(source.file);
      continue;
    }
    let result: FileResult;
    if ('error' in source) {
      result = { file: source.file, findings: [], error: source.error };
    } else {
      const checked = checkText(source.text, file === '-' ? stdinName : file, settings);
      const unknownTarget = unknownTargetMessage(checked.analysis);
      result = unknownTarget ? { file: source.file, findings: [], error: unknownTarget } : { file: source.file, findings: checked.findings };
    }
    if (result.error) {
      failedToRead = true;
      io.error(`${result.file}: ${result.error}`);
    }
    report.results.push(result);
  }
  if (!failedToRead && report.results.length === 0) {
    io.error('no Dockerfile was checked: every file found is not a Dockerfile');
    failedToRead = true;
  }
  const output = {
    text: () => formatText(report, values.color ?? (values['no-color'] ? false : wantsColor(io.stdoutStream))),
    json: () => formatJson(report),
    sarif: () => formatSarif(report, io.version),
    github: () => formatGithub(report),
  }[format]();
  io.stdout(output);
  if (failedToRead) return EXIT.error;
  const failing = FAILING[failOn];
  return report.results.some((r) => r.findings.some((f) => failing.has(f.severity))) ? EXIT.findings : EXIT.ok;
}
