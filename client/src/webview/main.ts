// The Stage Graph page script (bundled to dist/webview/graph.js): lays the graph out here, in the
// webview, so a large file never blocks the extension host; draws it with graphRender; pans,
// zooms, moves focus with the arrow keys, and tells the extension which stage to reveal.
import { GraphDrawing, fitScale, layoutForWidth, renderSvg } from './graphRender';
import type { FromWebview, GraphViewSettings, ToWebview } from './messages';
import type { StageGraphResult } from '../../../server/src/protocol';

declare function acquireVsCodeApi(): { postMessage(message: FromWebview): void };

const vscode = acquireVsCodeApi();
const viewport = document.getElementById('viewport')!;
const status = document.getElementById('status')!;
const canvas = document.createElement('canvas').getContext('2d')!;

let current: { graph: StageGraphResult; uri: string; settings: GraphViewSettings; generation: number } | undefined;
let drawing: GraphDrawing | undefined;
let scale = 1;
let focused: string | undefined;
let selected: number | undefined;
let laidOutWidth = 0;

function cssValue(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

/** The editor's font size is the smallest the graph's text gets. */
function fontSize(): number {
  const size = parseFloat(cssValue('--vscode-editor-font-size'));
  return Number.isFinite(size) && size >= 6 ? size : 13;
}

function measure(text: string, bold: boolean): number {
  canvas.font = `${bold ? '600 ' : ''}${fontSize()}px ${cssValue('--vscode-font-family') || 'sans-serif'}`;
  return canvas.measureText(text).width;
}

function viewWidth(): number {
  return Math.max(viewport.clientWidth - 4, 100);
}

function layoutAndDraw(): void {
  if (!current) return;
  const width = viewWidth();
  const layout = layoutForWidth(current.graph, { fontSize: fontSize(), measure, ...current.settings }, width);
  laidOutWidth = width;
  if (layout.kind === 'summary') {
    drawing = undefined;
    viewport.replaceChildren(paragraph(layout.text, 'note'));
    vscode.postMessage({ type: 'rendered', generation: current.generation, nodes: 0, svg: '', summary: layout.text });
    return;
  }
  drawing = layout.drawing;
  if (focused && !drawing.nodes.some((n) => n.id === focused)) focused = undefined;
  scale = fitScale(drawing, width, 1);
  draw();
  vscode.postMessage({ type: 'rendered', generation: current.generation, nodes: drawing.nodes.filter((n) => n.kind === 'stage').length, svg: viewport.innerHTML });
}

function draw(): void {
  if (!drawing || !current) return;
  const hadFocus = document.activeElement?.closest?.('.node') !== null && document.activeElement !== document.body;
  // renderSvg escapes every text from the file; the CSP allows no inline script or remote resource.
  viewport.innerHTML = renderSvg(drawing, { focused, selected, uri: current.uri });
  const svg = viewport.querySelector('svg')!;
  svg.setAttribute('width', String(Math.round(drawing.width * scale)));
  svg.setAttribute('height', String(Math.round(drawing.height * scale)));
  status.textContent = `${Math.round(scale * 100)}%`;
  if (hadFocus && focused) (viewport.querySelector(`[data-id="${focused}"]`) as SVGGElement | null)?.focus();
}

function paragraph(text: string, className: string): HTMLElement {
  const p = document.createElement('p');
  p.className = className;
  p.textContent = text;
  return p;
}

function zoom(action: 'in' | 'out' | 'fit'): void {
  if (!drawing) return;
  if (action === 'fit') scale = Math.min(fitScale(drawing, viewWidth(), 0.1), viewport.clientHeight > 40 ? viewport.clientHeight / drawing.height : 1, 1);
  else scale = Math.min(4, Math.max(0.1, scale * (action === 'in' ? 1.25 : 0.8)));
  draw();
}

function focusNode(id: string | undefined): void {
  if (!id) return;
  focused = id;
  draw();
  (viewport.querySelector(`[data-id="${id}"]`) as SVGGElement | null)?.focus();
}

/** The nearest node in the arrow's direction, preferring ones straight ahead. */
function neighbour(from: string, key: string): string | undefined {
  const nodes = drawing?.nodes ?? [];
  const origin = nodes.find((n) => n.id === from);
  if (!origin) return nodes[0]?.id;
  const center = (n: { x: number; y: number; width: number; height: number }) => ({ x: n.x + n.width / 2, y: n.y + n.height / 2 });
  const o = center(origin);
  const [dx, dy] = ({ ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] } as Record<string, number[]>)[key];
  let best: { id: string; cost: number } | undefined;
  for (const node of nodes) {
    if (node.id === from) continue;
    const c = center(node);
    const along = (c.x - o.x) * dx + (c.y - o.y) * dy;
    if (along <= 1) continue;
    const across = Math.abs((c.x - o.x) * dy) + Math.abs((c.y - o.y) * dx);
    const cost = along + 2 * across;
    if (!best || cost < best.cost) best = { id: node.id, cost };
  }
  return best?.id;
}

