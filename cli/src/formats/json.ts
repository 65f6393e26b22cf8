// Findings as JSON: positions zero-based with UTF-16 characters, as in LSP (documented in the README).
import { CheckReport } from './result';

export function formatJson(report: CheckReport): string {
  return JSON.stringify(report.results.map((r) => ({
    file: r.file,
    error: r.error,
    findings: r.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      range: f.range,
      fixes: f.fixes.map((x) => ({ title: x.title, edits: x.edits, preferred: x.preferred })),
    })),
  })), null, 2) + '\n';
}
