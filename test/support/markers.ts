// Fixture markers: expectations live in the Dockerfile itself.
//
//   COPY --from=biulder /a /b
//   #           ^^^^^^^ UnknownStage(error): did you mean
//
// A marker line is a comment whose first non-space character after `#` is `^`; its carets
// underline columns of the nearest line above that is not a marker. When the carets start
// right after the `#` (`#^^^`), the `#` counts as a caret too, so column 0 can be marked.
// After the carets: the rule id, an optional (severity), and an optional `: message fragment`.
// `$0` marks a cursor and is removed from the text; `$1` after it ends a selection that starts there.
//
// Feature fixtures (test/fixtures/features/<feature>/) use the same carets with a label in place
// of the rule id, and `# expect <key>: <value>` lines for what a range cannot say:
//
//   FROM golang AS builder
//   #              ^^^^^^^ def
//   # expect rename: compiler
//   COPY --from=bui$0lder /a /b
//
// parseFeatureFixture removes the marker and expect lines before the text is analysed, so they
// cannot change what they describe, and moves the ranges and the cursor to the lines that remain.
// Line ranges (folding) take a `fold` mark under their first line and an `end` mark under their
// last, nested like brackets; `fold(comment)` gives the range a kind.
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
  /** Where `$1` stood: the end of a selection from the cursor. */
  selectionEnd?: Position;
}

const MARKER = /^#(\s*)(\^+)\s*([A-Za-z][\w-]*)(?:\((\w+)\))?(?::\s*(.*))?$/;

export function isMarkerLine(line: string): boolean {
  return /^#\s*\^/.test(line);
}

export function parseFixture(source: string): Fixture {
  const lines = source.split(/\r?\n/);
  const expected: ExpectedFinding[] = [];
  let cursor: Position | undefined;
  let selectionEnd: Position | undefined;
  let target = -1;
  lines.forEach((line, i) => {
    const cursorAt = line.indexOf('$0');
    if (cursorAt >= 0) {
      cursor = { line: i, character: cursorAt };
      lines[i] = line.slice(0, cursorAt) + line.slice(cursorAt + 2);
    }
    const endAt = lines[i].indexOf('$1');
    if (endAt >= 0) {
      selectionEnd = { line: i, character: endAt };
      lines[i] = lines[i].slice(0, endAt) + lines[i].slice(endAt + 2);
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
  return { text: lines.join(source.includes('\r\n') ? '\r\n' : '\n'), expected, cursor, selectionEnd };
}

/** The fixture's text without marker lines, as a fix is expected to leave it. */
export function withoutMarkers(text: string): string {
  return text.split(/\r?\n/).filter((l) => !isMarkerLine(l)).join('\n');
}

export function formatRange(range: Range): string {
  return `${range.start.line + 1}:${range.start.character + 1}-${range.end.line + 1}:${range.end.character + 1}`;
}

/** A caret marker in a feature fixture: `^^^ label(kind): note`. */
export interface Mark {
  label: string;
  kind?: string;
  note?: string;
  range: Range;
  /** 1-based line of the marker in the fixture file, for error messages. */
  markerLine: number;
}

export interface Expectation {
  key: string;
  value: string;
  /** 1-based line in the fixture file. */
  line: number;
}

export interface FeatureFixture {
  /** The Dockerfile without marker and expect lines, and without the cursor. */
  text: string;
  cursor?: Position;
  selectionEnd?: Position;
  marks: Mark[];
  expectations: Expectation[];
}

const EXPECTATION = /^#\s*expect\s+([^:]+?)\s*:\s?(.*)$/;

export function isExpectationLine(line: string): boolean {
  return EXPECTATION.test(line);
}

export function parseFeatureFixture(source: string): FeatureFixture {
  const parsed = parseFixture(source);
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  const lines = parsed.text.split(/\r?\n/);
  const expectations: Expectation[] = [];
  // Where each kept line of the fixture ends up once annotations are removed.
  const newLine: number[] = [];
  const kept: string[] = [];
  lines.forEach((line, i) => {
    const expectation = EXPECTATION.exec(line);
    if (expectation) expectations.push({ key: expectation[1], value: expectation[2].trim(), line: i + 1 });
    if (expectation || isMarkerLine(line)) return;
    newLine[i] = kept.length;
    kept.push(line);
  });
  const move = (p: Position): Position => ({ line: newLine[p.line], character: p.character });
  for (const e of parsed.expected) {
    if (newLine[e.range.start.line] === undefined) throw new Error(`the marker on line ${e.markerLine} underlines an expect line`);
  }
  const marks = parsed.expected.map((e): Mark => ({
    label: e.rule,
    kind: e.severity,
    note: e.message,
    range: { start: move(e.range.start), end: move(e.range.end) },
    markerLine: e.markerLine,
  }));
  if (parsed.cursor && newLine[parsed.cursor.line] === undefined) throw new Error('the $0 cursor is on a marker or expect line');
  if (parsed.selectionEnd && newLine[parsed.selectionEnd.line] === undefined) throw new Error('the $1 selection end is on a marker or expect line');
  return { text: kept.join(eol), cursor: parsed.cursor && move(parsed.cursor), selectionEnd: parsed.selectionEnd && move(parsed.selectionEnd), marks, expectations };
}

/** The values of every `# expect <key>:` line, in order. */
export function expectationsOf(fixture: FeatureFixture, key: string): string[] {
  return fixture.expectations.filter((e) => e.key === key).map((e) => e.value);
}

export interface ExpectedLineRange {
  startLine: number;
  endLine: number;
  kind?: string;
}

/** Pairs `fold` and `end` marks like brackets, in line order. */
export function lineRangesOf(marks: Mark[]): ExpectedLineRange[] {
  const open: Mark[] = [];
  const ranges: ExpectedLineRange[] = [];
  const sorted = marks.filter((m) => m.label === 'fold' || m.label === 'end')
    .sort((a, b) => a.range.start.line - b.range.start.line || a.markerLine - b.markerLine);
  for (const mark of sorted) {
    if (mark.label === 'fold') {
      open.push(mark);
      continue;
    }
    const start = open.pop();
    if (!start) throw new Error(`the end marker on line ${mark.markerLine} closes nothing`);
    ranges.push({ startLine: start.range.start.line, endLine: mark.range.start.line, ...(start.kind ? { kind: start.kind } : {}) });
  }
  if (open.length) throw new Error(`the fold marker on line ${open[0].markerLine} is never closed`);
  return ranges;
}
