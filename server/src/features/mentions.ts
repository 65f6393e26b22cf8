// Every place the file names a stage or a variable, in file order, with the symbol it belongs to.
// Built once per analysis (cached by identity), so navigation requests only look things up.
import { Analysis, Position, Range, StageReference, VariableDeclaration, VariableUse } from '../analysis';
import { comparePositions } from '../analysis/text';

export interface StageMention {
  range: Range;
  /** The stages it names: one, or every candidate of an ARG-dependent FROM. */
  stages: number[];
  role: 'declaration' | 'reference';
  /** How a reference names its stage; a declaration is 'name'. */
  by: 'name' | 'index' | 'variable';
  reference?: StageReference;
}

/** An ARG or ENV with everything that makes it one variable: scope chain, redeclarations, uses. */
export interface VariableSymbol {
  name: string;
  declarations: VariableDeclaration[];
  uses: VariableUse[];
}

export interface VariableMention {
  range: Range;
  name: string;
  role: 'declaration' | 'use';
  declaration?: VariableDeclaration;
  use?: VariableUse;
  /** Undefined for a use no declaration in the file defines (base image, predefined). */
  symbol?: VariableSymbol;
}

export interface Mentions {
  stages: StageMention[];
  /** The same mentions by the stage they name (a candidate of an ARG-dependent FROM under each). */
  byStage: StageMention[][];
  variables: VariableMention[];
  symbols: VariableSymbol[];
}

const cache = new WeakMap<Analysis, Mentions>();

export function mentionsOf(analysis: Analysis): Mentions {
  let mentions = cache.get(analysis);
  if (!mentions) cache.set(analysis, (mentions = buildMentions(analysis)));
  return mentions;
}

const byStart = (a: { range: Range }, b: { range: Range }) => comparePositions(a.range.start, b.range.start);

function buildMentions(analysis: Analysis): Mentions {
  const stages: StageMention[] = [];
  for (const stage of analysis.stages) {
    if (stage.nameRange) stages.push({ range: stage.nameRange, stages: [stage.index], role: 'declaration', by: 'name' });
  }
  for (const reference of analysis.references) {
    const mention = stageMentionOf(analysis, reference);
    if (mention) stages.push(mention);
  }
  stages.sort(byStart);
  const byStage: StageMention[][] = analysis.stages.map(() => []);
  for (const mention of stages) for (const index of mention.stages) byStage[index]?.push(mention);

  const symbols = variableSymbols(analysis);
  const symbolOf = new Map<VariableDeclaration, VariableSymbol>();
  for (const symbol of symbols) for (const d of symbol.declarations) symbolOf.set(d, symbol);
  const variables: VariableMention[] = [];
  for (const d of analysis.declarations) {
    variables.push({ range: d.range, name: d.name, role: 'declaration', declaration: d, symbol: symbolOf.get(d) });
  }
  const selfReferenced = argsByInstruction(analysis);
  for (const use of analysis.uses) {
    const declaration = use.declarations[0] ?? selfReferenced.get(instructionKey(use.instructionRange, use.name));
    const symbol = declaration ? symbolOf.get(declaration) : undefined;
    if (symbol) symbol.uses.push(use);
    variables.push({ range: use.range, name: use.name, role: 'use', use, symbol });
  }
  // Uses come nearly sorted (a nested `${A:-$B}` records B first), so this sort is close to linear.
  variables.sort(byStart);
  for (const symbol of symbols) symbol.uses.sort(byStart);
  return { stages, byStage, variables, symbols };
}

const instructionKey = (range: Range, name: string) => `${range.start.line}:${range.start.character}:${name}`;

/**
 * ARG declarations by instruction and name, for the idiom `ARG X="${X:-default}"`: the use in
 * the default names the ARG being declared (BuildKit sees it unset there), so it renames with it.
 * ENV is left out: in `ENV PATH=/x:$PATH` the use is the base image's PATH, another variable.
 */
function argsByInstruction(analysis: Analysis): Map<string, VariableDeclaration> {
  const byInstruction = new Map<string, VariableDeclaration>();
  for (const d of analysis.declarations) {
    if (d.kind === 'ARG') byInstruction.set(instructionKey(d.instructionRange, d.name), d);
  }
  return byInstruction;
}

function stageMentionOf(analysis: Analysis, reference: StageReference): StageMention | undefined {
  const target = reference.target;
  if (reference.kind === 'from' && reference.text.includes('$')) {
    const candidates = analysis.stages[reference.stage]?.base.candidates ?? [];
    const stages = [...new Set(candidates.flatMap((c) => (c.stage === undefined ? [] : [c.stage])))];
    return stages.length ? { range: reference.range, stages, role: 'reference', by: 'variable', reference } : undefined;
  }
  const by = /^[0-9]+$/.test(reference.text) ? 'index' : 'name';
  if (target.kind === 'stage') return { range: reference.range, stages: [target.stage], role: 'reference', by, reference };
  // A reference to a later stage (or itself) still names that stage: navigation and rename follow it.
  if (target.kind === 'invalid' && target.stage !== undefined) {
    return { range: reference.range, stages: [target.stage], role: 'reference', by, reference };
  }
  return undefined;
}

