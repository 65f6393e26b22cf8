// dockerfile-stages fix: the preferred safe fixes, shown as a unified diff or written with --write.
import * as fs from 'fs';
import { createTwoFilesPatch } from 'diff';
import { encodeDockerfile } from '../decode';
import { collectFiles } from '../files';
import { escapeControl } from '../formats/escape';
import { applyPreferredFixes } from '../fixes';
import { ANALYSIS_HELP, ANALYSIS_OPTIONS, parseCommandArgs, settingsFrom, UsageError } from '../options';
import { checkText, readSource } from '../sources';
import { CommandIO, EXIT } from './io';

export const FIX_HELP = `Usage: dockerfile-stages fix [options] [PATH...]

Applies the preferred safe fixes (the ones an editor applies with "auto fix") to the files
PATH names, as check finds them (default: the current folder). Without --write it prints a
unified diff of what would change.

Options:
  --write                     write the fixed files
${ANALYSIS_HELP}

Exit status: without --write, 1 when there is something to fix, else 0; with --write, 0
once written. 2 on a usage error or a file that cannot be read.
`;

/** Fixes can reveal others (a fixed name makes a reference resolve); a few rounds settle it. */
const MAX_ROUNDS = 10;

export function fix(args: string[], io: CommandIO): number {
  const { values, positionals } = parseCommandArgs(args, { ...ANALYSIS_OPTIONS, write: { type: 'boolean' } });
  if (values.help) {
    io.stdout(FIX_HELP);
    return EXIT.ok;
  }
  if (positionals.includes('-')) throw new UsageError('fix changes files; it does not read stdin');
  const settings = settingsFrom(values);
  const collected = collectFiles(positionals.length ? positionals : ['.']);
  let status: number = collected.errors.length ? EXIT.error : EXIT.ok;
  for (const error of collected.errors) io.error(`${error.path}: ${error.message}`);
  // A diff is meant for `git apply`: escaped only when it goes to a terminal, where raw control characters could act.
  const shown = io.stdoutStream.isTTY ? (text: string) => escapeControl(text, (code) => code === 9 || code === 10) : (text: string) => text;
  for (const file of collected.files) {
    const source = readSource(file);
    if ('binary' in source) {
      io.error(`${source.file}: not a Dockerfile (binary content): skipped`, 'warning');
      continue;
    }
    if ('error' in source) {
      io.error(`${source.file}: ${source.error}`);
      status = EXIT.error;
      continue;
    }
    let text = source.text;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const next = applyPreferredFixes(text, checkText(text, file, settings).findings);
      if (next.applied.length === 0 || next.text === text) break;
      text = next.text;
    }
    if (text === source.text) continue;
    if (values.write) {
      try {
        fs.writeFileSync(file, encodeDockerfile(text, source.encoding));
        io.note(`${file}: fixed`);
      } catch (e) {
        io.error(`${file}: cannot write: ${(e as Error).message}`);
        status = EXIT.error;
      }
    } else {
      const name = file.split('\\').join('/');
      const patch = createTwoFilesPatch(`a/${name}`, `b/${name}`, source.text, text, undefined, undefined, { context: 3 });
      io.stdout(shown(patch.replace(/^=+\n/, '')));
      if (status === EXIT.ok) status = EXIT.findings;
    }
  }
  return status;
}
