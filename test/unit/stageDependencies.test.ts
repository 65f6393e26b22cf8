// The Stages tree's dependency lookup: indexed once per graph (50,000 stages answered within the
// harness deadline; the per-item scan took 9.4 s), and icons by what a stage is built on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../../server/src/analysis';
import { stageGraph } from '../../server/src/features/stageGraph';
import { StageGraphResult } from '../../server/src/protocol';
import { baseShape, dependenciesOf } from '../../client/src/stageDependencies';
import { escapeIcons } from '../../client/src/iconText';
import { repoRoot } from '../support/paths';

function graphOf(text: string): StageGraphResult {
  return { uri: 'file:///x/Dockerfile', version: 1, ...stageGraph(analyze(text)) };
}

test('Stages tree: dependencies in first-use order, each kind once', () => {
  const graph = graphOf('FROM alpine AS a\nFROM alpine AS b\nFROM a AS c\nCOPY --from=b /x /y\nCOPY --from=a /x /y\nRUN --mount=from=a,target=/m true\n');
  assert.deepEqual(dependenciesOf(graph, 2).map((d) => [d.node.label, d.usedAs]), [['a', ['from', 'copy', 'mount']], ['b', ['copy']]]);
  assert.deepEqual(dependenciesOf(graph, 0), []);
});

test('Stages tree: 50,000 stages, each item asking for its dependencies, finish within the deadline', { timeout: 20_000 }, () => {
  const count = 50_000;
  const graph: StageGraphResult = {
    uri: 'file:///big', version: 1, target: count - 1,
    nodes: Array.from({ length: count }, (_, i) => ({ index: i, name: `s${i}`, label: `s${i}`, base: i ? `s${i - 1}` : 'alpine', baseKind: i ? 'stage' as const : 'image' as const, line: i, reachable: true, isTarget: i === count - 1 })),
    edges: Array.from({ length: count - 1 }, (_, i) => ({ from: i + 1, to: i, kind: 'from' as const, line: i + 1 })),
  };
  let total = 0;
  for (const node of graph.nodes) total += dependenciesOf(graph, node.index).length;
  assert.equal(total, count - 1);
});

test('Stages tree icons: a stage built FROM another stage, even through an ARG (seed-000 copy-src), is a stage; scratch and images differ', () => {
  const seed = graphOf(fs.readFileSync(path.join(repoRoot(), 'test', 'e2e', 'workspace', 'graph', 'seed-000.Dockerfile'), 'utf8'));
  const shape = (label: string) => baseShape(seed, seed.nodes.find((n) => n.label === label)!);
  assert.equal(shape('copy-src'), 'stage');
  assert.equal(shape('final'), 'stage');
  assert.equal(shape('base'), 'image');
  const scratch = graphOf('FROM scratch AS empty\n');
  assert.equal(baseShape(scratch, scratch.nodes[0]), 'scratch');
});

test('quick pick and status bar labels show $(…) from a file literally, not as an icon', () => {
  assert.equal(escapeIcons('$(bug) build'), '\\$(bug) build');
  assert.equal(escapeIcons('a$(x)$(y)'), 'a\\$(x)\\$(y)');
  assert.equal(escapeIcons('${SRC}-code $ ( plain'), '${SRC}-code $ ( plain');
});
