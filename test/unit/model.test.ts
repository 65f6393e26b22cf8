// The model the features read: stages, references and their targets, ARG scopes, the graph.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/analysis';

const SEED_000 = `# Set --build-arg SRC_FORMAT=clear|obfuscated during docker build.
ARG SRC_FORMAT=obfuscated

FROM python:3.6.8-stretch AS base
WORKDIR /usr/src/app

FROM base AS clear-code
COPY . .

FROM base AS obfuscated-code
COPY . .
RUN pip install cython && pip install nuitka==0.6.3

FROM \${SRC_FORMAT}-code AS copy-src

FROM base AS final
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY --from=copy-src /usr/src/app/ .
ENTRYPOINT ["./entrypoint.sh"]
`;

test('model: seed-000 stages, bases and the ARG-dependent alias stage', () => {
  const a = analyze(SEED_000);
  assert.deepEqual(a.stages.map((s) => [s.index, s.name, s.base.kind]), [
    [0, 'base', 'image'], [1, 'clear-code', 'stage'], [2, 'obfuscated-code', 'stage'], [3, 'copy-src', 'variable'], [4, 'final', 'stage'],
  ]);
  const alias = a.stages[3].base;
  assert.equal(alias.stage, 2, 'resolves to obfuscated-code by default');
  assert.deepEqual(alias.candidates?.map((c) => [c.value, c.stage, c.source]), [['obfuscated-code', 2, 'default'], ['clear-code', 1, 'pattern']]);
  // No stage is unknown or unbuilt; the one finding is that the final stage ships pip's cache.
  assert.deepEqual(a.findings.map((f) => [f.rule, f.range.start.line]), [['PipCacheShipped', 17]]);
});

test('model: a build arg changes what the alias stage resolves to, and what the target needs', () => {
  const byDefault = analyze(SEED_000);
  assert.deepEqual([...byDefault.graph.reachable].sort(), [0, 2, 3, 4]);
  const clear = analyze(SEED_000, { buildArgs: { SRC_FORMAT: 'clear' } });
  assert.equal(clear.stages[3].base.stage, 1);
  assert.equal(clear.stages[3].base.candidates?.[0].source, 'buildArgs');
  assert.deepEqual([...clear.graph.reachable].sort(), [0, 1, 3, 4]);
});

test('model: the target setting picks the stage the graph starts from', () => {
  const a = analyze(SEED_000, { target: 'Clear-Code' });
  assert.equal(a.graph.target, 1);
  assert.deepEqual([...a.graph.reachable].sort(), [0, 1]);
  const unknown = analyze(SEED_000, { target: 'nosuch' });
  assert.equal(unknown.graph.unknownTarget, 'nosuch');
  assert.equal(unknown.graph.target, 4);
});

test('model: references from FROM, COPY --from by name and index, and mount from=', () => {
  const a = analyze(`FROM golang AS build
FROM alpine
COPY --from=build /a /b
COPY --from=0 /a /b
RUN --mount=type=cache,from=BUILD,target=/c --mount=type=secret,id=s true
COPY --from=nginx:1.27 /a /b
COPY --chown=1:1 --chmod=755 --from=build --link /a /b
`);
  assert.deepEqual(a.references.map((r) => [r.kind, r.text, r.stage, r.target.kind, r.target.kind === 'stage' ? r.target.by : '']), [
    ['from', 'golang', 0, 'image', ''],
    ['from', 'alpine', 1, 'image', ''],
    ['copy', 'build', 1, 'stage', 'name'],
    ['copy', '0', 1, 'stage', 'index'],
    ['mount', 'BUILD', 1, 'stage', 'name'],
    ['copy', 'nginx:1.27', 1, 'image', ''],
    ['copy', 'build', 1, 'stage', 'name'],
  ]);
  assert.deepEqual(a.graph.edges.map((e) => [e.from, e.to, e.kind]), [[1, 0, 'copy'], [1, 0, 'copy'], [1, 0, 'mount'], [1, 0, 'copy']]);
});

