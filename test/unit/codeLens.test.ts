// Code lenses on fixtures: `lens: <title>` under the FROM keyword for each lens, `ref` under every
// reference the "used by" lenses carry for the references view; `# expect target:` sets the target.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../../server/src/analysis';
import { codeLenses } from '../../server/src/features/codeLens';
import { ShowReferencesCommand } from '../../server/src/protocol';
import { expectationsOf, formatRange, parseFeatureFixture } from '../support/markers';
import { listFiles, repoRoot } from '../support/paths';

const dir = path.join(repoRoot(), 'test', 'fixtures', 'features', 'codeLens');
const fixtures = listFiles(dir, (n) => n.endsWith('.Dockerfile'));
const uri = 'file:///work/Dockerfile';

test('code lens has fixtures', () => assert.ok(fixtures.length >= 2));

for (const file of fixtures) {
  const name = path.basename(file, '.Dockerfile');
  test(`code lenses over each FROM match the lens markers: ${name}`, () => {
    const fixture = parseFeatureFixture(fs.readFileSync(file, 'utf8'));
    const [target] = expectationsOf(fixture, 'target');
    const lenses = codeLenses(analyze(fixture.text, { target }), uri);
    assert.deepEqual(
      lenses.map((l) => `${formatRange(l.range)} ${l.command.title}`).sort(),
      fixture.marks.filter((m) => m.label === 'lens').map((m) => `${formatRange(m.range)} ${m.note}`).sort(),
    );
    for (const lens of lenses) {
      assert.equal(lens.command.command, ShowReferencesCommand);
      assert.equal(lens.command.arguments[0], uri);
    }
    const carried = new Set(lenses.filter((l) => l.command.title.startsWith('used by')).flatMap((l) => l.command.arguments[2].map((loc) => formatRange(loc.range))));
    assert.deepEqual([...carried].sort(), fixture.marks.filter((m) => m.label === 'ref').map((m) => formatRange(m.range)).sort());
  });
}
