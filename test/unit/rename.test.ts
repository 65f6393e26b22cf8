// Rename on fixtures: `# expect rename: <new name>`, then either `edit` markers under every range
// that changes, or `# expect error: <fragment of the message>`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { analyze, Analysis } from '../../server/src/analysis';
import { prepareRename, rename, RenameRejection } from '../../server/src/features/rename';
import { expectationsOf, formatRange, parseFeatureFixture } from '../support/markers';
import { listFiles, repoRoot } from '../support/paths';
import { applyEdits } from '../support/edits';

const dir = path.join(repoRoot(), 'test', 'fixtures', 'features', 'rename');
const fixtures = listFiles(dir, (n) => n.endsWith('.Dockerfile'));

test('rename has fixtures', () => assert.ok(fixtures.length >= 12));

/** What a rename must keep: which stage each reference reaches, and what each variable use resolves to. */
function meaning(analysis: Analysis): string[] {
  return [
    ...analysis.graph.edges.map((e) => `edge ${e.kind} ${e.from} -> ${e.to} at ${formatRange(e.reference.range)}`),
    ...analysis.uses.map((u) => `use at ${u.range.start.line}:${u.range.start.character} ${u.resolution} ${u.declarations.map((d) => `${d.kind}@${d.range.start.line}`).join(',')}`),
  ];
}

for (const file of fixtures) {
  const name = path.basename(file, '.Dockerfile');
  const fixture = parseFeatureFixture(fs.readFileSync(file, 'utf8'));
  const [newName] = expectationsOf(fixture, 'rename');
  const [error] = expectationsOf(fixture, 'error');

  if (error !== undefined) {
    test(`rename is rejected with a message: ${name}`, () => {
      assert.throws(() => rename(analyze(fixture.text), fixture.cursor!, newName), (e: unknown) => {
        assert.ok(e instanceof RenameRejection, `expected a RenameRejection, got ${String(e)}`);
        assert.ok(e.message.includes(error), `message "${e.message}" should contain "${error}"`);
        return true;
      });
    });
    continue;
  }

  test(`rename edits exactly the marked ranges and keeps the file's meaning: ${name}`, () => {
    const analysis = analyze(fixture.text);
    const edits = rename(analysis, fixture.cursor!, newName);
    assert.deepEqual(edits.map((e) => formatRange(e.range)).sort(), fixture.marks.filter((m) => m.label === 'edit').map((m) => formatRange(m.range)).sort());
    assert.ok(edits.every((e) => e.newText === newName));
    const renamed = analyze(applyEdits(fixture.text, edits));
    // Names change length, so compare the meaning by line and kind, not by column.
    const shape = (a: Analysis) => meaning(a).map((m) => m.replace(/:\d+(-\d+:\d+)?/g, ''));
    assert.deepEqual(shape(renamed), shape(analysis));
    assert.equal(renamed.findings.length, analysis.findings.length, 'the rename adds or removes no finding');
  });

  const [placeholder] = expectationsOf(fixture, 'placeholder');
  if (placeholder !== undefined) {
    test(`prepareRename offers the current name: ${name}`, () => {
      const prepared = prepareRename(analyze(fixture.text), fixture.cursor!);
      assert.equal(prepared.placeholder, placeholder);
    });
  }
}
