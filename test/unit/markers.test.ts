import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFixture } from '../support/markers';

test('markers underline the line above, # counts as column 0 when carets follow it', () => {
  const fixture = parseFixture('FROM a AS b\n#^^^ X\n#         ^ Y(error): msg\n');
  assert.deepEqual(fixture.expected.map((e) => [e.rule, e.range.start.character, e.range.end.character, e.range.start.line, e.severity, e.message]), [
    ['X', 0, 4, 0, undefined, undefined],
    ['Y', 10, 11, 0, 'error', 'msg'],
  ]);
});

test('the $0 cursor is removed from the text', () => {
  const fixture = parseFixture('FROM a\nCOPY --from=$0b /x /y\n');
  assert.deepEqual(fixture.cursor, { line: 1, character: 12 });
  assert.equal(fixture.text, 'FROM a\nCOPY --from=b /x /y\n');
});