test('model: ARG scopes: global, redeclared, inherited through FROM <stage>, and the tester skipped', () => {
  const a = analyze(`ARG VERSION=1.0
FROM alpine AS build
ARG VERSION
ENV HOME_DIR=/app
RUN echo $VERSION $HOME_DIR $OTHER
FROM build AS tester
RUN echo $VERSION $HOME_DIR
FROM alpine AS final
RUN echo $VERSION
`);
  const uses = a.uses.map((u) => [u.name, u.scope, u.resolution, u.declarations.map((d) => `${d.kind}@${d.scope}`).join(',')]);
  assert.deepEqual(uses, [
    ['VERSION', 0, 'declared', 'ARG@0,ARG@-1'],
    ['HOME_DIR', 0, 'declared', 'ENV@0'],
    ['OTHER', 0, 'undeclared', ''],
    ['VERSION', 1, 'declared', 'ARG@0,ARG@-1'],
    ['HOME_DIR', 1, 'declared', 'ENV@0'],
    ['VERSION', 2, 'globalNotRedeclared', 'ARG@-1'],
  ]);
  assert.deepEqual([...a.graph.reachable], [2], 'only the last stage is built: the tester is skipped');
});

test('model: uses in RUN are left to the shell, uses in ENV and WORKDIR are expanded by BuildKit', () => {
  const a = analyze("FROM alpine\nARG A\nENV B=$A\nWORKDIR /$A\nRUN echo $A '$NOT' \\$NOT2\nCOPY --chown=$A --from=x /a /b\n");
  assert.deepEqual(a.uses.map((u) => [u.instruction, u.name, u.expandedByBuildKit]), [
    ['ENV', 'A', true], ['WORKDIR', 'A', true], ['RUN', 'A', false], ['COPY', 'A', true],
  ]);
});

test('model: `ARG A B` declares two ARGs and a heredoc body is not part of the instruction line', () => {
  const a = analyze('FROM alpine\nARG A B=2\nRUN <<EOF\necho $A\nEOF\nRUN <<\'EOF\'\necho $B\nEOF\n');
  assert.deepEqual(a.declarations.map((d) => [d.name, d.value]), [['A', undefined], ['B', '2']]);
  assert.deepEqual(a.uses.map((u) => [u.name, u.expandedByBuildKit]), [['A', false]], 'a quoted heredoc is not expanded at all');
});

test('model: numbered and repeated heredocs keep their bodies out of the instructions', () => {
  const a = analyze('FROM alpine\nRUN cat /proc/self/fd/5 /proc/self/fd/6 5<<FILE1 6<<FILE2 > out.txt\nthis is part1\nFILE1\nthis is part2\nFILE2\nCOPY <<-EOT /x\n\tbody\n\tEOT\nRUN echo done\n');
  assert.deepEqual(a.instructions.map((i) => [i.keyword, i.range.start.line, i.range.end.line]), [
    ['FROM', 0, 0], ['RUN', 1, 5], ['COPY', 6, 8], ['RUN', 9, 9],
  ]);
  assert.deepEqual(a.findings, []);
});

test('model: a line ending in an escaped backslash does not continue, as BuildKit reads it', () => {
  const a = analyze('FROM alpine\nCOPY a C:\\\\\n\nENV X 1\nCOPY b \\\nc /d\nCOPY e f\\\\\\\n\nENV Y 2\n');
  assert.deepEqual(a.instructions.map((i) => [i.keyword, i.range.start.line, i.range.end.line]), [
    ['FROM', 0, 0], ['COPY', 1, 1], ['ENV', 3, 3], ['COPY', 4, 5], ['COPY', 6, 6], ['ENV', 8, 8],
  ]);
  assert.deepEqual(a.declarations.map((d) => [d.name, d.value]), [['X', '1'], ['Y', '2']]);
  assert.deepEqual(a.findings.filter((f) => f.rule === 'NoEmptyContinuation'), [], 'no instruction runs across the blank lines');
});

test('model: a stage\'s ONBUILD COPY --from runs in the stages built FROM it, so the target needs its source', () => {
  const a = analyze('FROM alpine AS assets\nFROM alpine AS template\nONBUILD COPY --from=assets /a /b\nFROM template AS app\n');
  assert.deepEqual(a.graph.edges.map((e) => [e.from, e.to, e.kind]), [[2, 1, 'from'], [2, 0, 'copy']]);
  assert.deepEqual([...a.graph.reachable].sort(), [0, 1, 2]);
  assert.deepEqual(a.references.filter((r) => r.kind !== 'from'), [], 'the trigger is no reference of the template stage itself');
});
