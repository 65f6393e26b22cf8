// The Stage Graph's layout and SVG, as the webview draws them, on fixture Dockerfiles: boxes never
// overlap, every edge starts and ends on its boxes, labels never overlap each other or a box, and
// the drawing fits the view. Text is measured with a fixed advance per character.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../../server/src/analysis';
import { stageGraph } from '../../server/src/features/stageGraph';
import { StageGraphResult } from '../../server/src/protocol';
import { Box, DRAWING_LIMITS, GraphDrawing, Point, fitScale, layoutForWidth, layoutStageGraph, renderSvg, truncateToWidth, wrapText } from '../../client/src/webview/graphRender';
import { repoRoot } from '../support/paths';

const FONT = 13;
const measure = (text: string, bold: boolean) => Array.from(text).length * FONT * (bold ? 0.66 : 0.6);
const SIDE_BAR = 300;
const EDITOR_PANEL = 900;

function graphOf(text: string): StageGraphResult {
  return { uri: 'file:///x/Dockerfile', version: 1, ...stageGraph(analyze(text)) };
}

const fixtures = ['two-stage', 'seed-000', 'seven-stage', 'with-tester', 'hostile-names'].map((name) => ({
  name,
  graph: graphOf(fs.readFileSync(path.join(repoRoot(), 'test', 'e2e', 'workspace', 'graph', `${name}.Dockerfile`), 'utf8')),
}));

function drawingOf(graph: StageGraphResult, viewWidth: number): GraphDrawing {
  const layout = layoutForWidth(graph, { fontSize: FONT, measure }, viewWidth);
  assert.equal(layout.kind, 'drawing');
  return layout.drawing;
}

const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const onBorder = (p: Point, b: Box) => {
  const inside = p.x >= b.x - 0.5 && p.x <= b.x + b.width + 0.5 && p.y >= b.y - 0.5 && p.y <= b.y + b.height + 0.5;
  const edge = Math.min(Math.abs(p.x - b.x), Math.abs(p.x - b.x - b.width), Math.abs(p.y - b.y), Math.abs(p.y - b.y - b.height));
  return inside && edge <= 0.5;
};

for (const { name, graph } of fixtures) {
  for (const viewWidth of [SIDE_BAR, EDITOR_PANEL]) {
    test(`graph layout ${name} at ${viewWidth}px: no overlapping boxes, edges end on their boxes, labels clear, fits after fit`, () => {
      const drawing = drawingOf(graph, viewWidth);
      assert.equal(drawing.nodes.filter((n) => n.kind === 'stage').length, graph.nodes.length);
      for (const [i, a] of drawing.nodes.entries()) {
        for (const b of drawing.nodes.slice(i + 1)) assert.ok(!overlap(a, b), `${a.id} overlaps ${b.id}`);
      }
      const byId = new Map(drawing.nodes.map((n) => [n.id, n]));
      for (const edge of drawing.edges) {
        assert.ok(onBorder(edge.points[0], byId.get(edge.from)!), `${edge.id} starts on ${edge.from}`);
        assert.ok(onBorder(edge.points.at(-1)!, byId.get(edge.to)!), `${edge.id} ends on ${edge.to}`);
      }
      const labels = drawing.edges.flatMap((e) => (e.label ? [e.label] : []));
      for (const [i, a] of labels.entries()) {
        for (const b of labels.slice(i + 1)) assert.ok(!overlap(a, b), `labels '${a.text}' and '${b.text}' overlap`);
        for (const node of drawing.nodes) assert.ok(!overlap(a, node), `label '${a.text}' covers ${node.id}`);
      }
      for (const node of drawing.nodes) {
        for (const line of node.lines) assert.ok(measure(line.text, line.role === 'name') <= node.width, `${node.id}: '${line.text}' fits its box`);
      }
      const scale = fitScale(drawing, viewWidth, 0);
      assert.ok(drawing.width * scale <= viewWidth, `${drawing.width} * ${scale} within ${viewWidth}`);
    });
  }
}

test('graph layout: the 7-stage file fits the editor panel at the editor font size, and the side bar once base images fold into their boxes', () => {
  const seven = fixtures.find((f) => f.name === 'seven-stage')!.graph;
  const wide = drawingOf(seven, EDITOR_PANEL);
  assert.ok(wide.width <= EDITOR_PANEL);
  assert.deepEqual(wide.nodes.filter((n) => n.kind === 'image').map((n) => n.lines.map((l) => l.text).join('')).sort(),
    ['alpine:3.20', 'gcr.io/distroless/static-debian12', 'golang:1.22', 'golangci/golangci-lint:v1.59', 'python:3.12-slim']);
  const narrow = drawingOf(seven, SIDE_BAR);
  assert.ok(narrow.width <= SIDE_BAR, `${narrow.width}px at the side bar, no zoom needed`);
  assert.equal(narrow.nodes.filter((n) => n.kind === 'stage').length, 7);
});

