// The shared Mermaid/DOT/JSON renderer of the stage graph (editor export and CLI `graph`):
// every stage, image and reference appears once, edge kinds differ, and no name escapes its quotes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/analysis';
import { renderStageGraph } from '../../server/src/features/graphExport';
import { stageGraph } from '../../server/src/features/stageGraph';
import { StageGraphResult } from '../../server/src/protocol';

function graphOf(text: string, buildContexts: string[] = []): StageGraphResult {
  return { uri: 'file:///x/Dockerfile', version: 1, ...stageGraph(analyze(text, { buildContexts }), buildContexts) };
}

const SEVEN = [
  'FROM golang:1.22 AS deps',
  'FROM deps AS build',
  'RUN --mount=type=cache,from=deps,target=/c go build',
  'FROM build AS test',
  'FROM golangci/golangci-lint:v1.59 AS lint',
  'COPY --from=deps /go /go',
  'FROM scratch AS docs',
  'COPY --from=${SRC}-code /a /b',
  'FROM alpine:3.20 AS certs',
  'FROM gcr.io/distroless/static-debian12 AS final',
  'COPY --from=certs /etc/ssl /etc/ssl',
  'COPY --from=build /out /app',
  'COPY --from=assets /x /y',
  '',
].join('\n');

test('stage graph: images, scratch and build contexts are external nodes; unresolvable references dangle with their diagnostic', () => {
  const graph = graphOf(SEVEN, ['assets']);
  assert.deepEqual(graph.externals?.map((x) => [x.kind, x.label]), [
    ['image', 'golang:1.22'], ['image', 'golangci/golangci-lint:v1.59'], ['scratch', 'scratch'], ['image', 'alpine:3.20'],
    ['image', 'gcr.io/distroless/static-debian12'], ['context', 'assets'],
  ]);
  assert.deepEqual(graph.dangling?.map((d) => [d.from, d.kind, d.text]), [[4, 'copy', '${SRC}-code']]);
  const lint = analyze(SEVEN, { buildContexts: ['assets'] }).findings.find((f) => f.range.start.line === 7);
  assert.ok(lint, 'the variable in --from has a diagnostic');
  assert.equal(graph.dangling?.[0].message, lint.message);
  assert.deepEqual(graph.edges.map((e) => [e.from, e.to, e.kind]), [[1, 0, 'from'], [1, 0, 'mount'], [2, 1, 'from'], [3, 0, 'copy'], [6, 5, 'copy'], [6, 1, 'copy']]);
  for (const edge of graph.edges) assert.ok(edge.range, 'every edge has its range');
  for (const node of graph.nodes) assert.ok(node.range, 'every stage has its range');
});

test('mermaid: one node per stage and external, FROM solid, COPY dashed, mount dotted, dangling crossed', () => {
  const text = renderStageGraph(graphOf(SEVEN, ['assets']), 'mermaid');
  const lines = text.split('\n');
  assert.equal(lines[0], 'flowchart TB');
  assert.equal(lines.filter((l) => /^ {2}s\d+\[/.test(l)).length, 7);
  assert.equal(lines.filter((l) => /^ {2}x\d+[([]/.test(l)).length, 6);
  assert.ok(lines.includes('  s0 --> s1'), 'FROM deps');
  assert.ok(lines.includes('  s0 -.->|mount| s1'));
  assert.ok(lines.includes('  s5 -.->|copy| s6'));
  assert.ok(lines.includes('  d0 -.-x|copy| s4'));
  const links = lines.filter((l) => / (-->|-\.->|-\.-x|--x)/.test(l));
  const mountLink = links.indexOf('  s0 -.->|mount| s1');
  const copyLink = links.indexOf('  s5 -.->|copy| s6');
  assert.ok(lines.includes(`  linkStyle ${mountLink} stroke-dasharray:2 3`));
  assert.ok(lines.includes(`  linkStyle ${copyLink} stroke-dasharray:6 4`));
  assert.ok(lines.includes('  class s6 target'));
  assert.ok(lines.some((l) => l.startsWith('  class ') && l.endsWith(' notBuilt') && l.includes('s2')), 'test is not built for final');
});

test('mermaid and DOT: hostile names stay inside their quotes, control characters are never printed raw', () => {
  const name = 'a"]\u001b]0;PWNED\u0007;b';
  const graph = graphOf('FROM alpine AS x\n');
  graph.nodes[0].label = name;
  graph.nodes[0].base = 'img"\\\n-->';
  const mermaid = renderStageGraph(graph, 'mermaid');
  assert.ok(!/[\u0000-\u001f\u007f]/.test(mermaid.replace(/\n/g, '')));
  const nodeLine = mermaid.split('\n').find((l) => l.startsWith('  s0['))!;
  assert.equal(nodeLine.split('"').length, 3, 'exactly the two quotes of the label');
  assert.ok(nodeLine.includes('#34;') && nodeLine.includes('#27;'));
  const dot = renderStageGraph(graph, 'dot');
  assert.ok(!/[\u0000-\u001f\u007f]/.test(dot.replace(/\n/g, '')));
  const dotNode = dot.split('\n').find((l) => l.startsWith('  s0 ['))!;
  assert.equal(dotNode.replace(/\\\\/g, '').replace(/\\"/g, '').split('"').length, 3, 'only escaped quotes inside the label');
  assert.ok(dotNode.includes('&#27;'));
});

test('DOT: edge styles follow the kinds; JSON is the graph itself', () => {
  const graph = graphOf(SEVEN, ['assets']);
  const dot = renderStageGraph(graph, 'dot').split('\n');
  assert.equal(dot[0], 'digraph stages {');
  assert.ok(dot.includes('  s0 -> s1 [style=solid];'));
  assert.ok(dot.includes('  s0 -> s1 [style=dotted, label="mount"];'));
  assert.ok(dot.includes('  s5 -> s6 [style=dashed, label="copy"];'));
  assert.ok(dot.some((l) => l.startsWith('  d0 -> s4 [style=dashed, label="copy", color="#d13438", tooltip=')));
  assert.equal(dot.at(-2), '}');
  assert.deepEqual(JSON.parse(renderStageGraph(graph, 'json')), JSON.parse(JSON.stringify(graph)));
});
