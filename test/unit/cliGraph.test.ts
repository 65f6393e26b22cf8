// dockerfile-stages graph: the stage graph of a file in the editor export's formats.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StageGraphResult } from '../../server/src/protocol';
import { runCli } from '../support/cli';

const file = 'test/fixtures/cli/graph/Dockerfile';
/** Who uses whom in the fixture: [stage, the stage it uses, how]. */
const dependencies = [['test', 'build', 'from'], ['final', 'build', 'copy'], ['final', 'test', 'mount']];

function graphJson(...args: string[]): StageGraphResult {
  const run = runCli(['graph', '--format', 'json', ...args, file]);
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout) as StageGraphResult;
}

test('cli graph: json has every stage and dependency; the target is the last stage unless --target says', () => {
  const graph = graphJson();
  const name = (index: number) => graph.nodes[index].label;
  assert.deepEqual(graph.nodes.map((n) => n.label), ['build', 'test', 'final']);
  assert.deepEqual(graph.edges.map((e) => [name(e.from), name(e.to), e.kind]).sort(), [...dependencies].sort());
  assert.equal(name(graph.target), 'final');
  const test1 = graphJson('--target', 'test');
  assert.equal(test1.nodes[test1.target].label, 'test');
  assert.deepEqual(test1.nodes.filter((n) => n.reachable).map((n) => n.label), ['build', 'test']);
});

test('cli graph: --build-arg reaches the base images', () => {
  const labels = (graph: StageGraphResult) => (graph.externals ?? []).map((x) => x.label);
  assert.ok(labels(graphJson()).includes('golang:1.22'), JSON.stringify(labels(graphJson())));
  assert.ok(labels(graphJson('--build-arg', 'GO_VERSION=1.23')).includes('golang:1.23'));
});

test('cli graph: mermaid is a flowchart with each stage and an edge per dependency; dot is a digraph', () => {
  const mermaid = runCli(['graph', file]);
  assert.equal(mermaid.code, 0);
  assert.ok(mermaid.stdout.startsWith('flowchart'), mermaid.stdout);
  for (const stage of ['build', 'test', 'final']) assert.ok(mermaid.stdout.includes(stage), stage);
  const stageEdges = mermaid.stdout.split('\n').filter((l) => /^\s*s\d+ \S*-\S* s\d+$/.test(l) || /^\s*s\d+ \S+\|\w+\| s\d+$/.test(l));
  assert.equal(stageEdges.length, dependencies.length, mermaid.stdout);
  assert.equal(runCli(['graph', '--format', 'mermaid', file]).stdout, mermaid.stdout);
  const dot = runCli(['graph', '--format', 'dot', file]);
  assert.equal(dot.code, 0);
  assert.ok(dot.stdout.startsWith('digraph'), dot.stdout);
  assert.equal(dot.stdout.split('\n').filter((l) => /^\s*s\d+ -> s\d+/.test(l)).length, dependencies.length);
});

test('cli graph: usage errors, an unknown target and unreadable files exit 2', () => {
  const unknown = runCli(['graph', '--target', 'nosuch', file]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /no stage named 'nosuch' to target; the stages are 'build', 'test', 'final'/);
  for (const args of [['graph'], ['graph', file, file], ['graph', '--format', 'svg', file], ['graph', 'no/such/Dockerfile']]) {
    const run = runCli(args);
    assert.equal(run.code, 2, args.join(' '));
    assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
  }
  assert.match(runCli(['graph', '--help']).stdout, /--format mermaid\|dot\|json/);
  assert.match(runCli(['help', 'graph']).stdout, /Usage: dockerfile-stages graph/);
});

test('cli graph: - reads stdin', () => {
  const run = runCli(['graph', '--format', 'json', '-'], { input: 'FROM alpine AS a\nFROM a AS b\n' });
  assert.equal(run.code, 0);
  assert.deepEqual((JSON.parse(run.stdout) as StageGraphResult).nodes.map((n) => n.label), ['a', 'b']);
});
