// One file, one verdict, one analysis: the differences per aspect. BuildKit's lines are 1-based,
// ours 0-based; everything below speaks BuildKit's 1-based lines.
import type { Analysis, Finding, ReferenceTarget, Stage } from '../../server/src/analysis';
import type { Job } from './inputs';
import type { OracleReference, OracleStage, Resolution, Verdict } from './oracle';

export type Side = 'buildkit-only' | 'ours-only' | 'mismatch';

export interface Difference {
  aspect: string;
  side: Side;
  line?: number;
  /** What BuildKit says and what we say, in one line. */
  detail: string;
  /** Named conditions a known difference can require (`when` in known-differences.json). */
  facts: string[];
}

export interface Check {
  aspect: string;
  differences: Difference[];
}

export interface RuleTally {
  buildkit: number;
  ours: number;
  matched: number;
  /** Our hits BuildKit could not confirm because its run stopped at an error. */
  unverified: number;
}

/** BuildKit's lint rules (linter/ruleset.go of the pinned release). */
export const BUILDKIT_RULES = [
  'StageNameCasing', 'FromAsCasing', 'NoEmptyContinuation', 'ConsistentInstructionCasing', 'DuplicateStageName',
  'ReservedStageName', 'JSONArgsRecommended', 'MaintainerDeprecated', 'UndefinedArgInFrom', 'WorkdirRelativePath',
  'UndefinedVar', 'MultipleInstructionsDisallowed', 'LegacyKeyValueFormat', 'InvalidBaseImagePlatform',
  'RedundantTargetPlatform', 'SecretsUsedInArgOrEnv', 'InvalidDefaultArgInFrom', 'FromPlatformFlagConstDisallowed',
  'CopyIgnoredFile', 'InvalidDefinitionDescription', 'ExposeProtoCasing', 'ExposeInvalidFormat',
];

