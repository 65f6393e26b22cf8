// Hostile input (issue 10): files, settings and .dockerignore patterns built to make a regular
// expression backtrack, a scanner go quadratic or a value double without end. Each runs in a
// worker with a deadline and a heap limit (test/support/deadline.ts): without the fixes they
// hang, run out of memory or throw. The deadlines catch hangs; speed is the benchmarks' business.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'path';
import fc from 'fast-check';
import { callWithDeadline } from '../support/deadline';
import type { AnalysisSummary } from '../support/hostileProbe';
import { analyze, AnalysisOptions } from '../../server/src/analysis';

const PROBE = path.join(__dirname, '..', 'support', 'hostileProbe.js');
const GUARD = { timeout: 180_000 };

function analyzeInWorker(text: string, options: AnalysisOptions = {}, deadlineMs = 60_000): Promise<AnalysisSummary> {
  return callWithDeadline<AnalysisSummary>(PROBE, 'analyzeSummary', [text, options], { deadlineMs, heapMb: 768 });
}

const rules = (summary: AnalysisSummary) => summary.findings.map((f) => f.rule);

test('hostile 1: ${A%%glob} with many stars answers (no backtracking RegExp)', GUARD, async () => {
  const glob = '*a'.repeat(12) + '*b';
  const text = `ARG A=${'a'.repeat(40)}\nFROM \${A%%${glob}} AS x\nRUN echo \${A%${glob}} \${A#${glob}} \${A##${glob}} \${A//${glob}/y}\n`;
  const summary = await analyzeInWorker(text);
  assert.equal(summary.stages, 1);
});

test('hostile 1: the trims still work: ${V%%-*} names the stage it should', () => {
  const analysis = analyze('ARG V=build-1.2\nFROM alpine AS build\nFROM ${V%%-*}\nFROM ${V#*-} AS other\nFROM ${V/build/x}\n');
  assert.equal(analysis.stages[1].base.stage, 0, '${V%%-*} is build');
  assert.equal(analysis.stages[2].base.candidates?.[0].value, '1.2');
  assert.equal(analysis.stages[3].base.candidates?.[0].value, 'x-1.2');
});

test('hostile 2: an ARG-dependent base with many variables matches stage names without a RegExp', GUARD, async () => {
  const text = `FROM alpine AS ${'x'.repeat(50)}\nFROM ${'${A}x'.repeat(14)}\${A}y AS z\n`;
  const summary = await analyzeInWorker(text);
  assert.equal(summary.stages, 2);
});

test('hostile 3: a backtracking .dockerignore pattern answers, and a matching one still reports', GUARD, async () => {
  const pattern = '*a'.repeat(12) + '*b';
  const slow = await analyzeInWorker(`FROM alpine\nCOPY ${'a'.repeat(40)} /x\n`, { dockerignore: [pattern] });
  assert.ok(!rules(slow).includes('CopyIgnoredFile'));
  const hit = await analyzeInWorker(`FROM alpine\nCOPY ${'a'.repeat(40)} /x\n`, { dockerignore: ['*a*a*a'] });
  assert.ok(rules(hit).includes('CopyIgnoredFile'));
});

test('hostile 4: build-arg keys are no RegExp: "(" does not break the analysis, "(a+)+c" does not hang', GUARD, async () => {
  const paren = await analyzeInWorker('ARG A\nFROM ${A}\nFROM ${B:-alpine}\n', { buildArgs: { '(': 'x' } });
  assert.equal(paren.stages, 2);
  assert.ok(paren.findings.length > 0, 'diagnostics still come');
  const nested = await analyzeInWorker(`FROM \${${'a'.repeat(32)}}\n`, { buildArgs: { '(a+)+c': 'x' } });
  assert.equal(nested.stages, 1);
});

test('hostile 5: RUN with 200,000 backslashes and a letter answers', GUARD, async () => {
  const summary = await analyzeInWorker(`FROM alpine\nRUN echo ${'\\'.repeat(200_000)}x\n`);
  assert.equal(summary.stages, 1);
});

