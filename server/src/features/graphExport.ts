// The stage graph as text: Mermaid, Graphviz DOT or JSON. One renderer for the editor's
// "Copy as Mermaid/DOT" and the CLI's `graph` command, so both print the same thing.
// Arrows point from what a stage uses (a stage, an image, scratch) to the stage that uses it.
import { StageGraphResult } from '../protocol';

export type StageGraphFormat = 'mermaid' | 'dot' | 'json';

export function renderStageGraph(graph: StageGraphResult, format: StageGraphFormat): string {
  switch (format) {
    case 'mermaid': return renderMermaid(graph);
    case 'dot': return renderDot(graph);
    case 'json': return `${JSON.stringify(graph, null, 2)}\n`;
  }
}

const EDGE_LABEL = { from: '', copy: 'copy', mount: 'mount' } as const;

function renderMermaid(graph: StageGraphResult): string {
  const lines = ['flowchart TB'];
  const links: string[] = [];
  const linkStyles: string[] = [];
  const link = (from: string, to: string, kind: 'from' | 'copy' | 'mount', dangling = false) => {
    const arrow = kind === 'from' ? (dangling ? '--x' : '-->') : (dangling ? '-.-x' : '-.->');
    const label = EDGE_LABEL[kind] ? `|${EDGE_LABEL[kind]}|` : '';
    const style = [kind === 'copy' ? 'stroke-dasharray:6 4' : kind === 'mount' ? 'stroke-dasharray:2 3' : '', dangling ? 'stroke:#d13438' : ''].filter(Boolean);
    if (style.length) linkStyles.push(`  linkStyle ${links.length} ${style.join(',')}`);
    links.push(`  ${from} ${arrow}${label} ${to}`);
  };
  for (const node of graph.nodes) {
    const text = [node.isTarget ? `★ ${node.label}` : node.label, node.base].map(mermaidText).join('<br/>');
    lines.push(`  s${node.index}["${text}"]`);
  }
  for (const external of graph.externals ?? []) {
    const text = mermaidText(external.label);
    // Distinct shapes: a stadium for an image, a circle for scratch, a cylinder for a build context.
    lines.push(external.kind === 'image' ? `  x${external.index}(["${text}"])` : external.kind === 'scratch' ? `  x${external.index}(("${text}"))` : `  x${external.index}[("${text}")]`);
  }
  for (const [i, dangling] of (graph.dangling ?? []).entries()) lines.push(`  d${i}["${mermaidText(dangling.text)}"]`);
  for (const edge of graph.externalEdges ?? []) link(`x${edge.to}`, `s${edge.from}`, edge.kind);
  for (const edge of graph.edges) link(`s${edge.to}`, `s${edge.from}`, edge.kind);
  for (const [i, dangling] of (graph.dangling ?? []).entries()) link(`d${i}`, `s${dangling.from}`, dangling.kind, true);
  lines.push(...links, ...linkStyles);
  lines.push('  classDef target stroke-width:3px');
  lines.push('  classDef notBuilt stroke-dasharray:4 3,color:#767676');
  lines.push('  classDef external stroke-dasharray:1 2');
  lines.push('  classDef dangling stroke:#d13438,color:#d13438');
  const target = graph.nodes.filter((n) => n.isTarget).map((n) => `s${n.index}`);
  const notBuilt = graph.nodes.filter((n) => !n.reachable).map((n) => `s${n.index}`);
  const externals = (graph.externals ?? []).map((x) => `x${x.index}`);
  const dangling = (graph.dangling ?? []).map((_, i) => `d${i}`);
  for (const [name, ids] of [['target', target], ['notBuilt', notBuilt], ['external', externals], ['dangling', dangling]] as const) {
    if (ids.length) lines.push(`  class ${ids.join(',')} ${name}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Mermaid reads `#code;` as a character: every character but a few plain ones goes that way, so no name can end the label or inject syntax. */
function mermaidText(text: string): string {
  let result = '';
  for (const char of text) result += /^[A-Za-z0-9 ._:/@+=,-]$/.test(char) ? char : `#${char.codePointAt(0)};`;
  return result;
}

function renderDot(graph: StageGraphResult): string {
  const lines = ['digraph stages {', '  rankdir=TB;', '  node [shape=box, fontname="sans-serif"];', '  edge [fontname="sans-serif", fontsize=10];'];
  for (const node of graph.nodes) {
    const attributes = [`label="${dotText(node.isTarget ? `★ ${node.label}` : node.label)}\\n${dotText(node.base)}"`];
    if (node.isTarget) attributes.push('penwidth=3');
    if (!node.reachable) attributes.push('style=dashed', 'fontcolor="#767676"');
    lines.push(`  s${node.index} [${attributes.join(', ')}];`);
  }
  for (const external of graph.externals ?? []) {
    const shape = external.kind === 'image' ? 'ellipse' : external.kind === 'scratch' ? 'circle' : 'cylinder';
    lines.push(`  x${external.index} [label="${dotText(external.label)}", shape=${shape}, style=dotted, fontsize=10];`);
  }
  for (const [i, dangling] of (graph.dangling ?? []).entries()) {
    lines.push(`  d${i} [label="${dotText(dangling.text)}", shape=plaintext, fontcolor="#d13438"];`);
  }
  const style = { from: 'solid', copy: 'dashed', mount: 'dotted' } as const;
  const edge = (from: string, to: string, kind: 'from' | 'copy' | 'mount', extra: string[] = []) => {
    const attributes = [`style=${style[kind]}`, ...(EDGE_LABEL[kind] ? [`label="${EDGE_LABEL[kind]}"`] : []), ...extra];
    lines.push(`  ${from} -> ${to} [${attributes.join(', ')}];`);
  };
  for (const e of graph.externalEdges ?? []) edge(`x${e.to}`, `s${e.from}`, e.kind);
  for (const e of graph.edges) edge(`s${e.to}`, `s${e.from}`, e.kind);
  for (const [i, d] of (graph.dangling ?? []).entries()) edge(`d${i}`, `s${d.from}`, d.kind, ['color="#d13438"', `tooltip="${dotText(d.message)}"`]);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** A DOT quoted string: backslash and quote escaped; `&` and control characters as entities, which Graphviz decodes. */
function dotText(text: string): string {
  let result = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === '\\' || char === '"') result += `\\${char}`;
    else if (char === '&') result += '&amp;';
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) result += `&#${code};`;
    else result += char;
  }
  return result;
}
