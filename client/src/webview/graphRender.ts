// Layout and SVG of the stage graph: pure functions of the server's graph and a text measure, so
// node tests check the geometry the webview draws. dagre does the layering, ordering and edge
// routing (see docs/ARCHITECTURE.md for why dagre); this file sizes boxes and writes SVG.
import type * as Dagre from '@dagrejs/dagre' with { 'resolution-mode': 'import' };
import type { StageGraphResult } from '../../../server/src/protocol';
// dagre ships as an ES module with a CommonJS build; this project compiles to CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dagre = require('@dagrejs/dagre') as typeof Dagre;

export type EdgeKind = 'from' | 'copy' | 'mount';
export type NodeKind = 'stage' | 'image' | 'scratch' | 'context' | 'dangling';

export interface Point {
  x: number;
  y: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface TextLine {
  text: string;
  role: 'name' | 'base';
}

export interface DrawnNode extends Box {
  /** `s<index>` for a stage, `x<index>` for an external, `d<index>` for a dangling reference. */
  id: string;
  kind: NodeKind;
  lines: TextLine[];
  /** The stage's index, for stages. */
  stage?: number;
  stageName?: string;
  isTarget: boolean;
  notBuilt: boolean;
  /** What a screen reader says and a hover shows. */
  description: string;
}

export interface DrawnEdge {
  id: string;
  from: string;
  to: string;
  kind: EdgeKind;
  dangling: boolean;
  /** From the used node's border to the user's border. */
  points: Point[];
  label?: Box & { text: string };
  description: string;
}

export interface GraphDrawing {
  width: number;
  height: number;
  nodes: DrawnNode[];
  edges: DrawnEdge[];
  fontSize: number;
  lineHeight: number;
}

export type GraphLayout = { kind: 'drawing'; drawing: GraphDrawing } | { kind: 'summary'; text: string };

export interface LayoutOptions {
  /** Px; text is drawn at this size, never smaller, so it reads like the editor. */
  fontSize: number;
  /** Width in px of `text` at `fontSize`; the webview measures with a canvas, tests approximate. */
  measure: (text: string, bold: boolean) => number;
  direction?: 'down' | 'right';
  showUnreachable?: boolean;
  /** Names and bases wrap at this width before they are cut. */
  maxTextWidth?: number;
  /** Leave out image and scratch nodes only used by FROM: the box's second line names them. */
  foldBaseImages?: boolean;
  /** Boxes show only the stage's name, edges no label (the base and the kind are in tooltips and the line style): the last resort of a narrow view. */
  namesOnly?: boolean;
}

/**
 * Above these the drawing is replaced by a summary: dagre's cost grows with the nodes plus one
 * dummy node per layer an edge skips (measured: a 50-stage chain each copying from stage 0, 1,225
 * skipped layers, took seconds per layout).
 */
export const DRAWING_LIMITS = { nodes: 80, edges: 160, layerSpan: 300 };
/** Graphs whose nodes plus skipped layers exceed this get one layout, the variant the view's width suggests, not several. */
const SMALL_LAYOUT = 60;

const PAD_X = 8;
const PAD_Y = 5;
const MAX_LINES = 3;

export function layoutStageGraph(graph: StageGraphResult, options: LayoutOptions): GraphLayout {
  const showUnreachable = options.showUnreachable ?? true;
  const fontSize = options.fontSize;
  const lineHeight = Math.round(fontSize * 1.35);
  const maxTextWidth = options.maxTextWidth ?? fontSize * 18;
  const stages = graph.nodes.filter((n) => showUnreachable || n.reachable);
  const shown = new Set(stages.map((n) => n.index));
  const externalEdges = (graph.externalEdges ?? []).filter((e) => shown.has(e.from) && !(options.foldBaseImages && e.kind === 'from'));
  const usedExternals = new Set(externalEdges.map((e) => e.to));
  const externals = (graph.externals ?? []).filter((x) => usedExternals.has(x.index));
  const dangling = (graph.dangling ?? []).filter((d) => shown.has(d.from));

  const summary = tooLarge(graph, stages.length + externals.length + dangling.length);
  if (summary) return { kind: 'summary', text: summary };

  const g = new dagre.graphlib.Graph({ multigraph: true });
  const tight = options.namesOnly === true;
  g.setGraph({ rankdir: options.direction === 'right' ? 'LR' : 'TB', nodesep: tight ? 10 : 14, ranksep: 30, edgesep: tight ? 5 : 8, marginx: 2, marginy: 2 });
  const nodes = new Map<string, DrawnNode>();
  const addNode = (node: Omit<DrawnNode, 'x' | 'y' | 'width' | 'height'>) => {
    const widths = node.lines.map((l) => options.measure(l.text, l.role === 'name'));
    const width = Math.ceil(Math.max(fontSize * 2, ...widths) + 2 * PAD_X);
    const height = node.lines.length * lineHeight + 2 * PAD_Y;
    const drawn = { ...node, x: 0, y: 0, width, height };
    nodes.set(node.id, drawn);
    g.setNode(node.id, { width, height });
  };
  const wrap = (text: string, bold: boolean) => wrapText(text, maxTextWidth, (t) => options.measure(t, bold));

  for (const stage of stages) {
    const name = wrap(stage.isTarget ? `★ ${stage.label}` : stage.label, true).map((text): TextLine => ({ text, role: 'name' }));
    const base = options.namesOnly ? [] : wrap(stage.base, false).map((text): TextLine => ({ text, role: 'base' }));
    const role = stage.isTarget ? 'build target' : stage.reachable ? 'built for the target' : 'not built';
    addNode({
      id: `s${stage.index}`, kind: 'stage', lines: [...name, ...base], stage: stage.index, stageName: stage.name,
      isTarget: stage.isTarget, notBuilt: !stage.reachable, description: `${stage.label}, stage from ${stage.base}, ${role}`,
    });
  }
  for (const external of externals) {
    const what = external.kind === 'context' ? 'build context' : external.kind === 'scratch' ? 'empty image' : 'image';
    addNode({
      id: `x${external.index}`, kind: external.kind, lines: wrap(external.label, false).map((text) => ({ text, role: 'base' })),
      isTarget: false, notBuilt: false, description: `${external.label}, ${what}`,
    });
  }
  for (const [i, reference] of dangling.entries()) {
    addNode({
      id: `d${i}`, kind: 'dangling', lines: wrap(reference.text, false).map((text) => ({ text, role: 'base' })),
      isTarget: false, notBuilt: false, description: `${reference.text}: ${reference.message}`,
    });
  }

  // Several references of one kind between the same two nodes are drawn as one edge.
  const edges = new Map<string, { from: string; to: string; kind: EdgeKind; count: number; dangling: boolean; description: string }>();
  const addEdge = (used: string, user: string, kind: EdgeKind, isDangling: boolean, description: string) => {
    const key = `${used}>${user}:${kind}`;
    const existing = edges.get(key);
    if (existing) existing.count++;
    else edges.set(key, { from: used, to: user, kind, count: 1, dangling: isDangling, description });
  };
  const names = new Map<string, string>([
    ...stages.map((n): [string, string] => [`s${n.index}`, n.label]),
    ...externals.map((x): [string, string] => [`x${x.index}`, x.label]),
  ]);
  const labelOf = (id: string) => names.get(id) ?? id;
  const verb = { from: 'FROM', copy: 'COPY --from', mount: 'RUN --mount from' } as const;
  for (const edge of externalEdges) addEdge(`x${edge.to}`, `s${edge.from}`, edge.kind, false, `${labelOf(`s${edge.from}`)} uses ${labelOf(`x${edge.to}`)} (${verb[edge.kind]})`);
  for (const edge of graph.edges) {
    if (shown.has(edge.from) && shown.has(edge.to)) addEdge(`s${edge.to}`, `s${edge.from}`, edge.kind, false, `${labelOf(`s${edge.from}`)} uses ${labelOf(`s${edge.to}`)} (${verb[edge.kind]})`);
  }
  for (const [i, reference] of dangling.entries()) addEdge(`d${i}`, `s${reference.from}`, reference.kind, true, reference.message);

  for (const [key, edge] of edges) {
    const text = edge.kind === 'from' || options.namesOnly ? '' : edge.count > 1 ? `${edge.kind} ×${edge.count}` : edge.kind;
    const label = text ? { width: Math.ceil(options.measure(text, false)) + 4, height: lineHeight, labelpos: 'c' } : {};
    g.setEdge(edge.from, edge.to, { ...label, text, minlen: 1 }, key);
  }

  dagre.layout(g);

  for (const id of g.nodes()) {
    const placed = g.node(id);
    const node = nodes.get(id)!;
    node.x = placed.x - node.width / 2;
    node.y = placed.y - node.height / 2;
  }
  const drawnEdges: DrawnEdge[] = [];
  for (const e of g.edges()) {
    const placed = g.edge(e) as { points: Point[]; x?: number; y?: number; width?: number; height?: number; text: string };
    const edge = edges.get(e.name!)!;
    // dagre's end points lie on the box borders; keep them exactly there so arrowheads touch the box.
    const points = placed.points.map((p) => ({ x: p.x, y: p.y }));
    points[0] = borderPoint(nodes.get(edge.from)!, points[1] ?? points[0]);
    points[points.length - 1] = borderPoint(nodes.get(edge.to)!, points[points.length - 2] ?? points[0]);
    const label = placed.text && placed.x !== undefined && placed.y !== undefined
      ? { text: placed.text, x: placed.x - placed.width! / 2, y: placed.y - placed.height! / 2, width: placed.width!, height: placed.height! }
      : undefined;
    drawnEdges.push({ id: e.name!, from: edge.from, to: edge.to, kind: edge.kind, dangling: edge.dangling, points, label, description: edge.description });
  }
  return { kind: 'drawing', drawing: normalized({ width: 0, height: 0, nodes: [...nodes.values()], edges: drawnEdges, fontSize, lineHeight }) };
}

/**
 * The narrowest of a few layouts that fits `viewWidth`: full, then with base images folded into
 * their stage's box, then with tighter wrapping. The view zooms out only if none fits.
 */
export function layoutForWidth(graph: StageGraphResult, options: LayoutOptions, viewWidth: number): GraphLayout {
  if (options.maxTextWidth !== undefined || options.foldBaseImages !== undefined || options.namesOnly !== undefined) return layoutStageGraph(graph, options);
  const wide = Math.max(options.fontSize * 8, Math.min(options.fontSize * 14, viewWidth * 0.6));
  // Narrow, but never so narrow that a stage name breaks inside a word (`obfuscate|d-code`).
  let longestWord = 0;
  for (const node of graph.nodes) {
    for (const word of node.label.split(/(?<=[-_./:@ ])/)) longestWord = Math.max(longestWord, options.measure(`★ ${word}`, true));
  }
  const narrow = Math.min(wide, Math.max(options.fontSize * 6, viewWidth * 0.3, longestWord));
  const attempts: Partial<LayoutOptions>[] = [
    { maxTextWidth: wide, foldBaseImages: false },
    { maxTextWidth: wide, foldBaseImages: true },
    { maxTextWidth: narrow, foldBaseImages: true },
    { maxTextWidth: narrow, foldBaseImages: true, namesOnly: true },
  ];
  let narrowest: GraphLayout | undefined;
  const nodeCount = graph.nodes.length + (graph.externals?.length ?? 0) + (graph.dangling?.length ?? 0);
  if (nodeCount + skippedLayers(graph) > SMALL_LAYOUT) attempts.splice(0, attempts.length, viewWidth >= 600 ? attempts[1] : attempts[3]);
  for (const attempt of attempts) {
    const layout = layoutStageGraph(graph, { ...options, ...attempt });
    if (layout.kind === 'summary' || layout.drawing.width <= viewWidth) return layout;
    if (!narrowest || (narrowest.kind === 'drawing' && layout.drawing.width < narrowest.drawing.width)) narrowest = layout;
  }
  return narrowest!;
}

/** Moves everything (edges may curve past dagre's own bounds) so the drawing starts at a small margin, and sizes it. */
function normalized(drawing: GraphDrawing): GraphDrawing {
  const margin = 4;
  const boxes: Box[] = [...drawing.nodes, ...drawing.edges.flatMap((e) => [...e.points.map((p) => ({ ...p, width: 0, height: 0 })), ...(e.label ? [e.label] : [])])];
  // A loop, not Math.min(...spread): spreading thousands of points overflows the stack.
  let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const b of boxes) {
    left = Math.min(left, b.x);
    top = Math.min(top, b.y);
    right = Math.max(right, b.x + b.width);
    bottom = Math.max(bottom, b.y + b.height);
  }
  if (!boxes.length) [left, top, right, bottom] = [0, 0, 0, 0];
  const dx = margin - left;
  const dy = margin - top;
  for (const node of drawing.nodes) {
    node.x += dx;
    node.y += dy;
  }
  for (const edge of drawing.edges) {
    for (const point of edge.points) {
      point.x += dx;
      point.y += dy;
    }
    if (edge.label) {
      edge.label.x += dx;
      edge.label.y += dy;
    }
  }
  return { ...drawing, width: Math.ceil(right - left + 2 * margin), height: Math.ceil(bottom - top + 2 * margin) };
}

