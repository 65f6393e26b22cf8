// Hover on a stage (index, base, what an ARG-dependent base resolves to, its ARGs, who uses it,
// whether the target needs it) and on a variable (kind, value, declarations, the user's build arg).
// Every name and value from the file is an inline code span (markdown.ts); no links are made.
import { Analysis, Position, Range, Stage, VariableDeclaration, VariableUse } from '../analysis';
import { declaredOnItsOwnLine, ownDefaultOutcome, unsetOutcome } from '../analysis/rules/UndefinedVar';
import { rangeContains } from '../analysis/text';
import { inlineCode } from './markdown';
import { mentionAt, stageLabel, StageMention, VariableMention } from './mentions';

export interface HoverResult {
  /** Markdown. */
  contents: string;
  range: Range;
}

export function hover(analysis: Analysis, position: Position, buildArgs: Record<string, string> = {}): HoverResult | undefined {
  const { variable, stage } = mentionAt(analysis, position);
  if (variable) return { contents: variableHover(analysis, variable, buildArgs), range: variable.range };
  if (stage) return { contents: stage.stages.map((s) => stageHover(analysis, s, stage)).join('\n\n---\n\n'), range: stage.range };
  return undefined;
}

const line = (range: Range) => `line ${range.start.line + 1}`;

function stageName(analysis: Analysis, index: number): string {
  const stage = analysis.stages[index];
  return stage.name ? inlineCode(stage.name) : `stage ${index}`;
}

function stageHover(analysis: Analysis, index: number, mention: StageMention): string {
  const stage = analysis.stages[index];
  const parts: string[] = [`**Stage ${index}**${stage.name ? ` ${inlineCode(stage.name)}` : ' (unnamed)'}`];
  parts.push(`Base: ${baseDescription(analysis, stage)}`);
  if (mention.by === 'variable' && mention.reference) {
    parts.push(`${inlineCode(mention.reference.text)} picks this stage ${pickedBy(analysis, mention.reference.stage, index)}.`);
  }
  if (mention.by === 'index') parts.push(`Referenced by number: it breaks when stages are added or moved; prefer a name.`);
  const args = [...new Set(analysis.declarations.filter((d) => d.scope === index && d.kind === 'ARG').map((d) => d.name))];
  if (args.length) parts.push(`ARGs: ${args.map(inlineCode).join(', ')}`);
  const users = usersOf(analysis, index);
  parts.push(users.length ? `Used by: ${users.join(', ')}` : 'Used by no other stage.');
  parts.push(targetNote(analysis, index));
  return parts.join('\n\n');
}

function baseDescription(analysis: Analysis, stage: Stage): string {
  const base = stage.base;
  switch (base.kind) {
    case 'scratch':
      return '`scratch`, the empty image (no shell, no files).';
    case 'stage':
      return `stage ${base.stage} ${stageName(analysis, base.stage!)}`;
    case 'variable': {
      const candidates = base.candidates ?? [];
      const current = candidates.find((c) => c.source !== 'pattern');
      const resolved = current
        ? `${inlineCode(current.value || '(empty)')}${current.stage !== undefined ? ` (stage ${current.stage})` : ''} with ${current.source === 'buildArgs' ? 'your build args' : 'the ARG defaults'}`
        : 'nothing known';
      const others = candidates.filter((c) => c.source === 'pattern').map((c) => inlineCode(c.value));
      return `${inlineCode(base.text)}, which is ${resolved}${others.length ? `; other build args can make it ${others.join(', ')}` : ''}.`;
    }
    default:
      return `image ${inlineCode(base.text || '(missing)')}`;
  }
}

function pickedBy(analysis: Analysis, from: number, index: number): string {
  const candidate = analysis.stages[from].base.candidates?.find((c) => c.stage === index);
  return candidate?.source === 'pattern' ? 'with other build args' : 'with the current build args';
}

/** "`final` (COPY --from, line 30)" for each stage that depends on this one. */
function usersOf(analysis: Analysis, index: number): string[] {
  const byStage = new Map<number, string[]>();
  for (const edge of analysis.graph.edges) {
    if (edge.to !== index) continue;
    const how = edge.kind === 'from' ? 'FROM' : edge.kind === 'copy' ? 'COPY --from' : 'RUN --mount from';
    let list = byStage.get(edge.from);
    if (!list) byStage.set(edge.from, (list = []));
    list.push(`${how}, ${line(edge.reference.range)}`);
  }
  return [...byStage].map(([from, hows]) => `${stageName(analysis, from)} (${hows.join('; ')})`);
}

