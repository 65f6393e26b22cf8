// Folding on fixtures: a `fold` marker under the first line of a range, `end` under its last line,
// nested like brackets; `fold(comment)` for a comment block (lineRangesOf in markers.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../../server/src/analysis';
import { Fold, foldingRanges } from '../../server/src/features/folding';
import { lineRangesOf, parseFeatureFixture } from '../support/markers';
import { realDockerfileSets } from '../corpus/corpus';
import { listFiles, repoRoot } from '../support/paths';

const dir = path.join(repoRoot(), 'test', 'fixtures', 'features', 'folding');
const fixtures = listFiles(dir, (n) => n.endsWith('.Dockerfile'));

const format = (f: Fold) => `${f.startLine + 1}-${f.endLine + 1}${f.kind ? ` ${f.kind}` : ''}`;

/** What editors need to keep every range: a start before the end, nesting, one range per start line. */
function assertWellNested(folds: Fold[], label: string): void {
  const sorted = [...folds].sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  const stack: Fold[] = [];
  const starts = new Set<number>();
  for (const fold of sorted) {
    assert.ok(fold.endLine > fold.startLine, `${label}: ${format(fold)} folds nothing`);
    assert.ok(!starts.has(fold.startLine), `${label}: two ranges start on line ${fold.startLine + 1}`);
    starts.add(fold.startLine);
    while (stack.length && stack[stack.length - 1].endLine < fold.startLine) stack.pop();
    const parent = stack[stack.length - 1];
    assert.ok(!parent || fold.endLine <= parent.endLine, `${label}: ${format(fold)} overlaps ${parent && format(parent)}`);
    stack.push(fold);
  }
}

test('folding has fixtures', () => assert.ok(fixtures.length >= 2));

for (const file of fixtures) {
  const name = path.basename(file, '.Dockerfile');
  test(`folding ranges match the fold and end markers: ${name}`, () => {
    const fixture = parseFeatureFixture(fs.readFileSync(file, 'utf8'));
    const folds = foldingRanges(analyze(fixture.text));
    assert.deepEqual(folds.map(format).sort(), lineRangesOf(fixture.marks).map((r) => format(r as Fold)).sort());
    assertWellNested(folds, name);
  });
}

for (const set of realDockerfileSets()) {
  test(`folding ranges nest properly on every file of ${set.label}`, { skip: set.skip }, () => {
    assert.ok(set.files.length >= 10, `${set.files.length} files`);
    for (const file of set.files) assertWellNested(foldingRanges(analyze(fs.readFileSync(file.path, 'utf8'))), file.name);
  });
}