function tooLarge(graph: StageGraphResult, nodeCount: number): string | undefined {
  const edgeCount = graph.edges.length + (graph.externalEdges?.length ?? 0) + (graph.dangling?.length ?? 0);
  const span = skippedLayers(graph);
  if (nodeCount <= DRAWING_LIMITS.nodes && edgeCount <= DRAWING_LIMITS.edges && span <= DRAWING_LIMITS.layerSpan) return undefined;
  const target = graph.nodes.find((n) => n.isTarget);
  const built = graph.nodes.filter((n) => n.reachable).length;
  return `${graph.nodes.length} stages and ${edgeCount} references: too large to draw here. ` +
    `${target ? `The target '${target.label}' builds ${built} of them. ` : ''}The Stages view lists them, and Copy as Mermaid exports the graph.`;
}

/** How many layers the stage edges cross in all: dagre adds a node per layer an edge crosses. */
function skippedLayers(graph: StageGraphResult): number {
  // Stages only use earlier stages, so one pass in file order gives every stage's layer.
  const dependencies = new Map<number, number[]>();
  for (const edge of graph.edges) {
    const list = dependencies.get(edge.from) ?? [];
    list.push(edge.to);
    dependencies.set(edge.from, list);
  }
  const layer = new Map<number, number>();
  for (const node of graph.nodes) {
    let depth = 0;
    for (const to of dependencies.get(node.index) ?? []) depth = Math.max(depth, (layer.get(to) ?? 0) + 1);
    layer.set(node.index, depth);
  }
  let span = 0;
  for (const edge of graph.edges) span += Math.abs((layer.get(edge.from) ?? 0) - (layer.get(edge.to) ?? 0));
  return span;
}