// Each kind of error BuildKit stops with, and the rules of ours that announce it.
const ERROR_KINDS: Array<{ kind: string; pattern: RegExp; rules: string[]; anyLine?: boolean }> = [
  { kind: 'stage order', pattern: /circular dependency detected|needs to be defined before/, rules: ['InvalidStageReference'] },
  { kind: 'stage index', pattern: /invalid stage index/, rules: ['InvalidStageReference'] },
  { kind: '--from variable', pattern: /variable expansion is not supported for --from|doesn't support variable expansion/, rules: ['FromFlagVariable'] },
  { kind: 'FROM arguments', pattern: /FROM requires either one or three arguments/, rules: ['MalformedFrom'] },
  { kind: 'stage name', pattern: /invalid name for build stage/, rules: ['InvalidStageName'] },
  { kind: 'empty base', pattern: /base name \(.*\) should not be blank/, rules: ['InvalidDefaultArgInFrom', 'UndefinedArgInFrom'] },
  // An unknown --from that is no valid image name (`--from=Wheel`) stops BuildKit rather than pulling.
  { kind: 'invalid image name', pattern: /failed to parse stage name/, rules: ['InvalidDefaultArgInFrom', 'StageReferenceCasing', 'UnknownStage'] },
  { kind: 'instruction before FROM', pattern: /no build stage in current context/, rules: ['InstructionBeforeFrom'] },
  { kind: 'no stage', pattern: /dockerfile contains no stages to build/, rules: ['NoStage'] },
  // BuildKit points at the first directive, we at the repeated one.
  { kind: 'duplicate directive', pattern: /only one \w+ parser directive can be used/, rules: ['DuplicateDirective'], anyLine: true },
  { kind: 'unknown instruction', pattern: /unknown instruction/, rules: ['UnknownInstruction'] },
  { kind: 'key=value syntax', pattern: /Syntax error - can't find = in|(ENV|LABEL) must have two arguments/, rules: ['MalformedKeyValue'] },
  { kind: 'unterminated heredoc', pattern: /unterminated heredoc/, rules: ['UnterminatedHeredoc'] },
  { kind: 'unknown flag', pattern: /unknown flag: /, rules: ['UnknownFlag'] },
  { kind: 'arguments', pattern: /requires at least (one|two) argument|requires exactly one argument|requires the arguments to be in JSON form|NONE takes no arguments/, rules: ['InstructionArguments'] },
  { kind: 'lint violation', pattern: /lint violation found for rules/, rules: [] },
  { kind: 'other', pattern: /^/, rules: [] },
];

/** Rules whose findings say BuildKit stops; one with no BuildKit error to match is a false alarm. */
export const STOP_RULES = new Set([
  'InvalidStageReference', 'FromFlagVariable', 'MalformedFrom', 'InvalidStageName', 'StageReferenceCasing',
  'InstructionBeforeFrom', 'NoStage', 'DuplicateDirective', 'UnknownInstruction', 'MalformedKeyValue', 'UnterminatedHeredoc', 'UnknownFlag', 'InstructionArguments',
]);

/** BuildKit's 1-based line of one of our ranges. */
const line0 = (r: { start: { line: number } }) => r.start.line + 1;
const lineOf = (f: Finding) => line0(f.range);

function stageLabel(stages: OracleStage[], index: number): string {
  const name = stages[index]?.name;
  return name ? `${index} (${name})` : `${index}`;
}

// ---- stages ------------------------------------------------------------------------------------

function compareStages(verdict: Verdict, analysis: Analysis): Difference[] {
  const out: Difference[] = [];
  const theirs = verdict.stages;
  const ours = analysis.stages;
  for (let i = 0; i < Math.max(theirs.length, ours.length); i++) {
    const t = theirs[i];
    const o = ours[i];
    if (!o) out.push({ aspect: 'stages', side: 'buildkit-only', line: t.line, detail: `stage ${i} FROM ${t.baseName}: we have no stage ${i}`, facts: [] });
    else if (!t) out.push({ aspect: 'stages', side: 'ours-only', line: line0(o.fromRange), detail: `we have stage ${i} FROM ${o.base.text}, BuildKit has ${theirs.length} stages`, facts: [] });
    else {
      if ((t.name ?? '') !== (o.key ?? '')) {
        out.push({ aspect: 'stages', side: 'mismatch', line: t.line, detail: `stage ${i} name: BuildKit "${t.name ?? ''}", ours "${o.key ?? ''}"`, facts: [] });
      }
      if (t.baseName !== o.base.text) {
        out.push({ aspect: 'stages', side: 'mismatch', line: t.line, detail: `stage ${i} base: BuildKit "${t.baseName}", ours "${o.base.text}"`, facts: [] });
      }
      if (t.line !== line0(o.fromRange)) {
        out.push({ aspect: 'stages', side: 'mismatch', line: t.line, detail: `stage ${i} FROM line: BuildKit ${t.line}, ours ${line0(o.fromRange)}`, facts: [] });
      }
    }
  }
  return out;
}

// ---- bases -------------------------------------------------------------------------------------

/** stage:N, scratch, or pull (BuildKit asks the registry, and fails if the name is invalid). */
function theirBaseClass(r: Resolution): string | undefined {
  switch (r.kind) {
    case 'stage': return `stage:${r.index}`;
    case 'scratch': return 'scratch';
    case 'image':
    case 'invalidReference': return 'pull';
    default: return undefined;
  }
}

function ourBaseClass(stage: Stage, job: Job): { cls: string; value?: string } | undefined {
  const base = stage.base;
  switch (base.kind) {
    case 'stage': return { cls: `stage:${base.stage}` };
    case 'scratch': return { cls: 'scratch' };
    case 'image': return { cls: 'pull' };
    case 'variable': {
      const wanted = job.buildArgs ? ['buildArgs', 'default'] : ['default'];
      const current = base.candidates?.find((c) => wanted.includes(c.source));
      if (!current) return undefined;
      const cls = current.stage !== undefined ? `stage:${current.stage}` : current.value === 'scratch' ? 'scratch' : 'pull';
      return { cls, value: current.value };
    }
  }
}

function compareBases(verdict: Verdict, analysis: Analysis, job: Job): Difference[] {
  const out: Difference[] = [];
  for (const t of verdict.stages) {
    const o = analysis.stages[t.index];
    const theirs = theirBaseClass(t.base);
    if (!o || !theirs) continue;
    const ours = ourBaseClass(o, job);
    const where = `stage ${stageLabel(verdict.stages, t.index)} FROM ${t.baseName}`;
    if (!ours) {
      out.push({ aspect: 'bases', side: 'buildkit-only', line: t.line, detail: `${where}: BuildKit reads ${t.expandedBase} (${theirs}), we give no value`, facts: [] });
      continue;
    }
    if (ours.value !== undefined && ours.value !== t.expandedBase) {
      out.push({ aspect: 'bases', side: 'mismatch', line: t.line, detail: `${where}: BuildKit expands it to "${t.expandedBase}", we to "${ours.value}"`, facts: [] });
    } else if (ours.cls !== theirs) {
      out.push({ aspect: 'bases', side: 'mismatch', line: t.line, detail: `${where}: BuildKit ${theirs}, ours ${ours.cls}`, facts: [] });
    }
  }
  return out;
}

// ---- references --------------------------------------------------------------------------------

function theirRefClass(r: OracleReference): string {
  const res = r.resolution;
  switch (res.kind) {
    case 'stage': return res.index! < r.stage ? `stage:${res.index}` : res.index === r.stage ? `self:${res.index}` : `later:${res.index}`;
    case 'image':
    case 'invalidReference': return res.viaIndex ? 'pull-via-index' : 'pull';
    case 'scratch': return res.viaIndex ? 'scratch-via-index' : 'scratch';
    case 'invalidIndex': return 'invalid-index';
    default: return res.kind;
  }
}

function ourRefClass(target: ReferenceTarget, stage: number): string {
  switch (target.kind) {
    case 'stage': return `stage:${target.stage}`;
    case 'image':
    case 'unknown': return 'pull';
    case 'variable':
    case 'scratch': return target.kind;
    case 'invalid':
      switch (target.reason) {
        case 'self': return `self:${target.stage ?? stage}`;
        case 'later': return `later:${target.stage}`;
        case 'index-out-of-range': return 'invalid-index';
        case 'index-not-earlier': return target.stage === stage ? `self:${stage}` : `later:${target.stage}`;
      }
  }
}

const CLASS_WORDS: Record<string, string> = {
  pull: 'an image BuildKit pulls',
  'pull-via-index': 'an image, reached by index past the stages',
  'scratch-via-index': 'scratch, reached by index past the stages',
  variable: 'a variable (refused)',
  'invalid-index': 'an invalid stage index',
  scratch: 'scratch',
};
function describeClass(cls: string): string {
  const [kind, n] = cls.split(':');
  if (kind === 'stage') return `stage ${n}`;
  if (kind === 'self') return `its own stage ${n}`;
  if (kind === 'later') return `later stage ${n}`;
  return CLASS_WORDS[cls] ?? cls;
}

function compareReferences(verdict: Verdict, analysis: Analysis): Difference[] {
  const out: Difference[] = [];
  const key = (kind: string, stage: number, value: string, line: number) => `${kind} ${stage} ${line} ${value}`;
  const ours = new Map<string, { target: ReferenceTarget; stage: number }[]>();
  for (const r of analysis.references) {
    if (r.kind === 'from') continue;
    const k = key(r.kind, r.stage, r.text, line0(r.instructionRange));
    ours.set(k, [...(ours.get(k) ?? []), r]);
  }
  for (const t of verdict.references) {
    const k = key(t.kind, t.stage, t.value, t.line);
    const mine = ours.get(k)?.shift();
    const flag = t.kind === 'copy' ? `--from=${t.value}` : `from=${t.value}`;
    const theirs = theirRefClass(t);
    if (!mine) {
      out.push({ aspect: 'references', side: 'buildkit-only', line: t.line, detail: `${flag} (${describeClass(theirs)}): we record no such reference`, facts: [] });
      continue;
    }
    const cls = ourRefClass(mine.target, mine.stage);
    if (cls !== theirs) {
      const facts = t.kind === 'mount' && /^[0-9]+$/.test(t.value) ? ['numeric-mount-from'] : [];
      out.push({ aspect: 'references', side: 'mismatch', line: t.line, detail: `${flag}: BuildKit ${describeClass(theirs)}, ours ${describeClass(cls)}`, facts });
    }
  }
  for (const [k, rest] of ours) {
    for (const r of rest) {
      const [kind, , line, ...value] = k.split(' ');
      out.push({ aspect: 'references', side: 'ours-only', line: Number(line), detail: `${kind} ${value.join(' ')} (${describeClass(ourRefClass(r.target, r.stage))}): BuildKit has no such reference`, facts: [] });
    }
  }
  return out;
}

// ---- reachability ------------------------------------------------------------------------------

/** Which stages `docker build` (with the job's target) builds: those whose lines its LLB carries. */
function compareReachability(verdict: Verdict, analysis: Analysis, job: Job): Difference[] {
  const out: Difference[] = [];
  const build = verdict.build;
  if (!build) return out;
  if (job.target) {
    const named = verdict.stages.filter((s) => s.name === job.target!.toLowerCase()).pop();
    if (!named && !analysis.graph.unknownTarget) {
      out.push({ aspect: 'reachability', side: 'buildkit-only', detail: `BuildKit finds no target stage "${job.target}", we target stage ${analysis.graph.target}`, facts: [] });
    } else if (named && analysis.graph.target !== named.index) {
      out.push({ aspect: 'reachability', side: 'mismatch', detail: `--target ${job.target}: BuildKit builds stage ${named.index}, we ${analysis.graph.target}`, facts: [] });
    }
  }
  if (build.error) return out;
  const built = new Set(build.lines);
  verdict.stages.forEach((t, i) => {
    // A stage without ops of its own (`FROM base AS alias`) leaves no trace to judge by.
    if (!t.hasOps || !analysis.stages[t.index]) return;
    const last = (verdict.stages[i + 1]?.line ?? Infinity) - 1;
    const theirs = build.lines.some((l) => l >= t.line && l <= last) || built.has(t.line);
    const ours = analysis.graph.reachable.has(t.index);
    if (theirs !== ours) {
      out.push({
        aspect: 'reachability', side: 'mismatch', line: t.line,
        detail: `stage ${stageLabel(verdict.stages, t.index)}: BuildKit ${theirs ? 'builds' : 'skips'} it, we say it is ${ours ? '' : 'not '}needed`,
        facts: [],
      });
    }
  });
  return out;
}

// ---- stages reported as not built ------------------------------------------------------------

/** Every stage StageNotBuilt reports must be absent from the lines BuildKit's LLB for the target carries. */
function compareNotBuilt(verdict: Verdict, analysis: Analysis): Difference[] {
  const out: Difference[] = [];
  const build = verdict.build;
  if (!build || build.error) return out;
  for (const finding of analysis.findings.filter((f) => f.rule === 'StageNotBuilt')) {
    const stage = analysis.stages.find((s) => s.fromRange.start.line <= finding.range.start.line && finding.range.start.line <= s.fromRange.end.line);
    const t = stage && verdict.stages[stage.index];
    if (!t) {
      out.push({ aspect: 'notBuilt', side: 'ours-only', line: lineOf(finding), detail: `StageNotBuilt points at no stage BuildKit has: ${finding.message}`, facts: [] });
      continue;
    }
    const last = (verdict.stages[t.index + 1]?.line ?? Infinity) - 1;
    if (build.lines.some((l) => l >= t.line && l <= last)) {
      out.push({ aspect: 'notBuilt', side: 'mismatch', line: t.line, detail: `stage ${stageLabel(verdict.stages, t.index)}: StageNotBuilt says it is not built, BuildKit's LLB carries its lines`, facts: [] });
    }
  }
  return out;
}

// ---- build error -------------------------------------------------------------------------------

function compareError(verdict: Verdict, analysis: Analysis, implementedRules: string[]): Difference[] {
  const error = verdict.parseError ?? verdict.lint?.error;
  const claims = analysis.findings.filter((f) => STOP_RULES.has(f.rule) && f.severity === 'error');
  if (!error) {
    return claims.map((f) => ({ aspect: 'error', side: 'ours-only', line: lineOf(f), detail: `${f.rule}: ${f.message} — BuildKit builds every stage without error`, facts: [] }));
  }
  const kind = ERROR_KINDS.find((k) => k.pattern.test(error.message))!;
  const lines = (error.locations ?? []).map((l) => [l.startLine, l.endLine] as const);
  const onLine = (f: Finding) => lines.length === 0 || lines.some(([a, b]) => lineOf(f) >= a && lineOf(f) <= b);
  let answered: Finding[];
  if (kind.kind === 'lint violation') {
    // `check=error=true` turned these rules' warnings into the error; ours must do the same.
    const violated = error.message.replace(/^.*rules: /, '').split(/,\s*/).filter((r) => implementedRules.includes(r));
    if (violated.length === 0) return [];
    answered = analysis.findings.filter((f) => f.severity === 'error' && violated.includes(f.rule));
  } else answered = analysis.findings.filter((f) => kind.rules.includes(f.rule) && (kind.anyLine || onLine(f)));
  if (answered.length > 0) return [];
  const line = lines[0]?.[0];
  const ours = claims.length ? `we say ${claims.map((f) => `${f.rule} line ${lineOf(f)}`).join(', ')}` : 'we report no error';
  return [{ aspect: 'error', side: claims.length ? 'mismatch' : 'buildkit-only', line, detail: `BuildKit stops (${kind.kind}): ${error.message.split('\n')[0]} — ${ours}`, facts: [`error:${kind.kind}`] }];
}

// ---- lint rules --------------------------------------------------------------------------------

function stageAt(verdict: Verdict, line: number): OracleStage | undefined {
  return verdict.stages.filter((s) => s.line <= line).pop();
}

/** The stage and the stages it is built FROM, as BuildKit resolves them; undefined when they end at no image. */
function chainToImage(verdict: Verdict, stage: OracleStage | undefined): number[] | undefined {
  const chain: number[] = [];
  while (stage && !chain.includes(stage.index)) {
    chain.push(stage.index);
    if (stage.base.kind === 'image') return chain;
    if (stage.base.kind !== 'stage') return undefined;
    stage = verdict.stages[stage.base.index!];
  }
  return undefined;
}

function buildkitOnlyFacts(rule: string, message: string, start: number, verdict: Verdict, analysis: Analysis): string[] {
  const facts: string[] = [];
  if (rule === 'UndefinedVar') {
    const name = /undefined variable '\$?([A-Za-z0-9_]+)'/.exec(message)?.[1];
    const selfReference = new RegExp(`\\$\\{?${name}\\b`);
    // Declared by no line of the file, except by instructions that extend the variable's own
    // value (`ENV P=/x:$P`), and the stage built on an image: only that image could define it.
    // A global ARG left undeclared in the stage is no such case: it is empty there for sure.
    const declared = analysis.declarations.some((d) => d.name === name && (d.scope === -1 || !selfReference.test(d.value ?? '')));
    // `ENV P=/x:$P`, or `ENV A=… B=$A`: BuildKit expands every value of one ENV with the
    // environment from before it, which only the base image could have set.
    const extendsItself = analysis.declarations.some((d) => d.name === name && line0(d.instructionRange) <= start && d.instructionRange.end.line + 1 >= start);
    if (name && (!declared || extendsItself) && chainToImage(verdict, stageAt(verdict, start))) facts.push('may-come-from-base-image');
  }
  return facts;
}

// Rules BuildKit checks while parsing and validating names, before anything can fail but a parse.
const EARLY_RULES = new Set([
  'StageNameCasing', 'FromAsCasing', 'MaintainerDeprecated', 'InvalidDefinitionDescription', 'NoEmptyContinuation',
  'ConsistentInstructionCasing', 'ReservedStageName', 'DuplicateStageName', 'InvalidDefaultArgInFrom',
]);

/** Did BuildKit lint the whole file for this rule? After an error it has not linted the rest. */
function lintComplete(rule: string, verdict: Verdict): boolean {
  if (verdict.parseError) return false;
  const error = verdict.lint?.error?.message;
  if (!error || /lint violation found/.test(error)) return true;
  return EARLY_RULES.has(rule) && !/failed to parse check options/.test(error);
}

function compareRule(rule: string, verdict: Verdict, analysis: Analysis, tally: RuleTally): Difference[] {
  const out: Difference[] = [];
  const theirs = (verdict.lint?.warnings ?? []).filter((w) => w.rule === rule);
  const ours = analysis.findings.filter((f) => f.rule === rule);
  tally.buildkit += theirs.length;
  tally.ours += ours.length;
  const unmatched = [...ours];
  for (const w of theirs) {
    const start = w.ranges[0]?.startLine ?? 0;
    const end = w.ranges[w.ranges.length - 1]?.endLine ?? start;
    // BuildKit often marks the whole instruction; ours marks the word, on any of its lines.
    let i = unmatched.findIndex((f) => lineOf(f) === start);
    if (i < 0) i = unmatched.findIndex((f) => lineOf(f) >= start && lineOf(f) <= end);
    if (i >= 0) {
      unmatched.splice(i, 1);
      tally.matched++;
      continue;
    }
    out.push({ aspect: `lint:${rule}`, side: 'buildkit-only', line: start, detail: `BuildKit: ${w.message}`, facts: buildkitOnlyFacts(rule, w.message, start, verdict, analysis) });
  }
  if (!lintComplete(rule, verdict)) {
    tally.unverified += unmatched.length;
    return out;
  }
  for (const f of unmatched) out.push({ aspect: `lint:${rule}`, side: 'ours-only', line: lineOf(f), detail: `ours: ${f.message}`, facts: [] });
  return out;
}

// ---- all ---------------------------------------------------------------------------------------

export interface JobComparison {
  checks: Check[];
  tallies: Map<string, RuleTally>;
}

export function compareJob(job: Job, verdict: Verdict, analysis: Analysis, implementedRules: string[]): JobComparison {
  const checks: Check[] = [];
  const tallies = new Map<string, RuleTally>();
  const problems = [...(verdict.consistency ?? []), ...(verdict.panic ? [`panic: ${verdict.panic.split('\n')[0]}`] : []), ...(verdict.error ? [verdict.error] : [])];
  checks.push({ aspect: 'oracle', differences: problems.map((p) => ({ aspect: 'oracle', side: 'mismatch', detail: p, facts: [] })) });
  if (!job.variant && !verdict.parseError) checks.push({ aspect: 'stages', differences: compareStages(verdict, analysis) });
  if (!verdict.parseError) checks.push({ aspect: 'bases', differences: compareBases(verdict, analysis, job) });
  if (!job.variant && !verdict.parseError) checks.push({ aspect: 'references', differences: compareReferences(verdict, analysis) });
  if (!verdict.parseError) checks.push({ aspect: 'reachability', differences: compareReachability(verdict, analysis, job) });
  if (!verdict.parseError) checks.push({ aspect: 'notBuilt', differences: compareNotBuilt(verdict, analysis) });
  if (!job.variant) checks.push({ aspect: 'error', differences: compareError(verdict, analysis, implementedRules) });
  if (!job.variant) {
    for (const rule of implementedRules) {
      const tally: RuleTally = { buildkit: 0, ours: 0, matched: 0, unverified: 0 };
      checks.push({ aspect: `lint:${rule}`, differences: compareRule(rule, verdict, analysis, tally) });
      tallies.set(rule, tally);
    }
    // BuildKit's hits of rules we do not implement, for the table.
    for (const w of verdict.lint?.warnings ?? []) {
      if (implementedRules.includes(w.rule)) continue;
      const tally = tallies.get(w.rule) ?? { buildkit: 0, ours: 0, matched: 0, unverified: 0 };
      tally.buildkit++;
      tallies.set(w.rule, tally);
    }
  }
  return { checks, tallies };
}

/** A crash of our analysis is one failed check of its own. */
export function crashCheck(error: unknown): Check {
  const message = error instanceof Error ? error.stack ?? error.message : String(error);
  return { aspect: 'crash', differences: [{ aspect: 'crash', side: 'ours-only', detail: `analyze threw: ${message.split('\n').slice(0, 3).join(' | ')}`, facts: [] }] };
}
