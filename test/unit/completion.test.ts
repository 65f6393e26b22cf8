// Completion on fixtures: `# expect labels:` is the exact set offered at `$0` (empty for none),
// `# expect detail <label>:` an item's detail, `# expect replaces:` the text the items replace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../../server/src/analysis';
import { LineIndex } from '../../server/src/analysis/text';
import { completions } from '../../server/src/features/completion';
import { expectationsOf, parseFeatureFixture } from '../support/markers';
import { listFiles, repoRoot } from '../support/paths';

const dir = path.join(repoRoot(), 'test', 'fixtures', 'features', 'completion');
const fixtures = listFiles(dir, (n) => n.endsWith('.Dockerfile'));

test('completion has fixtures', () => assert.ok(fixtures.length >= 12));

const list = (value: string) => value.split(',').map((s) => s.trim()).filter(Boolean);

for (const file of fixtures) {
  const name = path.basename(file, '.Dockerfile');
  test(`completion offers what the fixture expects: ${name}`, () => {
    const fixture = parseFeatureFixture(fs.readFileSync(file, 'utf8'));
    const items = completions(analyze(fixture.text), fixture.cursor!);
    const [labels] = expectationsOf(fixture, 'labels');
    assert.ok(labels !== undefined, 'fixture needs `# expect labels:`');
    assert.deepEqual(items.map((i) => i.label).sort(), list(labels).sort());
    for (const e of fixture.expectations.filter((x) => x.key.startsWith('detail '))) {
      const label = e.key.slice('detail '.length);
      assert.equal(items.find((i) => i.label === label)?.detail, e.value, `detail of ${label}`);
    }
    const index = new LineIndex(fixture.text);
    for (const replaced of expectationsOf(fixture, 'replaces')) {
      for (const item of items) {
        const edit = item.textEdit as { range: Parameters<LineIndex['textIn']>[0] };
        assert.equal(index.textIn(edit.range), replaced, `${item.label} replaces the typed text`);
      }
    }
    for (const item of items) {
      const edit = item.textEdit as { range: { end: { line: number; character: number } } };
      assert.deepEqual(edit.range.end, fixture.cursor, `${item.label} is inserted at the cursor`);
    }
  });
}