/** Where the segment from the box's centre towards `toward` leaves the box. */
function borderPoint(box: Box, toward: Point): Point {
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const dx = toward.x - cx;
  const dy = toward.y - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: box.y + box.height };
  const scale = Math.min(dx === 0 ? Infinity : box.width / 2 / Math.abs(dx), dy === 0 ? Infinity : box.height / 2 / Math.abs(dy));
  return { x: cx + dx * scale, y: cy + dy * scale };
}

const BREAK_STRENGTH: Record<string, number> = { '/': 3, ':': 3, '@': 3, ' ': 3, '-': 2, '_': 2, '.': 1 };

/**
 * Greedy wrap on code points, preferring to break after `/:@ `, then `-_`, then `.`; the last allowed line ends in
 * "…" when the text does not fit. Never splits a surrogate pair.
 */
export function wrapText(text: string, maxWidth: number, measure: (text: string) => number, maxLines = MAX_LINES): string[] {
  const chars = Array.from(text);
  const lines: string[] = [];
  let start = 0;
  while (start < chars.length) {
    if (lines.length === maxLines - 1) {
      lines.push(truncateToWidth(chars.slice(start).join(''), maxWidth, measure));
      return lines;
    }
    let end = start + 1;
    while (end < chars.length && measure(chars.slice(start, end + 1).join('')) <= maxWidth) end++;
    if (end < chars.length) {
      // Break after the strongest separator on the line (`python:` | `3.12-slim`, not `python:3.` | `12-slim`), the latest of equals.
      let best = -1;
      let bestStrength = 0;
      for (let at = start + 1; at <= end; at++) {
        const strength = BREAK_STRENGTH[chars[at - 1]] ?? 0;
        if (strength > 0 && strength >= bestStrength) [best, bestStrength] = [at, strength];
      }
      if (best > start + 1) end = best;
    }
    lines.push(chars.slice(start, end).join(''));
    start = end;
  }
  return lines.length ? lines : [''];
}