function reveal(id: string | undefined): void {
  const node = drawing?.nodes.find((n) => n.id === id);
  if (node?.stage !== undefined) vscode.postMessage({ type: 'reveal', index: node.stage });
}

viewport.addEventListener('click', (event) => {
  const id = (event.target as Element).closest('.node')?.getAttribute('data-id') ?? undefined;
  if (!id) return;
  focused = id;
  reveal(id);
  draw();
});

viewport.addEventListener('keydown', (event) => {
  const id = (event.target as Element).closest?.('.node')?.getAttribute('data-id') ?? focused ?? drawing?.nodes[0]?.id;
  if (!id) return;
  if (event.key.startsWith('Arrow')) {
    event.preventDefault();
    focusNode(neighbour(id, event.key) ?? id);
  } else if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    reveal(id);
  } else if (event.key === 'Home' || event.key === 'End') {
    event.preventDefault();
    const nodes = drawing?.nodes ?? [];
    focusNode(event.key === 'Home' ? nodes[0]?.id : nodes[nodes.length - 1]?.id);
  }
});

viewport.addEventListener('focusin', (event) => {
  const id = (event.target as Element).closest?.('.node')?.getAttribute('data-id');
  if (id && id !== focused) focused = id;
});

// Ctrl/Cmd + wheel zooms (as in the editor); a plain wheel scrolls.
viewport.addEventListener('wheel', (event) => {
  if (!event.ctrlKey && !event.metaKey) return;
  event.preventDefault();
  zoom(event.deltaY < 0 ? 'in' : 'out');
}, { passive: false });

// Drag on the background pans.
let drag: { x: number; y: number; left: number; top: number } | undefined;
viewport.addEventListener('pointerdown', (event) => {
  if ((event.target as Element).closest('.node') || event.button !== 0) return;
  drag = { x: event.clientX, y: event.clientY, left: viewport.scrollLeft, top: viewport.scrollTop };
});
window.addEventListener('pointermove', (event) => {
  if (!drag) return;
  viewport.scrollLeft = drag.left - (event.clientX - drag.x);
  viewport.scrollTop = drag.top - (event.clientY - drag.y);
});
window.addEventListener('pointerup', () => (drag = undefined));

for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('button[data-zoom]'))) {
  button.addEventListener('click', () => zoom(button.dataset.zoom as 'in' | 'out' | 'fit'));
}

// A wider or narrower view can change which layout fits; the layout is cheap below the size limits.
new ResizeObserver(() => {
  if (current && Math.abs(viewWidth() - laidOutWidth) > 8) layoutAndDraw();
}).observe(viewport);

/** The drawn SVG with the theme's colours written in, so the file looks the same outside VS Code. */
function standaloneSvg(): string {
  const svg = viewport.querySelector('svg');
  if (!svg || !drawing) return '';
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('width', String(drawing.width));
  clone.setAttribute('height', String(drawing.height));
  const rules: string[] = [];
  for (const sheet of Array.from(document.styleSheets)) {
    for (const rule of Array.from(sheet.cssRules)) if (rule.cssText.includes('.stage-graph')) rules.push(rule.cssText);
  }
  // Innermost var() first, so nested fallbacks resolve over a few passes.
  let resolved = rules.join('\n');
  for (let pass = 0; pass < 5 && resolved.includes('var(--'); pass++) {
    resolved = resolved.replace(/var\((--[\w-]+)(?:,\s*((?:[^()]|\([^()]*\))*))?\)/g, (_, name: string, fallback?: string) => cssValue(name) || fallback?.trim() || 'currentColor');
  }
  const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
  style.textContent = `.stage-graph { background: ${cssValue('--vscode-editor-background') || 'white'}; font-family: ${cssValue('--vscode-font-family') || 'sans-serif'}; }\n${resolved}`;
  clone.insertBefore(style, clone.firstChild);
  return new XMLSerializer().serializeToString(clone);
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  switch (message?.type) {
    case 'state':
      if (message.content.kind === 'note') {
        current = undefined;
        drawing = undefined;
        viewport.replaceChildren(paragraph(message.content.text, 'note'));
        vscode.postMessage({ type: 'rendered', generation: message.generation, nodes: 0, svg: '' });
      } else {
        // Another file: its stages are not the ones focused or selected before.
        if (current?.uri !== message.content.uri) [focused, selected] = [undefined, undefined];
        current = { graph: message.content.graph, uri: message.content.uri, settings: message.settings, generation: message.generation };
        layoutAndDraw();
      }
      break;
    case 'select':
      if (selected !== message.index) {
        selected = message.index;
        draw();
      }
      break;
    case 'zoom':
      zoom(message.action);
      break;
    case 'exportSvg':
      vscode.postMessage({ type: 'svg', text: standaloneSvg() });
      break;
  }
});

vscode.postMessage({ type: 'ready' });
