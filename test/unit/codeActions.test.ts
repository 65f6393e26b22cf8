// Code actions on fixtures (test/fixtures/features/codeActions/): the cursor `$0` (and `$1`, the
// end of a selection) says where the editor asks; `# expect action: <title>` names the action
// applied, and `<name>.fixed.Dockerfile` is the text it must leave. `# expect no action: <title
// fragment>` says that no offered action has that in its title. The diagnostics sent are the
// findings under the cursor, as an editor sends them. Every result is analysed again: it must
// gain no error or warning the file did not have.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { analyze, AnalysisOptions } from '../../server/src/analysis';
import { actionsAt, assertNoNewProblems } from '../support/codeActions';
import { expectationsOf, parseFeatureFixture } from '../support/markers';
import { listFiles, repoRoot } from '../support/paths';
import { applyEdits } from '../support/edits';

const dir = path.join(repoRoot(), 'test', 'fixtures', 'features', 'codeActions');
const fixtures = listFiles(dir, (n) => n.endsWith('.Dockerfile') && !n.endsWith('.fixed.Dockerfile'));

function optionsFor(file: string): AnalysisOptions {
  const sidecar = file.replace(/\.Dockerfile$/, '.options.json');
  return fs.existsSync(sidecar) ? JSON.parse(fs.readFileSync(sidecar, 'utf8')) : {};
}

test('code actions have fixtures', () => assert.ok(fixtures.length >= 10));

for (const file of fixtures) {
  const name = path.basename(file, '.Dockerfile');
  const fixture = parseFeatureFixture(fs.readFileSync(file, 'utf8'));
  const options = optionsFor(file);
  const [title] = expectationsOf(fixture, 'action');
  const absent = expectationsOf(fixture, 'no action');
  const only = expectationsOf(fixture, 'only');

  test(`code action ${name}`, () => {
    assert.ok(fixture.cursor, `${name} needs a $0 cursor`);
    const analysis = analyze(fixture.text, options);
    const range = { start: fixture.cursor, end: fixture.selectionEnd ?? fixture.cursor };
    const actions = actionsAt(analysis, options, range, only.length ? only : undefined);
    for (const fragment of absent) {
      assert.ok(!actions.some((a) => a.title.replace(/`/g, "'").includes(fragment)), `no action should contain "${fragment}"; got ${JSON.stringify(actions.map((a) => a.title))}`);
    }
    if (title === undefined) return;
    // Titles quote names; compare them whatever quote character the messages use.
    const action = actions.find((a) => a.title.replace(/`/g, "'") === title);
    assert.ok(action, `no action "${title}"; got ${JSON.stringify(actions.map((a) => a.title))}`);
    const result = applyEdits(fixture.text, action.edits);
    const fixedFile = file.replace(/\.Dockerfile$/, '.fixed.Dockerfile');
    const trim = (t: string) => t.replace(/\r\n/g, '\n').replace(/\n+$/, '');
    assert.equal(trim(result), trim(fs.readFileSync(fixedFile, 'utf8')));
    assertNoNewProblems(analysis, analyze(result, options), name);
  });
}
