// The fixes of the insight rules that a `.fixed.Dockerfile` cannot show: a fix that runs a client
// command, and a second fix beside it (`<name>.<label>.fixed.Dockerfile` is the text after it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { CodeActionKind } from 'vscode-languageserver';
import { analyze } from '../../server/src/analysis';
import { toCodeAction, toDiagnostic } from '../../server/src/convert';
import { codeActions } from '../../server/src/features/codeActions';
import { SetBuildTargetCommand } from '../../server/src/protocol';
import { parseFixture, withoutMarkers } from '../support/markers';
import { repoRoot } from '../support/paths';
import { applyEdits } from '../support/edits';
import { assertNoNewProblems } from '../support/codeActions';

const dir = path.join(repoRoot(), 'test', 'fixtures', 'rules', 'StageNotBuilt');
const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8').replace(/\r\n/g, '\n').replace(/\n+$/, '');

test('StageNotBuilt: "Set as build target" runs the client command with the uri and the stage name', () => {
  const fixture = parseFixture(read('seed-003-tester.Dockerfile'));
  const finding = analyze(fixture.text).findings.find((f) => f.rule === 'StageNotBuilt')!;
  const [setTarget] = finding.fixes;
  assert.deepEqual(setTarget.edits, []);
  const uri = 'file:///w/Dockerfile';
  const analysis = analyze(fixture.text);
  const diagnostic = toDiagnostic(uri, finding);
  const planned = codeActions(analysis, {}, { range: finding.range, diagnostics: [diagnostic] }).find((a) => a.title === setTarget.title)!;
  const action = toCodeAction(uri, planned, [diagnostic]);
  assert.equal(action.kind, CodeActionKind.QuickFix);
  assert.equal(action.edit, undefined);
  assert.deepEqual(action.command, { title: setTarget.title, command: SetBuildTargetCommand, arguments: [uri, 'tester'] });
});

test('StageNotBuilt: "Make the target depend on it" mounts the stage in the target, and the finding goes', () => {
  const fixture = parseFixture(read('seed-003-tester.Dockerfile'));
  const finding = analyze(fixture.text).findings.find((f) => f.rule === 'StageNotBuilt')!;
  const depend = finding.fixes.find((f) => f.edits.length > 0)!;
  const fixed = withoutMarkers(applyEdits(fixture.text, depend.edits));
  assert.equal(fixed, read('seed-003-tester.depends.fixed.Dockerfile'));
  assert.deepEqual(analyze(fixed).findings.filter((f) => f.rule === 'StageNotBuilt'), []);
});

test('StageNotBuilt: no fix that runs a shell in a scratch target, none that names an unnamed stage', () => {
  const fixture = parseFixture(read('chain.Dockerfile'));
  const findings = analyze(fixture.text).findings.filter((f) => f.rule === 'StageNotBuilt');
  assert.equal(findings.length, 2);
  const [named, unnamed] = findings;
  assert.deepEqual(named.fixes.map((f) => f.command?.arguments), [['lint']]);
  assert.deepEqual(unnamed.fixes, []);
});

test('BuildToolsShipped: "Extract builder stage" is its quick fix, and the result ships no build tools and gains no problem', () => {
  const file = path.join(repoRoot(), 'test', 'fixtures', 'rules', 'BuildToolsShipped', 'runtime.Dockerfile');
  const analysis = analyze(parseFixture(fs.readFileSync(file, 'utf8')).text);
  const finding = analysis.findings.find((f) => f.rule === 'BuildToolsShipped')!;
  const uri = 'file:///w/Dockerfile';
  const diagnostic = toDiagnostic(uri, finding);
  const extract = codeActions(analysis, {}, { range: finding.range, diagnostics: [diagnostic] }).find((a) => a.kind === 'quickfix' && a.title.startsWith('Extract builder stage'));
  assert.ok(extract, 'offered as a quick fix of the diagnostic');
  assert.deepEqual(extract.diagnostics, [0]);
  const after = analyze(applyEdits(analysis.text, extract.edits));
  assertNoNewProblems(analysis, after, 'runtime.Dockerfile');
  const shipped = after.stages[after.graph.target];
  assert.ok(after.findings.filter((f) => f.rule === 'BuildToolsShipped').length < analysis.findings.filter((f) => f.rule === 'BuildToolsShipped').length, after.text);
  assert.ok(shipped.name === 'app', 'the target is still the app stage');
});
