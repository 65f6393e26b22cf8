// Custom requests shared by the server and the VS Code client (and any other client).
// Plain data only: this file imports no transport library, so both sides can bundle it.

export const StageGraphRequest = 'dockerfileStages/stageGraph';

/**
 * The command of the code lenses over each FROM; arguments `[uri, position, locations]` as
 * VS Code's `editor.action.showReferences` takes them. A client maps it to its references view.
 */
export const ShowReferencesCommand = 'dockerfileStages.showReferences';

/**
 * The command that makes a stage the build target of a file; arguments `[uri, stageName]`.
 * Quick fixes and code lenses may name it; the VS Code client implements it.
 */
export const SetBuildTargetCommand = 'dockerfileStages.setBuildTarget';

/** The graph as Mermaid, DOT or JSON text, from the renderer the CLI's `graph` command uses too. */
export const ExportStageGraphRequest = 'dockerfileStages/exportStageGraph';

/**
 * LSP-style params; `target` and `buildArgs` override the settings for this answer only
 * ("what if I built --target test?"). The older `{ uri }` shape is still accepted.
 */
export interface StageGraphParams {
  textDocument?: { uri: string };
  /** @deprecated Use `textDocument.uri`. */
  uri?: string;
  target?: string;
  buildArgs?: { [name: string]: string };
}

export interface ExportStageGraphParams extends StageGraphParams {
  format: 'mermaid' | 'dot' | 'json';
}

/** An LSP range: zero-based lines, UTF-16 characters. */
export interface StageGraphRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export interface StageGraphNode {
  index: number;
  /** The name as written after AS, if any. */
  name?: string;
  /** Display label: the name, or `stage N`. */
  label: string;
  /** The base as written after FROM. */
  base: string;
  baseKind: 'image' | 'stage' | 'scratch' | 'variable';
  /** Zero-based line of the FROM instruction. */
  line: number;
  /** True when the target (the `dockerfileStages.target` setting, else the last stage) needs this stage. */
  reachable: boolean;
  isTarget: boolean;
  /** The whole stage, FROM line to its last instruction. */
  range?: StageGraphRange;
  /** The name after AS, when there is one. */
  nameRange?: StageGraphRange;
}

export interface StageGraphEdge {
  /** The stage that depends on `to`. */
  from: number;
  to: number;
  kind: 'from' | 'copy' | 'mount';
  /** Zero-based line of the referring instruction. */
  line: number;
  /** The reference as written (the base after FROM, the value of --from or from=). */
  range?: StageGraphRange;
}

/** Something a stage builds on that is no stage: an image, scratch, or a named build context. */
export interface StageGraphExternal {
  /** Position in `externals`; external edges point at it. */
  index: number;
  kind: 'image' | 'scratch' | 'context';
  /** The image reference or context name as written (the first spelling, when several stages use it). */
  label: string;
}

export interface StageGraphExternalEdge {
  /** The stage that uses the external. */
  from: number;
  to: number;
  kind: 'from' | 'copy' | 'mount';
  line: number;
  range: StageGraphRange;
}

/** A reference that names nothing a build can use: a variable in --from, an unknown or later stage. */
export interface StageGraphDanglingEdge {
  from: number;
  kind: 'from' | 'copy' | 'mount';
  /** The reference as written. */
  text: string;
  /** The diagnostic's message, for a hover. */
  message: string;
  line: number;
  range: StageGraphRange;
}

export interface StageGraphResult {
  uri: string;
  version: number | null;
  nodes: StageGraphNode[];
  edges: StageGraphEdge[];
  /** Index of the target stage, or -1 for a file without stages. */
  target: number;
  /** Images, scratch and build contexts the stages use (absent from older servers). */
  externals?: StageGraphExternal[];
  externalEdges?: StageGraphExternalEdge[];
  dangling?: StageGraphDanglingEdge[];
  /** Each ARG the file declares, once, with its first default: what "Set Build Arg…" offers. */
  args?: { name: string; value?: string }[];
}
