import type { LineIndex } from './text';

// The analysis model: plain data, no transport types. Positions are zero-based, characters are
// UTF-16 code units (as in LSP), so convert.ts can hand ranges over unchanged.

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface TextEdit {
  range: Range;
  newText: string;
}

/** A mechanical remedy, built together with the finding that it fixes. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The one fix an editor may apply with "auto fix". */
  preferred?: boolean;
  /** A client command to run after (or instead of) the edits. */
  command?: { title: string; command: string; arguments?: unknown[] };
}

export interface RelatedLocation {
  range: Range;
  message: string;
}

export interface Finding {
  /** Rule id: BuildKit's rule name where BuildKit has the rule. */
  rule: string;
  message: string;
  range: Range;
  /** Severity after the rule's default and the `# check=error=true` directive, before user settings. */
  severity: Severity;
  fixes: Fix[];
  related?: RelatedLocation[];
  tags?: ('unnecessary' | 'deprecated')[];
}

export interface CheckDirective {
  /** Lowercased rule names to skip, or 'all'. */
  skip: Set<string> | 'all';
  error: boolean;
}

export interface Directives {
  escape: '\\' | '`';
  syntax?: string;
  check: CheckDirective;
}

export type BaseKind = 'image' | 'stage' | 'scratch' | 'variable';

/** One value an ARG-dependent FROM can take, and the stage it then names, if any. */
export interface BaseCandidate {
  value: string;
  stage?: number;
  /** Where the value came from: ARG defaults, the user's build args, or stage names matching the pattern. */
  source: 'default' | 'buildArgs' | 'pattern';
}

export interface StageBase {
  kind: BaseKind;
  /** As written after FROM (flags excluded). */
  text: string;
  range: Range;
  /** Set when kind is 'stage'. */
  stage?: number;
  /** Set when kind is 'variable': what the global ARGs make of it. */
  candidates?: BaseCandidate[];
}

export interface HeredocBody {
  delimiter: string;
  /** First line of the body. */
  bodyStartLine: number;
  /** The line holding the closing delimiter; undefined when the file ends first. */
  delimiterLine?: number;
}

export interface InstructionInfo {
  /** Upper-cased keyword: FROM, RUN, COPY, ... */
  keyword: string;
  /** The keyword as written. */
  written: string;
  range: Range;
  keywordRange: Range;
  /** Index of the stage, or -1 before the first FROM. */
  stage: number;
  /** RUN/COPY/ADD heredoc bodies, in order, when the instruction opens any. */
  heredocs?: HeredocBody[];
}

export interface Stage {
  index: number;
  /** The name as written after AS. */
  name?: string;
  /** The name lowercased, as BuildKit stores it. */
  key?: string;
  nameRange?: Range;
  /** The `AS` keyword. */
  asRange?: Range;
  /** The FROM instruction (all of it). */
  fromRange: Range;
  fromKeywordRange: Range;
  /** From the FROM line to the end of the stage's last instruction. */
  range: Range;
  base: StageBase;
  platform?: { text: string; range: Range };
  instructions: InstructionInfo[];
}

export type ReferenceKind = 'from' | 'copy' | 'mount';

export type ReferenceTarget =
  /** An earlier stage, by name or by number. */
  | { kind: 'stage'; stage: number; by: 'name' | 'index' }
  /** Clearly an image: tag, digest, registry, path, or a well-known official image. */
  | { kind: 'image' }
  /** A bare word that is no stage: BuildKit would pull an image of that name. */
  | { kind: 'unknown' }
  /** Contains a variable; for COPY --from and mount from= BuildKit rejects it. */
  | { kind: 'variable' }
  | { kind: 'scratch' }
  /** Names a stage that cannot be used here. */
  | { kind: 'invalid'; stage?: number; reason: 'later' | 'self' | 'index-out-of-range' | 'index-not-earlier' };

export interface StageReference {
  kind: ReferenceKind;
  /** The value as written (`builder`, `0`, `${X}`). */
  text: string;
  range: Range;
  /** Index of the stage the reference appears in. */
  stage: number;
  /** The instruction the reference appears in. */
  instructionRange: Range;
  target: ReferenceTarget;
}

export type VariableScope = number; // stage index, or -1 for the global scope before the first FROM

export interface VariableDeclaration {
  name: string;
  kind: 'ARG' | 'ENV';
  scope: VariableScope;
  /** The name in the declaration. */
  range: Range;
  instructionRange: Range;
  /** The default value as written, undefined when there is none (`ARG NAME`). */
  value?: string;
  valueRange?: Range;
}

export type UseResolution =
  /** Declared in scope (ARG or ENV of this stage or a parent stage, or a global ARG in a FROM). */
  | 'declared'
  /** A predefined ARG (platform, proxy, BUILDKIT_*) available here. */
  | 'predefined'
  /** A global ARG used inside a stage that does not redeclare it: empty there. */
  | 'globalNotRedeclared'
  /** Declared in another stage (or later in this one) but not in scope here. */
  | 'outOfScope'
  /** Declared nowhere in the file: may come from the base image. */
  | 'undeclared';

export interface VariableUse {
  name: string;
  /** The name only. */
  range: Range;
  /** `$NAME` or `${NAME...}` whole. */
  fullRange: Range;
  scope: VariableScope;
  /** Keyword of the instruction the use is in. */
  instruction: string;
  instructionRange: Range;
  /** BuildKit expands it (ENV, COPY, WORKDIR, FROM, ...), rather than the shell at run time (RUN, CMD). */
  expandedByBuildKit: boolean;
  /** `:-`, `-`, `:+`, `+`, `:?`, `?`, `#`, `%`, `/`, ... or undefined for `$X` / `${X}`. */
  modifier?: string;
  resolution: UseResolution;
  /** The declarations that define it here, nearest first. */
  declarations: VariableDeclaration[];
}

export interface StageEdge {
  from: number;
  to: number;
  kind: ReferenceKind;
  reference: StageReference;
}

export interface StageGraph {
  edges: StageEdge[];
  /** The target stage index, -1 when the file has no stage. */
  target: number;
  /** Set when the target setting names no stage. */
  unknownTarget?: string;
  /** Stages the target needs, the target included. */
  reachable: Set<number>;
}

export interface Analysis {
  text: string;
  /** Offsets to positions and line texts for `text`. */
  lines: LineIndex;
  directives: Directives;
  stages: Stage[];
  instructions: InstructionInfo[];
  references: StageReference[];
  declarations: VariableDeclaration[];
  uses: VariableUse[];
  graph: StageGraph;
  findings: Finding[];
}

export interface AnalysisOptions {
  /** `--build-arg` values, as the `dockerfileStages.buildArgs` setting gives them. */
  buildArgs?: Record<string, string>;
  /** `--target`; the last stage when unset. */
  target?: string;
  /** podman and buildah expand ARGs in COPY --from. */
  builder?: 'buildkit' | 'podman';
  /** Names passed with `--build-context name=...`: a `--from` naming one is no unknown stage. */
  buildContexts?: string[];
  /** Patterns of the .dockerignore beside the Dockerfile, when the workspace has one. */
  dockerignore?: string[];
}
