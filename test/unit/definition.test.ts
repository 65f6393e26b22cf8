// Go to definition on fixtures: the cursor is `$0`, every expected target is underlined `def`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../../server/src/analysis';
import { rangeContains } from '../../server/src/analysis/text';
import { definition } from '../../server/src/features/definition';
import { formatRange, parseFeatureFixture } from '../support/markers';
import { listFiles, repoRoot } from '../support/paths';

const dir = path.join(repoRoot(), 'test', 'fixtures', 'features', 'definition');
const fixtures = listFiles(dir, (n) => n.endsWith('.Dockerfile'));

test('definition has fixtures', () => assert.ok(fixtures.length >= 8));

for (const file of fixtures) {
  const name = path.basename(file, '.Dockerfile');
  test(`definition from the cursor reaches the def markers: ${name}`, () => {
    const fixture = parseFeatureFixture(fs.readFileSync(file, 'utf8'));
    assert.ok(fixture.cursor, 'fixture needs a $0 cursor');
    const targets = definition(analyze(fixture.text), fixture.cursor);
    assert.deepEqual(
      targets.map((t) => formatRange(t.targetSelectionRange)).sort(),
      fixture.marks.filter((m) => m.label === 'def').map((m) => formatRange(m.range)).sort(),
    );
    for (const t of targets) {
      assert.ok(rangeContains(t.originRange, fixture.cursor), `origin ${formatRange(t.originRange)} should hold the cursor`);
      assert.ok(rangeContains(t.targetRange, t.targetSelectionRange.start), 'the name lies in the declaring instruction');
    }
  });
}
