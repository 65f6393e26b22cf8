// The preferred fixes of a file's findings, applied together where they do not overlap.
import { Finding, Fix } from '../../server/src/analysis';
import { LineIndex } from '../../server/src/analysis/text';

interface Span {
  start: number;
  end: number;
  newText: string;
}

function overlaps(a: Span, b: Span): boolean {
  // Two insertions at one offset overlap too: their order would be a guess.
  return (a.start < b.end && b.start < a.end) || a.start === b.start;
}

/** The text with every preferred fix applied whose edits touch no edit of a fix taken before it. */
export function applyPreferredFixes(text: string, findings: Finding[]): { text: string; applied: Fix[] } {
  const index = new LineIndex(text);
  const taken: Span[] = [];
  const applied: Fix[] = [];
  for (const fix of findings.flatMap((f) => f.fixes.filter((x) => x.preferred))) {
    const spans = fix.edits.map((e) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), newText: e.newText }));
    if (spans.some((s, i) => spans.some((t, j) => i !== j && overlaps(s, t)) || taken.some((t) => overlaps(s, t)))) continue;
    taken.push(...spans);
    applied.push(fix);
  }
  taken.sort((a, b) => b.start - a.start);
  let result = text;
  for (const span of taken) result = result.slice(0, span.start) + span.newText + result.slice(span.end);
  return { text: result, applied };
}