function targetNote(analysis: Analysis, index: number): string {
  const { graph } = analysis;
  if (graph.unknownTarget !== undefined) return `The target setting ${inlineCode(graph.unknownTarget)} names no stage.`;
  if (graph.target === index) return 'This is the build target.';
  const target = stageName(analysis, graph.target);
  return graph.reachable.has(index)
    ? `The target ${target} needs it.`
    : `Not built for the target ${target}: \`docker build\` skips it unless it is targeted.`;
}

function variableHover(analysis: Analysis, mention: VariableMention, buildArgs: Record<string, string>): string {
  const declarations = mention.symbol?.declarations ?? [];
  const own = mention.declaration;
  const kind = own?.kind ?? mention.use?.declarations[0]?.kind ?? 'ARG';
  const parts: string[] = [];
  const fromFlag = mention.use && fromFlagNote(analysis, mention.use);
  if (mention.use && !mention.symbol) {
    parts.push(`**Variable** ${inlineCode(mention.name)}`);
    parts.push(fromFlag ?? unresolvedNote(analysis, mention.use));
    return parts.join('\n\n');
  }
  const global = declarations.some((d) => d.scope === -1);
  parts.push(`**${kind}** ${inlineCode(mention.name)}${global ? ' (global build argument)' : ''}`);
  const nearest = own ?? mention.use?.declarations[0];
  if (nearest) parts.push(valueNote(nearest, declarations));
  if (fromFlag) parts.push(fromFlag);
  else if (mention.use?.resolution === 'globalNotRedeclared') parts.push(unresolvedNote(analysis, mention.use));
  const list = declarations.map((d) => `${d.kind} in ${scopeName(analysis, d.scope)}, ${line(d.range)}${d.value !== undefined ? ` = ${inlineCode(d.value)}` : ''}`);
  if (list.length) parts.push(`Declared:\n${list.map((l) => `- ${l}`).join('\n')}`);
  if (declarations.some((d) => d.kind === 'ARG') && Object.prototype.hasOwnProperty.call(buildArgs, mention.name)) {
    parts.push(`Build arg from \`dockerfileStages.buildArgs\`: ${inlineCode(buildArgs[mention.name])}`);
  }
  return parts.join('\n\n');
}

function valueNote(declaration: VariableDeclaration, declarations: VariableDeclaration[]): string {
  if (declaration.value !== undefined) return `${declaration.kind === 'ARG' ? 'Default' : 'Value'}: ${inlineCode(declaration.value)}`;
  const global = declarations.find((d) => d.scope === -1 && d.value !== undefined);
  if (declaration.kind === 'ARG' && global) return `Redeclared without a value: takes the global default ${inlineCode(global.value!)} or the build arg.`;
  return 'No default: empty unless passed with `--build-arg`.';
}

function unresolvedNote(analysis: Analysis, use: VariableUse): string {
  switch (use.resolution) {
    case 'predefined':
      return 'Predefined by BuildKit.';
    case 'globalNotRedeclared':
      return globalNotRedeclaredNote(analysis, use);
    case 'outOfScope':
      return 'Declared in this file, but not in scope here.';
    default:
      return `Declared nowhere in this file: it may come from the base image's environment.`;
  }
}

/** A variable in `COPY --from=` or a mount's `from=`: what FromFlagVariable says there, whatever the variable is. */
function fromFlagNote(analysis: Analysis, use: VariableUse): string | undefined {
  const reference = analysis.references.find((r) => r.kind !== 'from' && rangeContains(r.range, use.range.start));
  if (!reference) return undefined;
  const flag = reference.kind === 'copy' ? '--from' : 'from';
  return `BuildKit does not expand variables in ${inlineCode(reference.kind === 'copy' ? '--from' : 'mount from=')}, so no ARG makes this work: `
    + `define an alias stage after the global ARG (${inlineCode(`FROM ${reference.text} AS src`)}) and use ${inlineCode(`${flag}=src`)}.`;
}

// Says what UndefinedVar and GlobalArgNotRedeclared say at the same place.
function globalNotRedeclaredNote(analysis: Analysis, use: VariableUse): string {
  if (declaredOnItsOwnLine(analysis, use)) {
    return `A global ARG, but the global is not visible in ${scopeName(analysis, use.scope)}, not even in this ARG's default: ${ownDefaultOutcome(analysis, use, inlineCode)}.`;
  }
  return `A global ARG, not redeclared in ${scopeName(analysis, use.scope)}: here ${unsetOutcome(analysis, use, inlineCode)}. Add ${inlineCode(`ARG ${use.name}`)} to the stage.`;
}

function scopeName(analysis: Analysis, scope: number): string {
  return scope < 0 ? 'the global scope' : `stage ${scope}${analysis.stages[scope]?.name ? ` ${inlineCode(stageLabel(analysis, scope))}` : ''}`;
}
