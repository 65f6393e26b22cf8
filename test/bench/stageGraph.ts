// Stage Graph layout numbers (the webview's work, run here in node): fixture files at the side-bar
// and editor-panel widths, and the size limits' summary. Reports, never fails on a number.
//   node out/test/bench/stageGraph.js
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { analyze } from '../../server/src/analysis';
import { stageGraph } from '../../server/src/features/stageGraph';
import { StageGraphResult } from '../../server/src/protocol';
import { layoutForWidth } from '../../client/src/webview/graphRender';
import { repoRoot } from '../support/paths';

const measure = (text: string, bold: boolean) => Array.from(text).length * 13 * (bold ? 0.66 : 0.6);

function graphOf(text: string): StageGraphResult {
  return { uri: 'file:///bench/Dockerfile', version: 1, ...stageGraph(analyze(text)) };
}

function median(fn: () => void, runs = 5): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

function copiesFromFirst(stages: number): string {
  const lines = ['FROM alpine AS s0'];
  for (let i = 1; i < stages; i++) lines.push(`FROM s${i - 1} AS s${i}`, 'COPY --from=s0 /a /b');
  return lines.join('\n');
}

const inputs: [string, StageGraphResult][] = ['two-stage', 'seed-000', 'seven-stage'].map((name) => [
  name, graphOf(fs.readFileSync(path.join(repoRoot(), 'test', 'e2e', 'workspace', 'graph', `${name}.Dockerfile`), 'utf8')),
]);
for (const stages of [20, 490, 5_000]) inputs.push([`chain of ${stages} copying from stage 0`, graphOf(copiesFromFirst(stages))]);
for (const [name, graph] of inputs) {
  for (const width of [300, 900]) {
    let kind = '';
    const ms = median(() => (kind = layoutForWidth(graph, { fontSize: 13, measure }, width).kind));
    console.log(`stage graph ${name} at ${width}px: ${kind}, median ${ms.toFixed(1)} ms`);
  }
}
