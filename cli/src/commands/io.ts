import { escapeControl } from '../formats/escape';

/** Exit statuses, the same for every command. */
export const EXIT = { ok: 0, findings: 1, error: 2 } as const;

/** Where a command writes; main() binds it to the process, so commands stay testable. */
export interface CommandIO {
  stdout(text: string): void;
  /** One line on stderr; control characters from names and files are escaped. */
  error(line: string, level?: 'error' | 'warning'): void;
  /** One line of progress on stderr, escaped the same way. */
  note(line: string): void;
  stdoutStream: { isTTY?: boolean };
  version: string;
}

export function processIO(version: string): CommandIO {
  return {
    stdout: (text) => process.stdout.write(text),
    error: (line, level = 'error') => process.stderr.write(`dockerfile-stages: ${level === 'warning' ? 'warning: ' : ''}${escapeControl(line)}\n`),
    note: (line) => process.stderr.write(`${escapeControl(line)}\n`),
    stdoutStream: process.stdout,
    version,
  };
}
