import { LineIndex } from '../../server/src/analysis/text';
import { TextEdit } from '../../server/src/analysis';

/** Applies non-overlapping edits to a text, last first. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const index = new LineIndex(text);
  const sorted = edits
    .map((e, order) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), newText: e.newText, order }))
    // Last first; insertions at one offset keep their given order in the result.
    .sort((a, b) => b.start - a.start || b.order - a.order);
  let result = text;
  let limit = Infinity;
  for (const edit of sorted) {
    if (edit.end > limit) continue; // overlaps an edit already applied
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
    limit = edit.start;
  }
  return result;
}
