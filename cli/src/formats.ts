import type { FileResult } from './main';
import { Severity } from '../../server/src/analysis';

const COLORS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', information: '\x1b[36m', hint: '\x1b[2m' };

export function formatText(results: FileResult[], color: boolean): string {
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const result of results) {
    if (result.error) {
      lines.push(`${result.file}: cannot check: ${result.error}`);
      continue;
    }
    for (const f of result.findings) {
      counts[f.severity]++;
      const where = `${result.file}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
      const severity = color ? `${COLORS[f.severity]}${f.severity}\x1b[0m` : f.severity;
      lines.push(`${where}: ${severity}: ${f.message} [${f.rule}]`);
    }
  }
  const files = results.length;
  lines.push(`${files} file${files === 1 ? '' : 's'} checked: ${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.information + counts.hint} other`);
  return lines.join('\n') + '\n';
}

export function formatJson(results: FileResult[]): string {
  return JSON.stringify(results.map((r) => ({
    file: r.file,
    error: r.error,
    findings: r.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      range: f.range,
      fixes: f.fixes.map((x) => ({ title: x.title, edits: x.edits })),
    })),
  })), null, 2) + '\n';
}
