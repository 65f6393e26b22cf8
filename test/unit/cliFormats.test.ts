// The CLI's machine formats (SARIF validated against the 2.1.0 schema, GitHub workflow commands)
// and the escaping of file text and names in every human-readable one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import { cliFixture, root, runCli, tempTree } from '../support/cli';

const findings = cliFixture('findings/Dockerfile');

function sarifSchemaValidator() {
  const schema = JSON.parse(fs.readFileSync(path.join(root, 'test/fixtures/sarif/sarif-2.1.0-rtm.5.json'), 'utf8'));
  // The schema's language pattern has a stray `]` that a unicode RegExp refuses.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

test('cli sarif: valid SARIF 2.1.0 with every rule, its docs page, results at the marked ranges and fixes', () => {
  const run = runCli(['check', '--format', 'sarif', findings.file, 'test/fixtures/cli/findings/warnings.Dockerfile', 'no/such/Dockerfile']);
  assert.equal(run.code, 2);
  const log = JSON.parse(run.stdout) as Sarif.Log;
  const validate = sarifSchemaValidator();
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  const [sarifRun] = log.runs;
  const rules = sarifRun.tool.driver.rules ?? [];
  assert.ok(rules.length > 10);
  for (const rule of rules) {
    assert.equal(rule.helpUri, `https://github.com/dockerfile-stages/dockerfile-stages/blob/main/docs/rules/${rule.id}.md`);
    assert.ok(fs.existsSync(path.join(root, 'docs/rules', `${rule.id}.md`)), `docs/rules/${rule.id}.md`);
  }
  const inFile = (sarifRun.results ?? []).filter((r) => r.locations?.[0].physicalLocation?.artifactLocation?.uri === findings.file);
  assert.deepEqual(
    inFile.map((r) => {
      const region = r.locations![0].physicalLocation!.region!;
      return { rule: r.ruleId, rule2: rules[r.ruleIndex!].id, line: region.startLine, column: region.startColumn, endColumn: region.endColumn };
    }),
    findings.expected.map((e) => ({ rule: e.rule, rule2: e.rule, line: e.range.start.line + 1, column: e.range.start.character + 1, endColumn: e.range.end.character + 1 })),
  );
  const unknown = inFile.find((r) => r.ruleId === 'UnknownStage' && r.level === 'error');
  const replacement = unknown?.fixes?.[0].artifactChanges[0].replacements[0];
  assert.equal(replacement?.insertedContent?.text, 'builder');
  const notification = sarifRun.invocations?.[0].toolExecutionNotifications?.[0];
  assert.match(notification?.message.text ?? '', /no\/such\/Dockerfile/);
  assert.equal(sarifRun.invocations?.[0].executionSuccessful, false);
});

test('cli sarif: odd file names still make valid URIs', () => {
  const dir = tempTree({ 'with space #1%.Dockerfile': 'FROM alpine AS Base\n' });
  const run = runCli(['check', '--format', 'sarif', dir]);
  const log = JSON.parse(run.stdout) as Sarif.Log;
  const validate = sarifSchemaValidator();
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  const uri = log.runs[0].results?.[0].locations?.[0].physicalLocation?.artifactLocation?.uri ?? '';
  assert.ok(uri.startsWith('file://') && uri.endsWith('with%20space%20%231%25.Dockerfile'), uri);
});

test('cli github: one workflow command per finding with file, line, col and the rule as title', () => {
  const run = runCli(['check', '--format', 'github', findings.file]);
  assert.equal(run.code, 1);
  const lines = run.stdout.trimEnd().split('\n');
  assert.equal(lines.length, findings.expected.length);
  findings.expected.forEach((e, i) => {
    const command = e.severity === 'error' || e.severity === 'warning' ? e.severity : 'notice';
    assert.ok(lines[i].startsWith(`::${command} file=${findings.file},line=${e.range.start.line + 1},col=${e.range.start.character + 1},`), lines[i]);
    assert.ok(lines[i].includes(`,title=${e.rule}::`), lines[i]);
  });
});

test('cli github: names and messages are escaped as the Actions toolkit does, so no command can be forged', () => {
  const dir = tempTree({ 'x\n::error file=x::injected,a:b%.Dockerfile': 'FROM alpine AS Base\n' });
  const run = runCli(['check', '--format', 'github', dir]);
  const lines = run.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 1, run.stdout);
  assert.ok(lines[0].startsWith('::warning file='), lines[0]);
  assert.ok(lines[0].includes('x%0A%3A%3Aerror file=x%3A%3Ainjected%2Ca%3Ab%25.Dockerfile,line=1'), lines[0]);
  for (const stream of [run.stdout, run.stderr]) assert.ok(!/\n::error/.test(stream));
});

test('cli text: control characters from the file and its name are escaped, never written raw', () => {
  const stage = '\x1b]0;PWNED\x07\x1b[2J';
  const dir = tempTree({ 'evil\n::error file=x::injected.Dockerfile': `FROM alpine AS base\nCOPY --from=${stage} /a /b\n` });
  for (const args of [['--no-color'], ['--color'], ['--format', 'github']]) {
    const run = runCli(['check', '--fail-on', 'warning', ...args, dir]);
    assert.equal(run.code, 1, args.join(' '));
    for (const stream of [run.stdout, run.stderr]) {
      assert.ok(!stream.includes('\x07') && !stream.includes('\x1b]') && !stream.includes('\x1b[2J'), JSON.stringify(stream));
      assert.ok(!stream.split('\n').some((line) => line.startsWith('::error file=x')), JSON.stringify(stream));
    }
    assert.ok(run.stdout.includes('\\e]0;PWNED\\x07\\e[2J'), run.stdout);
  }
  const missing = runCli(['check', path.join(dir, 'no\x1b[2Jsuch')]);
  assert.equal(missing.code, 2);
  assert.ok(!missing.stderr.includes('\x1b') && missing.stderr.includes('no\\e[2Jsuch'), JSON.stringify(missing.stderr));
});