/** Cuts on code points, never inside a surrogate pair, and marks the cut with "…". */
export function truncateToWidth(text: string, maxWidth: number, measure: (text: string) => number): string {
  if (measure(text) <= maxWidth) return text;
  const chars = Array.from(text);
  let keep = chars.length;
  while (keep > 0 && measure(`${chars.slice(0, keep).join('')}…`) > maxWidth) keep--;
  return `${chars.slice(0, keep).join('')}…`;
}

/** Scale that fits the drawing's width into the view, never above 1 and never below `minScale`. */
export function fitScale(drawing: Pick<GraphDrawing, 'width'>, viewWidth: number, minScale: number): number {
  if (drawing.width <= 0) return 1;
  return Math.min(1, Math.max(minScale, viewWidth / drawing.width));
}

export interface RenderState {
  /** Node id drawn with the focus ring. */
  focused?: string;
  /** Stage under the editor's cursor. */
  selected?: number;
  /** Put into `data-vscode-context` so VS Code's webview context menu knows the stage. */
  uri?: string;
}

/** The drawing as an SVG element. Every text from the file is escaped; nothing is markup. */
export function renderSvg(drawing: GraphDrawing, state: RenderState = {}): string {
  const { width, height, fontSize, lineHeight } = drawing;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" class="stage-graph" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="group" aria-label="Stage graph" font-size="${fontSize}">`);
  parts.push('<defs>',
    '<marker id="arrow" class="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker>',
    '<marker id="arrow-dangling" class="arrow dangling" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker>',
    '<pattern id="hatch" class="hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6"/></pattern>',
    '</defs>');
  for (const edge of drawing.edges) {
    parts.push(`<g class="edge ${edge.kind}${edge.dangling ? ' dangling' : ''}" data-edge="${escapeXml(edge.id)}"><title>${escapeXml(edge.description)}</title>`,
      `<path d="${curvePath(edge.points)}" marker-end="url(#${edge.dangling ? 'arrow-dangling' : 'arrow'})"/></g>`);
  }
  for (const edge of drawing.edges) {
    if (!edge.label) continue;
    const { x, y, width: w, height: h, text } = edge.label;
    parts.push(`<g class="edge-label ${edge.kind}"><rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" rx="3"/>`,
      `<text x="${n(x + w / 2)}" y="${n(y + h / 2)}" dominant-baseline="central" text-anchor="middle">${escapeXml(text)}</text></g>`);
  }
  for (const node of drawing.nodes) {
    const classes = ['node', node.kind];
    if (node.isTarget) classes.push('target');
    if (node.notBuilt) classes.push('not-built');
    if (node.stage !== undefined && node.stage === state.selected) classes.push('selected');
    if (node.id === state.focused) classes.push('focused');
    const context = node.kind === 'stage'
      ? ` data-vscode-context="${escapeXml(JSON.stringify({ webviewSection: 'stage', stageName: node.stageName ?? '', stageIndex: node.stage, uri: state.uri ?? '', preventDefaultContextMenuItems: true }))}"`
      : ' data-vscode-context="{&quot;preventDefaultContextMenuItems&quot;:true}"';
    parts.push(`<g class="${classes.join(' ')}" data-id="${node.id}" role="button" tabindex="${node.id === (state.focused ?? drawing.nodes[0]?.id) ? 0 : -1}" aria-label="${escapeXml(node.description)}"${context}>`,
      `<title>${escapeXml(node.description)}</title>`);
    if (node.id === state.focused) parts.push(`<rect class="focus-ring" x="${n(node.x - 3)}" y="${n(node.y - 3)}" width="${n(node.width + 6)}" height="${n(node.height + 6)}" rx="7"/>`);
    const radius = node.kind === 'image' || node.kind === 'scratch' ? node.height / 2 : node.kind === 'context' ? 1 : 5;
    parts.push(`<rect class="box" x="${n(node.x)}" y="${n(node.y)}" width="${n(node.width)}" height="${n(node.height)}" rx="${n(Math.min(radius, 12))}"/>`);
    if (node.notBuilt) parts.push(`<rect class="hatching" x="${n(node.x)}" y="${n(node.y)}" width="${n(node.width)}" height="${n(node.height)}" rx="5" fill="url(#hatch)"/>`);
    node.lines.forEach((line, i) => {
      const y = node.y + PAD_Y + i * lineHeight + lineHeight / 2;
      parts.push(`<text class="${line.role}" x="${n(node.x + PAD_X)}" y="${n(y)}" dominant-baseline="central">${escapeXml(line.text)}</text>`);
    });
    parts.push('</g>');
  }
  parts.push('</svg>');
  return parts.join('');
}

