// An ARG nothing reads: a global one that no FROM line, global ARG default or stage redeclaration
// reads, or a stage one that no instruction expands and no RUN after it can read from its environment.
import { isAlwaysPredefined, isPlatformArg } from '../resolve';
import { comparePositions } from '../text';
import { Fix, InstructionInfo, Position, VariableDeclaration } from '../types';
import { quote, Rule, RuleContext } from './rule';
import { stageLabel } from './insights';

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const UnusedArg: Rule = {
  id: 'UnusedArg',
  buildkit: false,
  defaultSeverity: 'hint',
  description: 'An ARG that nothing reads: no FROM line or stage for a global ARG, no expansion and no later RUN for a stage ARG.',
  check(context, report) {
    const { declarations, uses, stages } = context.analysis;
    // Without a stage, NoStage says what matters.
    if (stages.length === 0) return;
    // What the uses read, worked out only if an ARG is left that no RUN can read.
    let read: Set<VariableDeclaration> | undefined;
    const isRead = (d: VariableDeclaration) => {
      if (!read) {
        read = new Set();
        for (const use of uses) for (const declaration of use.declarations) read.add(declaration);
      }
      return read.has(d);
    };
    const redeclared = new Set(declarations.filter((d) => d.kind === 'ARG' && d.scope >= 0).map((d) => d.name));
    const lastRunLine = stages.map((stage) => lastRunLineOf(stage.instructions));
    const childrenRun = childrenMayRun(context, lastRunLine);
    const commentStarts = commentStartsOf(declarations);
    let names: Map<string, number> | undefined;
    const removeFix = (d: VariableDeclaration) => removal(context, d, (names ??= namesPerInstruction(context)));
    for (const d of declarations) {
      if (d.kind !== 'ARG' || isPlatformArg(d.name) || isAlwaysPredefined(d.name)) continue;
      if (d.scope < 0 ? redeclared.has(d.name) : lastRunLine[d.scope] > d.instructionRange.end.line || childrenRun[d.scope]) continue;
      // `ARG X # comment` declares `#` and the comment's words too: nothing could expand those, nobody meant them.
      if (isRead(d) || !VARIABLE_NAME.test(d.name) || afterComment(d, commentStarts)) continue;
      if (d.scope < 0) {
        report({
          range: d.range,
          message: `Global ARG ${quote(d.name)} is read by no FROM line and redeclared in no stage, so no instruction of the build can use it.`,
          tags: ['unnecessary'],
          fixes: removeFix(d),
        });
        continue;
      }
      const stage = stages[d.scope];
      report({
        range: d.range,
        message: `ARG ${quote(d.name)} of ${stageLabel(stage)} is expanded by no instruction and no RUN follows it to read it from the environment.`,
        tags: ['unnecessary'],
        fixes: removeFix(d),
      });
    }
  },
};

// By a stage's list of instructions, which a chunk that did not change shares with the last
// analysis: the instruction, not its line, as a line added above moves it in place (model.ts).
const lastRuns = new WeakMap<readonly InstructionInfo[], InstructionInfo | null>();

/** The line of the stage's last RUN (or ONBUILD), -1 without one. */
function lastRunLineOf(instructions: readonly InstructionInfo[]): number {
  let last = lastRuns.get(instructions);
  if (last === undefined) {
    last = null;
    for (const i of instructions) if (readsEnvironment(i.keyword)) last = i;
    lastRuns.set(instructions, last);
  }
  return last ? last.range.start.line : -1;
}

// A RUN reads ARGs from its environment; an ONBUILD trigger may run one in a later build.
function readsEnvironment(keyword: string): boolean {
  return keyword === 'RUN' || keyword === 'ONBUILD';
}

/**
 * Per stage: does a stage built FROM it (directly or through a chain) have a RUN, which would see
 * the stage's ARGs? One pass from the last stage up, since a stage comes after the stages it is built FROM.
 */
function childrenMayRun(context: RuleContext, lastRunLine: readonly number[]): boolean[] {
  const { stages } = context.analysis;
  const childrenRun = stages.map(() => false);
  for (let i = stages.length - 1; i >= 0; i--) {
    const base = stages[i].base;
    const parents = base.kind === 'variable' ? (base.candidates ?? []).flatMap((c) => (c.stage !== undefined ? [c.stage] : [])) : base.stage !== undefined ? [base.stage] : [];
    for (const p of parents) {
      if (p >= i) continue;
      if (lastRunLine[i] >= 0 || childrenRun[i]) childrenRun[p] = true;
    }
  }
  return childrenRun;
}

const instructionKey = (d: VariableDeclaration) => `${d.instructionRange.start.line}:${d.instructionRange.start.character}`;

/** Per ARG instruction with a word starting `#`: where the first such word starts (a comment BuildKit reads as names). */
function commentStartsOf(declarations: readonly VariableDeclaration[]): Map<string, Position> {
  const starts = new Map<string, Position>();
  for (const d of declarations) {
    if (d.kind === 'ARG' && d.name.startsWith('#') && !starts.has(instructionKey(d))) starts.set(instructionKey(d), d.range.start);
  }
  return starts;
}

function afterComment(d: VariableDeclaration, starts: Map<string, Position>): boolean {
  const start = starts.get(instructionKey(d));
  return start !== undefined && comparePositions(start, d.range.start) <= 0;
}

/** How many names each instruction declares, by where it starts: an ARG is removed whole only for its one name. */
function namesPerInstruction(context: RuleContext): Map<string, number> {
  const counts = new Map<string, number>();
  for (const o of context.analysis.declarations) {
    const key = instructionKey(o);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Removing the whole instruction, when it declares this one name. */
function removal(context: RuleContext, d: VariableDeclaration, names: Map<string, number>): Fix[] {
  if (names.get(instructionKey(d)) !== 1) return [];
  const { index } = context;
  const startLine = d.instructionRange.start.line;
  const endLine = d.instructionRange.end.line;
  const end = endLine + 1 < index.lineCount ? { line: endLine + 1, character: 0 } : { line: endLine, character: index.lineText(endLine).length };
  return [{ title: `Remove ARG ${quote(d.name)}`, edits: [{ range: { start: { line: startLine, character: 0 }, end }, newText: '' }] }];
}
