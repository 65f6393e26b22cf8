// Fixture markers: expectations live in the Dockerfile itself.
//
//   COPY --from=biulder /a /b
//   #           ^^^^^^^ UnknownStage(error): did you mean
//
// A marker line is a comment whose first non-space character after `#` is `^`; its carets
// underline columns of the nearest line above that is not a marker. When the carets start
// right after the `#` (`#^^^`), the `#` counts as a caret too, so column 0 can be marked.
// After the carets: the rule id, an optional (severity), and an optional `: message fragment`.
// `$0` marks a cursor and is removed from the text.
import { Position, Range } from '../../server/src/analysis';

export interface ExpectedFinding {
  rule: string;
  range: Range;
  severity?: string;
  message?: string;
  /** 1-based line of the marker in the fixture, for error messages. */
  markerLine: number;
}

export interface Fixture {
  text: string;
  expected: ExpectedFinding[];
  cursor?: Position;
}

const MARKER = /^#(\s*)(\^+)\s*([A-Za-z][\w-]*)(?:\((\w+)\))?(?::\s*(.*))?$/;

export function isMarkerLine(line: string): boolean {
  return /^#\s*\^/.test(line);
}

export function parseFixture(source: string): Fixture {
  const lines = source.split(/\r?\n/);
  const expected: ExpectedFinding[] = [];
  let cursor: Position | undefined;
  let target = -1;
  lines.forEach((line, i) => {
    const cursorAt = line.indexOf('$0');
    if (cursorAt >= 0) {
      cursor = { line: i, character: cursorAt };
      lines[i] = line.slice(0, cursorAt) + line.slice(cursorAt + 2);
    }
    const match = MARKER.exec(lines[i]);
    if (!match) {
      target = i;
      return;
    }
    if (target < 0) throw new Error(`marker on line ${i + 1} has no line above it`);
    const start = match[1].length === 0 ? 0 : 1 + match[1].length;
    const end = 1 + match[1].length + match[2].length;
    expected.push({
      rule: match[3],
      severity: match[4],
      message: match[5]?.trim() || undefined,
      range: { start: { line: target, character: start }, end: { line: target, character: end } },
      markerLine: i + 1,
    });
  });
  return { text: lines.join(source.includes('\r\n') ? '\r\n' : '\n'), expected, cursor };
}

/** The fixture's text without marker lines, as a fix is expected to leave it. */
export function withoutMarkers(text: string): string {
  return text.split(/\r?\n/).filter((l) => !isMarkerLine(l)).join('\n');
}

export function formatRange(range: Range): string {
  return `${range.start.line + 1}:${range.start.character + 1}-${range.end.line + 1}:${range.end.character + 1}`;
}
