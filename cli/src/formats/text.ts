// `path:line:col severity message [Rule]`, one line per finding, then a summary line.
import { Severity } from '../../../server/src/analysis';
import { escapeControl } from './escape';
import { CheckReport } from './result';

const COLORS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', information: '\x1b[36m', hint: '\x1b[2m' };
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

export function formatText(report: CheckReport, color: boolean): string {
  const paint = (code: string, text: string) => (color ? `${code}${text}${RESET}` : text);
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const result of report.results) {
    if (result.error) continue;
    for (const f of result.findings) {
      counts[f.severity]++;
      const where = `${escapeControl(result.file)}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
      lines.push(`${where} ${paint(COLORS[f.severity], f.severity)} ${escapeControl(f.message)} ${paint(DIM, `[${f.rule}]`)}`);
    }
  }
  const checked = report.results.filter((r) => !r.error).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  let summary = `${plural(checked, 'file')} checked: ${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.information + counts.hint} other`;
  const failed = report.results.length - checked;
  if (failed) summary += `; ${failed} could not be checked`;
  if (report.skipped.length) summary += `; ${report.skipped.length} skipped as not a Dockerfile`;
  lines.push(summary);
  return lines.join('\n') + '\n';
}

/** Colour on a terminal, unless NO_COLOR says no; FORCE_COLOR (not 0) forces it, as Node's own tools read it. */
export function wantsColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (env.NO_COLOR) return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}
