// Bad input gets a clear message or none: never an exception, never a hang. The timeouts only
// catch hangs; speed is measured by the benchmarks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/analysis';

const HANG_GUARD = { timeout: 120_000 };

function garbage(length: number, seed = 7): string {
  let x = seed;
  let out = '';
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out += String.fromCharCode(x % 0xffff);
  }
  return out;
}

const inputs: Record<string, () => string> = {
  'an empty file': () => '',
  'only whitespace and newlines': () => ' \n\t\r\n\r',
  'binary garbage': () => garbage(20_000),
  'a 300,000-character line': () => `FROM alpine\nRUN echo ${'x'.repeat(300_000)}\n`,
  'a 300,000-character line of variables': () => `FROM alpine\nENV A=${'$B'.repeat(150_000)}\n`,
  'an unterminated heredoc': () => 'FROM alpine\nRUN <<EOF\necho $X\nFROM other AS b\n',
  'CRLF with a BOM': () => '\uFEFF# check=error=true\r\nARG V=1\r\nFROM alpine:$V AS Build\r\nFROM alpine\r\nCOPY --from=biuld /a /b\r\n',
  '3,000 stages': () => Array.from({ length: 3000 }, (_, i) => `FROM ${i ? `s${i - 1}` : 'alpine'} AS s${i}\nCOPY --from=s${Math.max(0, i - 2)} /a /b\n`).join(''),
  '2,000 nested ${A:- expansions': () => `FROM alpine\nENV X=${'${A:-'.repeat(2000)}\n`,
  '2,000 nested and closed expansions': () => `ARG A\nFROM alpine:${'${A:-'.repeat(2000)}x${'}'.repeat(2000)}\n`,
  'a half-typed line': () => 'FROM alpine AS b\nCOPY --from=\nRUN --mount=type=bind,from=\nFROM b AS\nARG =\nENV =x\n',
  'only a continuation': () => '\\\n\\\n\\',
  'an escape directive with backticks': () => '# escape=`\nFROM mcr.microsoft.com/windows AS b\nRUN dir `\n  C:\\ `\n  $env:X\nCOPY --from=b C:\\x C:\\y\n',
  'lone surrogates and NULs': () => 'FROM alpine\nRUN echo \uD800 \u0000 \uDFFF\nARG \u0000=1\n',
};

for (const [name, make] of Object.entries(inputs)) {
  test(`bad input: ${name} is analysed without an exception`, HANG_GUARD, () => {
    const text = make();
    const analysis = analyze(text);
    for (const finding of analysis.findings) {
      assert.ok(finding.message.length > 0);
      assert.ok(finding.range.start.line <= finding.range.end.line);
    }
  });
}

test('bad input: CRLF with a BOM still finds the typo and keeps ranges on the right line', () => {
  const analysis = analyze(inputs['CRLF with a BOM']());
  const unknown = analysis.findings.find((f) => f.rule === 'UnknownStage');
  assert.ok(unknown, 'UnknownStage expected');
  assert.equal(unknown.range.start.line, 4);
  assert.equal(unknown.range.start.character, 12);
  assert.equal(unknown.severity, 'error');
  assert.ok(analysis.findings.some((f) => f.rule === 'StageNameCasing' && f.severity === 'error'), 'check=error=true applies behind a BOM');
});

test('bad input: 3,000 stages resolve every reference', HANG_GUARD, () => {
  const analysis = analyze(inputs['3,000 stages']());
  assert.equal(analysis.stages.length, 3000);
  // Stage i is FROM s(i-1) and copies from s(i-2); stage 0 copies from itself.
  assert.equal(analysis.references.filter((r) => r.target.kind === 'stage').length, 2999 + 2999);
  assert.deepEqual(analysis.findings.filter((f) => f.severity === 'error').map((f) => f.rule), ['InvalidStageReference']);
});
