// Code actions: the fixes the rules built with their findings (a lookup), what can be derived
// from a finding (fix all of a rule, disable a BuildKit rule), and the stage refactorings,
// computed from the cached analysis. Plain data: convert.ts makes LSP code actions of them.
import { analyze, Analysis, AnalysisOptions, Finding, Fix, Range, RULES_BY_ID, TextEdit, TRANSIENT } from '../analysis';
import { parseDirectives } from '../analysis/directives';
import { PARSE_TIME_RULES } from '../analysis/suppressions';
import { lineBreakOf } from '../analysis/rules/stageEdits';
import { stageRefactorings } from './stageRefactorings';
import { extractBuilderFixes } from './extractStage';
import { useStageNames } from './stageNames';
import { namingFixes } from './namingFixes';
import { applyTextEdits, automaticFix } from './automaticFix';
import { moveStageFixes } from './moveStage';

export type ActionKind = 'quickfix' | 'source.fixAll.dockerfileStages' | 'refactor.extract' | 'refactor.inline' | 'refactor.rewrite' | 'source.useStageNames';

export interface PlannedAction {
  title: string;
  kind: ActionKind;
  edits: TextEdit[];
  preferred?: boolean;
  /** Indexes into the request's diagnostics that the action fixes. */
  diagnostics?: number[];
  /** A client command to run after (or instead of) the edits; the server adds the document's uri. */
  command?: Fix['command'];
  /** A fix-all whose edits are computed when the action is chosen (`codeAction/resolve`): `edits` is empty. */
  deferred?: FixAllRequest;
}

/** What a deferred fix-all needs to compute its edits again. */
export interface FixAllRequest {
  /** The rule, or undefined for every rule. */
  rule?: string;
}

export interface CodeActionRequest {
  range: Range;
  diagnostics: { range: Range; code?: string | number }[];
  /** The kinds the client asked for; all when undefined. */
  only?: string[];
  /** The client resolves actions: fix-all edits wait until one is chosen (each costs a re-analysis per fix). */
  deferFixAll?: boolean;
}

/** Fix-all re-analyses after each fix, while the editor waits: bounded in steps and in file size. */
const FIX_ALL_STEPS = 100;
const FIX_ALL_MAX_TEXT = 64 * 1024;

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character
    && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** The findings behind the diagnostics a client sends back: their fixes were built with them. */
export function findingsFor(analysis: Analysis, diagnostics: { range: Range; code?: string | number }[]): { finding: Finding; index: number }[] {
  const result: { finding: Finding; index: number }[] = [];
  diagnostics.forEach((diagnostic, index) => {
    const finding = analysis.findings.find((f) => f.rule === diagnostic.code && sameRange(f.range, diagnostic.range));
    if (finding) result.push({ finding, index });
  });
  return result;
}

export function codeActions(analysis: Analysis, options: AnalysisOptions, request: CodeActionRequest): PlannedAction[] {
  const wants = (kind: string) => !request.only || request.only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const actions: PlannedAction[] = [];
  const matched = findingsFor(analysis, request.diagnostics);
  if (wants('quickfix')) {
    const fixAllOffered = new Set<string>();
    for (const { finding, index } of matched) {
      for (const fix of [...finding.fixes, ...namingFixes(analysis, finding), ...moveStageFixes(analysis, options, finding), ...extractBuilderFixes(analysis, finding)]) {
        actions.push({ title: fix.title, kind: 'quickfix', edits: fix.edits, command: fix.command, preferred: fix.preferred, diagnostics: [index] });
      }
      if (!fixAllOffered.has(finding.rule)) {
        fixAllOffered.add(finding.rule);
        const all = fixAll(analysis, options, request, finding.rule);
        if (all) actions.push({ title: `Fix all ${finding.rule} in file`, kind: 'quickfix', diagnostics: [index], ...all });
      }
      actions.push(...disableActions(analysis, finding, index));
    }
  }
  if (wants('source.fixAll.dockerfileStages') && request.only) {
    const all = fixAll(analysis, options, request);
    if (all) actions.push({ title: 'Fix all Dockerfile Stages problems', kind: 'source.fixAll.dockerfileStages', ...all });
  }
  if (wants('source.useStageNames') && request.only) {
    const names = useStageNames(analysis);
    if (names) actions.push(names);
  }
  for (const action of stageRefactorings(analysis, options, request.range)) {
    if (wants(action.kind)) actions.push(action);
  }
  return actions;
}

function fixAll(analysis: Analysis, options: AnalysisOptions, request: CodeActionRequest, rule?: string): { edits: TextEdit[]; deferred?: FixAllRequest } | undefined {
  if (!request.deferFixAll) {
    const edits = fixAllOf(analysis, options, rule);
    return edits && { edits };
  }
  return fixableFindings(analysis, rule).length >= 2 && analysis.text.length <= FIX_ALL_MAX_TEXT ? { edits: [], deferred: { rule } } : undefined;
}

/** The findings fix-all would fix, with the fix: the rules' own, or a stage rename (a move re-analyses to decide, too dear per step). */
function fixableFindings(analysis: Analysis, rule?: string): { finding: Finding; fix: Fix }[] {
  const result: { finding: Finding; fix: Fix }[] = [];
  for (const finding of analysis.findings) {
    if (rule !== undefined && finding.rule !== rule) continue;
    const fix = automaticFix(finding) ?? namingFixes(analysis, finding)[0];
    if (fix) result.push({ finding, fix });
  }
  return result;
}