/** A smooth path through dagre's points (the cubic B-spline d3's curveBasis draws), ending on the last point. */
export function curvePath(points: Point[]): string {
  if (points.length < 3) return points.map((p, i) => `${i ? 'L' : 'M'}${n(p.x)},${n(p.y)}`).join(' ');
  const [first, second] = points;
  const segments = [`M${n(first.x)},${n(first.y)}`, `L${n((5 * first.x + second.x) / 6)},${n((5 * first.y + second.y) / 6)}`];
  for (let i = 2; i < points.length; i++) {
    const [a, b, c] = [points[i - 2], points[i - 1], points[i]];
    segments.push(`C${n((2 * a.x + b.x) / 3)},${n((2 * a.y + b.y) / 3)} ${n((a.x + 2 * b.x) / 3)},${n((a.y + 2 * b.y) / 3)} ${n((a.x + 4 * b.x + c.x) / 6)},${n((a.y + 4 * b.y + c.y) / 6)}`);
  }
  const [a, b] = [points[points.length - 2], points[points.length - 1]];
  segments.push(`C${n((2 * a.x + b.x) / 3)},${n((2 * a.y + b.y) / 3)} ${n((a.x + 2 * b.x) / 3)},${n((a.y + 2 * b.y) / 3)} ${n(b.x)},${n(b.y)}`);
  return segments.join(' ');
}

export function escapeXml(text: string): string {
  let result = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === '&' || char === '<' || char === '>' || char === '"' || char === "'") result += `&#${code};`;
    // Control characters are not allowed in XML 1.0 text: show them as the replacement picture.
    else if (code < 0x20 || code === 0x7f) result += String.fromCodePoint(0x2400 + (code === 0x7f ? 0x21 : code));
    else result += char;
  }
  return result;
}

function n(value: number): string {
  return String(Math.round(value * 10) / 10);
}