test('hostile 6: 10,000 global ARGs and 10,000 FROM lines using them answer', GUARD, async () => {
  const n = 10_000;
  const text = Array.from({ length: n }, (_, i) => `ARG A${i}=alpine\n`).join('') + Array.from({ length: n }, (_, i) => `FROM $A${i}\n`).join('');
  const summary = await analyzeInWorker(text);
  assert.equal(summary.stages, n);
});

test('hostile 7: one line with 150,000 uses of $A answers', GUARD, async () => {
  const uses = await analyzeInWorker(`FROM alpine\nARG A=1\nRUN echo ${'$A'.repeat(150_000)}\n`, {}, 45_000);
  assert.equal(uses.stages, 1);
});

test('hostile 7: a line of 40,000 ENV variables answers (issue 15)', GUARD, async () => {
  const env = await analyzeInWorker(`FROM alpine\nENV ${Array.from({ length: 40_000 }, (_, i) => `V${i}=$V${i}`).join(' ')}\n`, {}, 45_000);
  assert.equal(env.stages, 1);
});

test('hostile 8: 60,000 .dockerignore patterns and 300 COPY lines answer', GUARD, async () => {
  const dockerignore = Array.from({ length: 60_000 }, (_, i) => (i % 2 ? `pattern${i}/*.tmp` : `dir${i}`));
  const text = 'FROM alpine\n' + Array.from({ length: 300 }, (_, i) => `COPY dir${i * 2}/file.txt /x/\n`).join('');
  const summary = await callWithDeadline<number[]>(PROBE, 'analyzeMany', [[text, text + '\n', text + '\n\n'], { dockerignore }], { deadlineMs: 60_000, heapMb: 768 });
  assert.deepEqual(summary.map((n) => n >= 300), [true, true, true], 'every COPY of an ignored folder reported');
});

test('hostile 9: ARG values that double on each line are capped, and diagnostics still come', GUARD, async () => {
  const text = 'ARG A=aa\n' + 'ARG A=${A//a/$A}\n'.repeat(40) + 'FROM alpine:$A AS base\nFROM base\nRUN echo ${A//a/$A} $UNDECLARED_B\nFROM biuld\n';
  const summary = await analyzeInWorker(text, {}, 60_000);
  assert.equal(summary.stages, 3);
  assert.ok(summary.findings.length > 0, 'diagnostics still come');
});

// Random long repetitions of the pieces that trouble scanners and matchers.
const STARS = '*a'.repeat(12) + '*b';
const PIECES = [
  '${', '}', '*', '**', '\\', '$X', '"', "'", '${A%%', '${A//', '*a', '?', '[', '\n', ' ', '<<EOF', '#', 'FROM ', 'ARG A=', 'COPY ', '$', '`',
  `\${A%%${STARS}}`, `\${A//${STARS}/x}`, `\${A#${STARS}} `, `COPY a${'a'.repeat(40)} /x\n`, '\\\\\n',
];

// Where the pieces land: nowhere in particular, or where BuildKit expands them (FROM, COPY, ENV).
const A40 = `ARG A=${'a'.repeat(40)}\n`;
const CONTEXTS = ['', 'FROM alpine\n', `${A40}FROM `, `${A40}FROM alpine\nCOPY `, `${A40}FROM alpine\nARG A\nENV B=`];

test('hostile fuzz: long repetitions of awkward pieces, each file answered within a deadline and a heap limit', GUARD, async () => {
  const files = fc.sample(
    fc.tuple(fc.array(fc.tuple(fc.constantFrom(...PIECES), fc.integer({ min: 1, max: 3000 })), { minLength: 1, maxLength: 6 }), fc.constantFrom(...CONTEXTS))
      .map(([runs, prefix]) => prefix + runs.map(([piece, count]) => piece.repeat(count)).join('')),
    { numRuns: 40, seed: 10 },
  );
  const dockerignore = [STARS, '**/x/**/y', '[a-z]*?', 'a\\*b'];
  const answers = await callWithDeadline<number[]>(PROBE, 'analyzeMany', [files, { dockerignore, buildArgs: { '(': 'x', A: '*'.repeat(100) } }], { deadlineMs: 90_000, heapMb: 768 });
  assert.equal(answers.length, files.length);
});

