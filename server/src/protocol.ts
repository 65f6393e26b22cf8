// Custom requests shared by the server and the VS Code client (and any other client).
// Plain data only: this file imports no transport library, so both sides can bundle it.

export const StageGraphRequest = 'dockerfileStages/stageGraph';

/**
 * The command of the code lenses over each FROM; arguments `[uri, position, locations]` as
 * VS Code's `editor.action.showReferences` takes them. A client maps it to its references view.
 */
export const ShowReferencesCommand = 'dockerfileStages.showReferences';

export interface StageGraphParams {
  uri: string;
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
}

export interface StageGraphEdge {
  /** The stage that depends on `to`. */
  from: number;
  to: number;
  kind: 'from' | 'copy' | 'mount';
  /** Zero-based line of the referring instruction. */
  line: number;
}

export interface StageGraphResult {
  uri: string;
  version: number | null;
  nodes: StageGraphNode[];
  edges: StageGraphEdge[];
  /** Index of the target stage, or -1 for a file without stages. */
  target: number;
}

/**
 * The command of the "Set as build target" quick fix; arguments `[uri, stageName]`. The client
 * sets `dockerfileStages.target` for that document's folder to the stage.
 */
export const SetBuildTargetCommand = 'dockerfileStages.setBuildTarget';