/**
 * Groups declarations into variables: one name in one scope, along the FROM chain (a stage
 * inherits its base stage's ARGs and ENVs), and a stage ARG with the global ARG it redeclares.
 * That already joins all the declarations any one use resolves to (resolve.ts looks along the
 * same chain), so the uses' lists, which grow with the chain, need not be read.
 */
function variableSymbols(analysis: Analysis): VariableSymbol[] {
  const declarations = analysis.declarations;
  const parent = declarations.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const indexOf = new Map<VariableDeclaration, number>();
  declarations.forEach((d, i) => indexOf.set(d, i));
  // First declaration of each name per scope; every other one joins it.
  const firstInScope = new Map<string, number>();
  const key = (scope: number, name: string) => `${scope}\u0000${name}`;
  declarations.forEach((d, i) => {
    const k = key(d.scope, d.name);
    const first = firstInScope.get(k);
    if (first === undefined) firstInScope.set(k, i);
    else union(first, i);
  });
  for (const d of declarations) {
    if (d.scope < 0 || d.kind !== 'ARG') continue;
    const global = firstInScope.get(key(-1, d.name));
    if (global !== undefined) union(indexOf.get(d)!, global);
  }
  unionAlongFromChains(analysis, (stage, name) => firstInScope.get(key(stage, name)), union);
  const byRoot = new Map<number, VariableSymbol>();
  declarations.forEach((d, i) => {
    const root = find(i);
    let symbol = byRoot.get(root);
    if (!symbol) byRoot.set(root, (symbol = { name: d.name, declarations: [], uses: [] }));
    symbol.declarations.push(d);
  });
  return [...byRoot.values()];
}

/**
 * Joins each stage's declaration with the nearest declaration of the same name in the stages it
 * is built FROM. A walk down the FROM tree with one stack per name: linear, however long the chains.
 */
function unionAlongFromChains(
  analysis: Analysis,
  declarationIn: (stage: number, name: string) => number | undefined,
  union: (a: number, b: number) => void,
): void {
  const children = analysis.stages.map((): number[] => []);
  const roots: number[] = [];
  for (const stage of analysis.stages) {
    const base = stage.base.stage;
    if (base !== undefined && base >= 0 && base < stage.index) children[base].push(stage.index);
    else roots.push(stage.index);
  }
  const namesOf = analysis.stages.map((): string[] => []);
  for (const d of analysis.declarations) {
    if (d.scope >= 0 && !namesOf[d.scope].includes(d.name)) namesOf[d.scope].push(d.name);
  }
  const visible = new Map<string, number[]>();
  // Entering a stage pushes its names, leaving pops them: `~stage` marks the leaving.
  const work: number[] = roots.reverse();
  while (work.length) {
    const item = work.pop()!;
    const stage = item >= 0 ? item : ~item;
    if (item < 0) {
      for (const name of namesOf[stage]) visible.get(name)!.pop();
      continue;
    }
    for (const name of namesOf[stage]) {
      const own = declarationIn(stage, name)!;
      let stack = visible.get(name);
      if (!stack) visible.set(name, (stack = []));
      if (stack.length) union(own, stack[stack.length - 1]);
      stack.push(own);
    }
    work.push(~stage, ...[...children[stage]].reverse());
  }
}

/** The mention under the cursor: a variable first (it may sit inside a FROM base), then a stage. */
export function mentionAt(analysis: Analysis, position: Position): { variable?: VariableMention; stage?: StageMention } {
  const mentions = mentionsOf(analysis);
  const variable = findContaining(mentions.variables, position);
  if (variable) return { variable };
  return { stage: findContaining(mentions.stages, position) };
}

/** Binary search in a list sorted by start whose ranges do not overlap. */
function findContaining<T extends { range: Range }>(list: T[], position: Position): T | undefined {
  let low = 0;
  let high = list.length - 1;
  let candidate = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (comparePositions(list[mid].range.start, position) <= 0) {
      candidate = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  // A cursor right after one name and right before the next (`$A$B` has none) can touch two.
  for (let i = candidate; i >= 0 && i >= candidate - 1; i--) {
    const { start, end } = list[i].range;
    if (comparePositions(start, position) <= 0 && comparePositions(position, end) <= 0) return list[i];
  }
  return undefined;
}

/** Every range where a stage is named: its AS name and every reference that resolves (or could resolve) to it. */
export function stageMentions(analysis: Analysis, stage: number): StageMention[] {
  return mentionsOf(analysis).byStage[stage] ?? [];
}

export function stageLabel(analysis: Analysis, index: number): string {
  return analysis.stages[index]?.name ?? `stage ${index}`;
}
