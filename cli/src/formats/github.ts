// GitHub Actions workflow commands: one annotation per finding, escaped as the Actions toolkit
// escapes them, so a name with a newline or a comma cannot forge a command or a property.
import { Severity } from '../../../server/src/analysis';
import { escapeControl } from './escape';
import { CheckReport } from './result';

const COMMANDS: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

/** CR and LF are left to the toolkit's %0D / %0A, which the runner turns back into line breaks. */
const keepLineBreaks = (code: number) => code === 10 || code === 13;

export function escapeData(text: string): string {
  return escapeControl(text, keepLineBreaks).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(report: CheckReport): string {
  const lines: string[] = [];
  for (const result of report.results) {
    const file = escapeProperty(result.file);
    if (result.error) {
      lines.push(`::error file=${file}::${escapeData(`cannot check: ${result.error}`)}`);
      continue;
    }
    for (const f of result.findings) {
      const { start, end } = f.range;
      const position = `line=${start.line + 1},col=${start.character + 1}` + (end.line === start.line ? `,endColumn=${end.character + 1}` : `,endLine=${end.line + 1}`);
      lines.push(`::${COMMANDS[f.severity]} file=${file},${position},title=${escapeProperty(f.rule)}::${escapeData(f.message)}`);
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}