test('graph layout: edge kinds and states become classes; the target has a star; dangling references are red edges with the message', () => {
  const seed = fixtures.find((f) => f.name === 'seed-000')!.graph;
  const drawing = drawingOf(seed, EDITOR_PANEL);
  const svg = renderSvg(drawing, { focused: 's4', selected: 1 });
  assert.match(svg, /<g class="node stage target focused"[^>]*aria-label="final, stage from base, build target"/);
  assert.match(svg, /<text class="name"[^>]*>★ final<\/text>/);
  assert.match(svg, /<g class="node stage not-built selected"[^>]*aria-label="clear-code,/);
  assert.match(svg, /<rect class="focus-ring"/);
  assert.match(svg, /<g class="edge from"/);
  assert.match(svg, /<g class="edge copy"/);
  const sevenSvg = renderSvg(drawingOf(fixtures.find((f) => f.name === 'seven-stage')!.graph, EDITOR_PANEL));
  assert.match(sevenSvg, /<g class="edge mount"/);
  assert.match(sevenSvg, /<g class="node image"[^>]*aria-label="golang:1.22, image"/);

  const broken = graphOf('FROM alpine AS a\nFROM alpine AS b\nCOPY --from=${SRC}-code /a /b\n');
  const brokenSvg = renderSvg(drawingOf(broken, EDITOR_PANEL));
  const message = broken.dangling?.[0].message;
  assert.ok(message);
  assert.ok(brokenSvg.includes(`<g class="edge copy dangling" data-edge="d0&#62;s1:copy"><title>${message.replace(/'/g, '&#39;')}</title>`), brokenSvg);
});

test('graph render: names are text, never markup; control characters and quotes are escaped', () => {
  const graph = graphOf('FROM alpine AS x\n');
  graph.nodes[0].label = '<img src=x onerror=alert(1)>"\'\u001b';
  const svg = renderSvg(drawingOf(graph, EDITOR_PANEL));
  assert.ok(!svg.includes('<img'));
  assert.ok(!/[\u0000-\u001f]/.test(svg));
  assert.ok(svg.includes('&#60;img src=x onerror=alert(1)&#62;&#34;&#39;\u241b'));
});

test('wrapping and truncation cut on code points, never inside a surrogate pair', () => {
  const emoji = '🐳'.repeat(30);
  const perChar = (text: string) => Array.from(text).length * 10;
  for (const line of wrapText(emoji, 95, perChar)) assert.ok(!/[\uD800-\uDBFF]$|^[\uDC00-\uDFFF]/.test(line), line);
  const cut = truncateToWidth(`a${emoji}`, 55, perChar);
  assert.equal(cut, `a${'🐳'.repeat(3)}…`);
  assert.deepEqual(wrapText('registry.example.com/team/image:tag', 120, perChar), ['registry.', 'example.com/', 'team/image:…']);
  assert.deepEqual(wrapText('build-stage-name', 100, perChar), ['build-', 'stage-name']);
  assert.deepEqual(wrapText('python:3.12-slim', 100, perChar), ['python:', '3.12-slim'], 'a colon is a better break than a dot');
});

test('graph layout: chains of 50 and 600 stages each copying from stage 0 get a summary at once, not a drawing', () => {
  const lines = ['FROM alpine AS s0'];
  for (let i = 1; i < 600; i++) lines.push(`FROM s${i - 1} AS s${i}`, 'COPY --from=s0 /a /b');
  const layout = layoutStageGraph(graphOf(lines.join('\n')), { fontSize: FONT, measure });
  assert.equal(layout.kind, 'summary');
  assert.match(layout.kind === 'summary' ? layout.text : '', /600 stages/);
  const fifty = ['FROM alpine AS s0'];
  for (let i = 1; i < 50; i++) fifty.push(`FROM s${i - 1} AS s${i}`, 'COPY --from=s0 /a /b');
  assert.equal(layoutForWidth(graphOf(fifty.join('\n')), { fontSize: FONT, measure }, SIDE_BAR).kind, 'summary');
  const small = ['FROM alpine AS s0'];
  for (let i = 1; i < 20; i++) small.push(`FROM s${i - 1} AS s${i}`, 'COPY --from=s0 /a /b');
  assert.equal(layoutStageGraph(graphOf(small.join('\n')), { fontSize: FONT, measure }).kind, 'drawing', `20 stages are drawn (limits ${JSON.stringify(DRAWING_LIMITS)})`);
});

test('graph layout: at the side bar width stage names wrap at - _ . / : @, never inside a word', () => {
  for (const { name, graph } of fixtures.filter((f) => f.name !== 'hostile-names')) {
    const drawing = drawingOf(graph, SIDE_BAR);
    for (const node of drawing.nodes.filter((n) => n.kind === 'stage')) {
      const names = node.lines.filter((l) => l.role === 'name').map((l) => l.text);
      for (const line of names.slice(0, -1)) assert.match(line, /[-_./:@ ]$/, `${name}: ${node.id} name lines ${JSON.stringify(names)}`);
    }
  }
});
