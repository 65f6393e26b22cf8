// parseFeatureFixture: the annotations of a feature fixture leave the Dockerfile they describe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFeatureFixture } from '../support/markers';

test('marker and expect lines are removed, and ranges and cursor move with the lines that stay', () => {
  const fixture = parseFeatureFixture([
    '# expect rename: compiler',
    'FROM golang AS builder',
    '#              ^^^^^^^ edit',
    '#              ^^^^^^^ def(extra): a note',
    'COPY --from=bui$0lder /a /b',
    '#           ^^^^^^^ edit',
  ].join('\n'));
  assert.equal(fixture.text, 'FROM golang AS builder\nCOPY --from=builder /a /b');
  assert.deepEqual(fixture.cursor, { line: 1, character: 15 });
  assert.deepEqual(fixture.expectations.map((e) => [e.key, e.value, e.line]), [['rename', 'compiler', 1]]);
  assert.deepEqual(fixture.marks.map((m) => [m.label, m.kind, m.note, m.range.start.line, m.range.start.character, m.range.end.character]), [
    ['edit', undefined, undefined, 0, 15, 22],
    ['def', 'extra', 'a note', 0, 15, 22],
    ['edit', undefined, undefined, 1, 12, 19],
  ]);
});

test('CRLF fixtures keep CRLF', () => {
  assert.equal(parseFeatureFixture('FROM a AS b\r\n#         ^ x\r\nFROM b\r\n').text, 'FROM a AS b\r\nFROM b\r\n');
});

test('a marker under an expect line is an authoring error', () => {
  assert.throws(() => parseFeatureFixture('FROM a\n# expect x: y\n#   ^ z\n'), /underlines an expect line/);
});
