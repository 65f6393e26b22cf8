// Every fixture under test/fixtures/rules/<RuleId>/ is analysed; its markers are the complete list
// of expected findings (any rule). A `<name>.fixed.Dockerfile` beside it is the text after the
// first fix of every finding is applied.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { analyze, AnalysisOptions, RULES } from '../../server/src/analysis';
import { formatRange, parseFixture, withoutMarkers } from '../support/markers';
import { listFiles, repoRoot } from '../support/paths';
import { applyEdits } from '../support/edits';

const fixturesDir = path.join(repoRoot(), 'test', 'fixtures', 'rules');
const fixtures = listFiles(fixturesDir, (n) => n.endsWith('.Dockerfile') && !n.endsWith('.fixed.Dockerfile'));

function settingsFor(file: string): AnalysisOptions {
  const sidecar = file.replace(/\.Dockerfile$/, '.options.json');
  return fs.existsSync(sidecar) ? JSON.parse(fs.readFileSync(sidecar, 'utf8')) : {};
}

for (const file of fixtures) {
  const name = path.relative(fixturesDir, file);
  test(`rule fixture ${name}`, () => {
    const fixture = parseFixture(fs.readFileSync(file, 'utf8'));
    const analysis = analyze(fixture.text, settingsFor(file));
    const actual = analysis.findings.map((f) => `${f.rule} ${formatRange(f.range)}`).sort();
    const expected = fixture.expected.map((e) => `${e.rule} ${formatRange(e.range)}`).sort();
    assert.deepEqual(actual, expected, `findings of ${name}:\n${analysis.findings.map((f) => `  ${f.rule} ${formatRange(f.range)} ${f.message}`).join('\n')}`);
    for (const e of fixture.expected) {
      const finding = analysis.findings.find((f) => f.rule === e.rule && formatRange(f.range) === formatRange(e.range))!;
      if (e.severity) assert.equal(finding.severity, e.severity, `severity of the marker on line ${e.markerLine}`);
      if (e.message) assert.ok(finding.message.toLowerCase().includes(e.message.toLowerCase()), `message "${finding.message}" should contain "${e.message}" (marker line ${e.markerLine})`);
    }
    const fixedFile = file.replace(/\.Dockerfile$/, '.fixed.Dockerfile');
    if (fs.existsSync(fixedFile)) {
      const edits = analysis.findings.flatMap((f) => f.fixes[0]?.edits ?? []);
      const trim = (t: string) => t.replace(/\r\n/g, '\n').replace(/\n+$/, '');
      assert.equal(trim(withoutMarkers(applyEdits(fixture.text, edits))), trim(fs.readFileSync(fixedFile, 'utf8')));
    }
  });
}

test('every rule has fixtures with and without findings, and a docs page', () => {
  for (const rule of RULES) {
    const dir = path.join(fixturesDir, rule.id);
    const files = listFiles(dir, (n) => n.endsWith('.Dockerfile') && !n.endsWith('.fixed.Dockerfile'));
    assert.ok(files.some((f) => parseFixture(fs.readFileSync(f, 'utf8')).expected.some((e) => e.rule === rule.id)), `${rule.id} needs a fixture where it fires`);
    assert.ok(files.some((f) => path.basename(f).startsWith('valid')), `${rule.id} needs a valid-*.Dockerfile fixture`);
    assert.ok(fs.existsSync(path.join(repoRoot(), 'docs', 'rules', `${rule.id}.md`)), `docs/rules/${rule.id}.md is missing`);
  }
});

// VS Code shows messages and quick-fix titles as plain text: names are quoted 'like this'.
test('messages and fix titles quote with single quotes, never markdown backticks', () => {
  let checked = 0;
  for (const file of fixtures) {
    const text = withoutMarkers(fs.readFileSync(file, 'utf8'));
    if (text.includes('`')) continue; // a backtick in the file may be quoted back
    for (const finding of analyze(text, settingsFor(file)).findings) {
      const where = `${path.relative(fixturesDir, file)} ${finding.rule}`;
      for (const plain of [finding.message, ...finding.fixes.map((f) => f.title), ...(finding.related ?? []).map((r) => r.message)]) {
        assert.ok(!plain.includes('`'), `${where}: ${plain}`);
        checked++;
      }
    }
  }
  assert.ok(checked > 100, `${checked} messages and titles checked`);
});
