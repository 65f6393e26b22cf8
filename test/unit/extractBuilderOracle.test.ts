// BuildKit's own frontend (test/oracle) judges every Extract builder stage result: the file still
// converts to LLB without error, and each COPY --from of the new stage in the shipped stage
// resolves to the new stage. Needs Go; without it the test is skipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../../server/src/analysis';
import { buildOracle, runOracle } from '../oracle/oracle';
import { seedDockerfiles } from '../server/dockerfileSources';
import { actionsAt } from '../support/codeActions';
import { applyEdits } from '../support/edits';
import { parseFeatureFixture } from '../support/markers';
import { listFiles, repoRoot } from '../support/paths';

function hasGo(): boolean {
  try {
    execFileSync('go', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

interface Case {
  id: string;
  text: string;
  builder: string;
  builderIndex: number;
}

function extractions(): Case[] {
  const sources = [
    ...listFiles(path.join(repoRoot(), 'test', 'fixtures', 'features', 'codeActions'), (n) => n.startsWith('extractBuilder-') && !n.endsWith('.fixed.Dockerfile'))
      .map((file) => ({ name: path.basename(file), ...parseFeatureFixture(fs.readFileSync(file, 'utf8')) })),
    ...seedDockerfiles().map((s) => ({ name: s.name, text: s.text, cursor: undefined, selectionEnd: undefined })),
  ];
  const cases: Case[] = [];
  for (const source of sources) {
    const analysis = analyze(source.text);
    const cursors = source.cursor ? [{ start: source.cursor, end: source.selectionEnd ?? source.cursor }]
      : analysis.stages.map((s) => ({ start: { line: s.fromRange.start.line, character: 0 }, end: { line: s.fromRange.start.line, character: 0 } }));
    cursors.forEach((range, i) => {
      const action = actionsAt(analysis, {}, range, ['refactor.extract']).find((a) => a.title.startsWith('Extract builder stage'));
      if (!action) return;
      const text = applyEdits(source.text, action.edits);
      const builder = /'([^']+)'|`([^`]+)`/.exec(action.title)!;
      const name = builder[1] ?? builder[2];
      const builderIndex = analyze(text).stages.findIndex((s) => s.key === name);
      cases.push({ id: `${source.name}@${i}`, text, builder: name, builderIndex });
    });
  }
  return cases;
}

test('oracle: every Extract builder stage result builds, and its copies come from the new stage', { skip: hasGo() ? false : 'Go is not installed: the BuildKit oracle cannot run' }, () => {
  buildOracle();
  const cases = extractions();
  assert.ok(cases.length >= 15, `only ${cases.length} extractions`);
  const verdicts = runOracle(cases.map((c) => ({ id: c.id, text: c.text })));
  for (const [i, verdict] of verdicts.entries()) {
    const c = cases[i];
    assert.equal(verdict.parseError, undefined, `${c.id}: ${verdict.parseError?.message}\n${c.text}`);
    assert.equal(verdict.build?.error, undefined, `${c.id}: ${verdict.build?.error?.message}\n${c.text}`);
    const copies = verdict.references.filter((r) => r.kind === 'copy' && r.stage === c.builderIndex + 1 && r.value === c.builder);
    assert.ok(copies.length > 0, `${c.id}: the shipped stage copies nothing from ${c.builder}\n${c.text}`);
    for (const copy of copies) {
      assert.deepEqual([copy.resolution.kind, copy.resolution.index], ['stage', c.builderIndex], `${c.id}: COPY --from=${c.builder} on line ${copy.line}`);
    }
  }
});
