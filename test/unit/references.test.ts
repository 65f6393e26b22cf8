// References and document highlight on fixtures: `decl` marks declarations, `ref` the other mentions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../../server/src/analysis';
import { mentionsOf } from '../../server/src/features/mentions';
import { documentHighlights, references } from '../../server/src/features/references';
import { formatRange, parseFeatureFixture } from '../support/markers';
import { realDockerfileSets } from '../corpus/corpus';
import { listFiles, repoRoot } from '../support/paths';

const dir = path.join(repoRoot(), 'test', 'fixtures', 'features', 'references');
const fixtures = listFiles(dir, (n) => n.endsWith('.Dockerfile'));

test('references has fixtures', () => assert.ok(fixtures.length >= 4));

for (const file of fixtures) {
  const name = path.basename(file, '.Dockerfile');
  const fixture = parseFeatureFixture(fs.readFileSync(file, 'utf8'));
  const marked = (...labels: string[]) => fixture.marks.filter((m) => labels.includes(m.label)).map((m) => formatRange(m.range)).sort();

  test(`references with and without the declaration match the markers: ${name}`, () => {
    const analysis = analyze(fixture.text);
    assert.deepEqual(references(analysis, fixture.cursor!, true).map(formatRange).sort(), marked('decl', 'ref'));
    assert.deepEqual(references(analysis, fixture.cursor!, false).map(formatRange).sort(), marked('ref'));
  });

  test(`document highlight writes at declarations and reads elsewhere: ${name}`, () => {
    const highlights = documentHighlights(analyze(fixture.text), fixture.cursor!);
    assert.deepEqual(highlights.filter((h) => h.kind === 'write').map((h) => formatRange(h.range)).sort(), marked('decl'));
    assert.deepEqual(highlights.filter((h) => h.kind === 'read').map((h) => formatRange(h.range)).sort(), marked('ref'));
  });
}

for (const set of realDockerfileSets()) {
  test(`every declaration a use resolves to belongs to that use's variable, on every file of ${set.label}`, { skip: set.skip }, () => {
    let checked = 0;
    for (const file of set.files) {
      const analysis = analyze(fs.readFileSync(file.path, 'utf8'));
      const { variables } = mentionsOf(analysis);
      for (const mention of variables) {
        const use = mention.use;
        if (!use?.declarations.length) continue;
        for (const d of use.declarations) {
          assert.ok(mention.symbol?.declarations.includes(d), `${file.name}: $${use.name} at ${formatRange(use.range)} resolves to line ${d.range.start.line + 1} outside its variable`);
        }
        checked++;
      }
    }
    assert.ok(checked >= 5 * set.files.length, `${checked} uses checked in ${set.files.length} files`);
  });
}