// The multi-stage insight rules (issue 12) read RUN words, stage chains and paths: each of these
// took from 28 s to 9 minutes before those scans were made linear.
const deepVenvChain = (stages: number) => {
  let text = 'FROM python:3.11 AS s0\nRUN python -m venv /venv\n';
  for (let i = 1; i < stages; i++) text += `FROM s${i - 1} AS s${i}\nRUN python -m venv /venv$X\nCOPY --from=s${i - 1} /venv /venv2\nRUN pip install x\n`;
  return `${text}FROM python:3.12-alpine\nCOPY --from=s${stages - 1} /venv /venv\n`;
};

test('hostile 16: insight rules answer on long RUN lines, deep stage chains and long paths', GUARD, async () => {
  const inputs: [string, string][] = [
    ['pip install 50,000 times in one command', `FROM alpine\nRUN ${'pip install '.repeat(50_000)}poetry\n`],
    ['apt-get install 50,000 times', `FROM alpine\nRUN ${'apt-get install gcc '.repeat(50_000)}\n`],
    ['a word of 200,000 semicolons', `FROM alpine\nRUN pip install ${';'.repeat(200_000)}x\n`],
    ['a venv path of 200,000 slashes', `FROM python:3.11 AS a\nRUN python -m venv ${'/'.repeat(200_000)}x\nFROM python:3.12\nCOPY --from=a ${'/'.repeat(200_000)}x /y\n`],
    ['a removed path 50,000 directories deep', `FROM alpine\nCOPY d/ /app/d\nRUN rm /app${'/d'.repeat(50_000)}/f.txt\n`],
    ['a chain of 12,000 stages with venvs', deepVenvChain(12_000)],
    ['40,000 ARGs nothing reads', Array.from({ length: 20_000 }, (_, i) => `ARG A${i}\n`).join('') + 'FROM alpine\n' + Array.from({ length: 20_000 }, (_, i) => `ARG B${i}\n`).join('')],
  ];
  for (const [name, text] of inputs) {
    const summary = await analyzeInWorker(text, {}, 90_000);
    assert.ok(summary.stages >= 1, name);
  }
});

test('hostile 16: the insight rules still fire on the shapes above at a small size', () => {
  const rulesIn = (text: string) => new Set(analyze(text).findings.map((f) => f.rule));
  assert.ok(rulesIn(`FROM alpine\nRUN ${'pip install '.repeat(3)}poetry\n`).has('PipCacheShipped'));
  assert.ok(rulesIn(`FROM alpine\nRUN ${'apt-get install gcc '.repeat(3)}\n`).has('BuildToolsShipped'));
  const chain = rulesIn(deepVenvChain(3));
  assert.ok(chain.has('PythonEnvironmentMismatch') && chain.has('VirtualenvRelocated'), [...chain].join(' '));
  assert.ok(rulesIn('FROM alpine\nCOPY d/ /app/d\nRUN rm /app/d/e/f.txt\n').has('DeletedInLaterLayer'));
  assert.ok(rulesIn('ARG A0\nFROM alpine\nARG B0\n').has('UnusedArg'));
});

test('hostile 17: edits analysed from the previous analysis answer on 100,000 stages, whatever they do to the split', GUARD, async () => {
  const stages = 100_000;
  const text = Array.from({ length: stages }, (_, i) => `FROM alpine AS s${i}\n`).join('');
  const middle = text.indexOf('FROM alpine AS s50000');
  const edits = [
    // Typing in one stage; a continuation that joins the next FROM to the stage above; a heredoc
    // opened on the second line that never ends, so no chunk at the end is met in a clean state; both taken back.
    { at: middle + 5, remove: 0, insert: 'x' },
    { at: middle - 1, remove: 0, insert: ' \\' },
    { at: middle - 1, remove: 2, insert: '' },
    { at: text.indexOf('FROM alpine AS s1\n'), remove: 0, insert: 'RUN <<EOF\n' },
    { at: text.indexOf('FROM alpine AS s1\n'), remove: 'RUN <<EOF\n'.length, insert: '' },
  ];
  const summary = await callWithDeadline<AnalysisSummary>(PROBE, 'analyzeEdits', [text, edits], { deadlineMs: 120_000, heapMb: 2048 });
  assert.equal(summary.stages, stages);
});
