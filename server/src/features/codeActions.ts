import { Analysis, Finding, Range } from '../analysis';

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character
    && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** The findings behind the diagnostics a client sends back: their fixes were built with them. */
export function findingsFor(analysis: Analysis, diagnostics: { range: Range; code?: string | number }[]): { finding: Finding; index: number }[] {
  const result: { finding: Finding; index: number }[] = [];
  diagnostics.forEach((diagnostic, index) => {
    const finding = analysis.findings.find((f) => f.rule === diagnostic.code && sameRange(f.range, diagnostic.range));
    if (finding) result.push({ finding, index });
  });
  return result;
}
