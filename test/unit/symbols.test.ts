// Document symbols on fixtures: `# expect outline: name (child, ...) | ...` is the tree; `stage`
// and `global` markers are the selection ranges of the stages and of the grouped global ARGs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { DocumentSymbol } from 'vscode-languageserver-types';
import { analyze, Range } from '../../server/src/analysis';
import { comparePositions } from '../../server/src/analysis/text';
import { documentSymbols } from '../../server/src/features/symbols';
import { expectationsOf, formatRange, parseFeatureFixture } from '../support/markers';
import { listFiles, repoRoot } from '../support/paths';

const dir = path.join(repoRoot(), 'test', 'fixtures', 'features', 'symbols');
const fixtures = listFiles(dir, (n) => n.endsWith('.Dockerfile'));

const outline = (symbols: DocumentSymbol[]) => symbols.map((s) => `${s.name} (${(s.children ?? []).map((c) => c.name).join(', ')})`).join(' | ');
const inside = (outer: Range, inner: Range) => comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;

test('symbols has fixtures', () => assert.ok(fixtures.length >= 2));

for (const file of fixtures) {
  const name = path.basename(file, '.Dockerfile');
  test(`document symbols form the expected outline: ${name}`, () => {
    const fixture = parseFeatureFixture(fs.readFileSync(file, 'utf8'));
    const symbols = documentSymbols(analyze(fixture.text));
    assert.equal(outline(symbols), expectationsOf(fixture, 'outline')[0]);
    const marked = (label: string) => fixture.marks.filter((m) => m.label === label).map((m) => formatRange(m.range));
    const group = symbols.find((s) => s.name === 'global ARGs');
    assert.deepEqual((group?.children ?? []).map((c) => formatRange(c.selectionRange)), marked('global'));
    assert.deepEqual(symbols.filter((s) => s !== group).map((s) => formatRange(s.selectionRange)), marked('stage'));
    for (const e of fixture.expectations.filter((x) => x.key.startsWith('detail '))) {
      assert.equal(symbols.find((s) => s.name === e.key.slice('detail '.length))?.detail, e.value);
    }
    // Clients require every selection range inside its range, and children inside their parent.
    for (const symbol of symbols) {
      assert.ok(inside(symbol.range, symbol.selectionRange), `${symbol.name}: selection inside range`);
      for (const child of symbol.children ?? []) {
        assert.ok(inside(symbol.range, child.range), `${symbol.name} > ${child.name}: child inside parent`);
        assert.ok(inside(child.range, child.selectionRange), `${child.name}: selection inside range`);
      }
    }
  });
}

test('a bounded outline keeps every stage and the first instructions in file order', () => {
  const file = path.join(dir, 'outline.Dockerfile');
  const analysis = analyze(parseFeatureFixture(fs.readFileSync(file, 'utf8')).text);
  const full = documentSymbols(analysis, Number.MAX_SAFE_INTEGER);
  const flat = (symbols: DocumentSymbol[]) => symbols.flatMap((s) => [s.name, ...(s.children ?? []).map((c) => `${s.name} > ${c.name}`)]);
  const all = flat(full);
  assert.ok(all.length > full.length + 2, 'the fixture has instructions to leave out');
  for (const limit of [0, full.length, full.length + 2, all.length - 1, all.length]) {
    const bounded = documentSymbols(analysis, limit);
    assert.deepEqual(bounded.map((s) => s.name), full.map((s) => s.name), `every top-level symbol at ${limit}`);
    const shown = flat(bounded);
    assert.equal(shown.length, Math.max(limit, full.length), `symbols at ${limit}`);
    // The children shown are the first ones of the full outline, in file order.
    assert.deepEqual(shown.filter((n) => n.includes(' > ')), all.filter((n) => n.includes(' > ')).slice(0, shown.length - full.length));
  }
});
