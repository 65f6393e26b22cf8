// Extract builder stage on the seeds' Dockerfiles: asked with the cursor on each stage, as a user
// would; every result is analysed again and must gain no error or warning.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/analysis';
import { seedDockerfiles, seedsSkip } from '../server/dockerfileSources';
import { actionsAt, assertNoNewProblems } from '../support/codeActions';
import { applyEdits } from '../support/edits';

test('Extract builder stage on every seed stage that builds: the result gains no problem', { skip: seedsSkip() }, () => {
  const extracted: string[] = [];
  for (const seed of seedDockerfiles()) {
    const analysis = analyze(seed.text);
    for (const stage of analysis.stages) {
      const at = { line: stage.fromRange.start.line, character: 0 };
      const action = actionsAt(analysis, {}, { start: at, end: at }, ['refactor.extract']).find((a) => a.title.startsWith('Extract builder stage'));
      if (!action) continue;
      extracted.push(`${seed.name}:${stage.index}`);
      assertNoNewProblems(analysis, analyze(applyEdits(seed.text, action.edits)), `${seed.name} stage ${stage.index}`);
    }
  }
  // seed-001 and seed-002 are the venv and wheel cases the refactoring is for.
  assert.ok(extracted.some((e) => e.startsWith('seed-001')), `seed-001 offers none: ${extracted.join(' ')}`);
  assert.ok(extracted.some((e) => e.startsWith('seed-002')), `seed-002 offers none: ${extracted.join(' ')}`);
});