/**
 * Every automatic fix of `rule` (of every rule when undefined), as one edit. Fixes of one finding
 * were built for the text they saw, so they are applied one at a time, re-analysing in between;
 * a step that does not lower the rule's count or adds an error or warning is dropped, and ends it.
 * Offered only when more than one finding of the rule would be fixed.
 */
export function fixAllOf(analysis: Analysis, options: AnalysisOptions, rule?: string): TextEdit[] | undefined {
  if (analysis.text.length > FIX_ALL_MAX_TEXT || fixableFindings(analysis, rule).length < 2) return undefined;
  // The cached analysis may have been made with more (dockerignore); compare like with like.
  let current = analyze(analysis.text, options, undefined, TRANSIENT);
  let fixed = 0;
  for (let step = 0; step < FIX_ALL_STEPS; step++) {
    const fixable = fixableFindings(current, rule);
    if (!fixable.length) break;
    const after = analyze(applyTextEdits(current.text, current, fixable[0].fix.edits), options, undefined, TRANSIENT);
    if (fixableFindings(after, rule).length >= fixable.length || problemCount(after) > problemCount(current)) break;
    current = after;
    fixed++;
  }
  if (fixed < 2) return undefined;
  return [wholeChange(analysis, current.text)];
}

function problemCount(analysis: Analysis): number {
  return analysis.findings.filter((f) => f.severity === 'error' || f.severity === 'warning').length;
}

/** One edit from `analysis.text` to `text`: the span between their common prefix and suffix. */
function wholeChange(analysis: Analysis, text: string): TextEdit {
  const old = analysis.text;
  let start = 0;
  while (start < old.length && start < text.length && old[start] === text[start]) start++;
  let end = 0;
  while (end < old.length - start && end < text.length - start && old[old.length - 1 - end] === text[text.length - 1 - end]) end++;
  return { range: analysis.lines.rangeAt(start, old.length - end), newText: text.slice(start, text.length - end) };
}

/** "Disable X for this file" (`# check=skip=`) and "for this line" (the comment above, as BuildKit honours it). */
function disableActions(analysis: Analysis, finding: Finding, index: number): PlannedAction[] {
  if (!RULES_BY_ID.get(finding.rule)?.buildkit) return [];
  const eol = lineBreakOf(analysis.text);
  const actions: PlannedAction[] = [];
  const directives = parseDirectives(analysis.lines);
  const check = directives.lines.find((d) => d.name === 'check');
  const fileEdit: TextEdit = check
    ? { range: check.valueRange, newText: mergedSkip(check.value, finding.rule) }
    : { range: directives.lines.length ? atLine(directives.lines[directives.lines.length - 1].range.start.line + 1) : afterByteOrderMark(analysis), newText: `# check=skip=${finding.rule}${eol}` };
  actions.push({ title: `Disable ${finding.rule} for this file`, kind: 'quickfix', edits: [fileEdit], diagnostics: [index] });

  const instruction = analysis.instructions.filter((i) => i.range.start.line <= finding.range.start.line).pop();
  const directivesEnd = directives.lines.reduce((end, d) => Math.max(end, d.range.start.line + 1), 0);
  if (PARSE_TIME_RULES.has(finding.rule) || !instruction || instruction.range.end.line < finding.range.start.line) return actions;
  const previous = analysis.instructions[analysis.instructions.indexOf(instruction) - 1];
  const blockStart = previous ? previous.range.end.line + 1 : directivesEnd;
  // Above the file's first instruction, a check comment right after the directives would be one.
  if (!previous && instruction.range.start.line === directivesEnd) return actions;
  for (let line = blockStart; line < instruction.range.start.line; line++) {
    const text = analysis.lines.lineText(line);
    const match = /^#\s*check=/.exec(text);
    if (!match) continue;
    // Only the first check comment of the block counts: merge into it.
    const value = text.slice(match[0].length);
    const edit = { range: { start: { line, character: match[0].length }, end: { line, character: text.length } }, newText: mergedSkip(value, finding.rule) };
    actions.push({ title: `Disable ${finding.rule} for this line`, kind: 'quickfix', edits: [edit], diagnostics: [index] });
    return actions;
  }
  const indent = /^[ \t]*/.exec(analysis.lines.lineText(instruction.range.start.line))![0];
  actions.push({
    title: `Disable ${finding.rule} for this line`,
    kind: 'quickfix',
    edits: [{ range: atLine(instruction.range.start.line), newText: `${indent}# check=skip=${finding.rule}${eol}` }],
    diagnostics: [index],
  });
  return actions;
}

/** The very start of the file, after a byte-order mark: a directive goes there. */
function afterByteOrderMark(analysis: Analysis): Range {
  const at = analysis.text.startsWith('\uFEFF') ? 1 : 0;
  return { start: { line: 0, character: at }, end: { line: 0, character: at } };
}

function atLine(line: number): Range {
  return { start: { line, character: 0 }, end: { line, character: 0 } };
}

/** A check directive's value with `rule` added to its skip list, the other settings kept. */
export function mergedSkip(value: string, rule: string): string {
  const parts = value.split(';').map((p) => p.trim()).filter(Boolean);
  const skip = parts.findIndex((p) => p.slice(0, p.indexOf('=')).trim().toLowerCase() === 'skip');
  if (skip < 0) return [...parts, `skip=${rule}`].join(';');
  const eq = parts[skip].indexOf('=');
  const names = parts[skip].slice(eq + 1).split(',').map((n) => n.trim()).filter(Boolean);
  if (!names.some((n) => n.toLowerCase() === rule.toLowerCase() || n.toLowerCase() === 'all')) names.push(rule);
  parts[skip] = `skip=${names.join(',')}`;
  return parts.join(';');
}
