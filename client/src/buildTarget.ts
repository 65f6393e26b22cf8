// The build target and build args of each Dockerfile, chosen in the views or the status bar and
// remembered in workspace state; without a choice, the `dockerfileStages.target` / `buildArgs`
// settings apply. The server learns them as settings (see `withBuildChoices`), so diagnostics,
// code lenses and the graph all follow the file's own target.
import * as vscode from 'vscode';
import { configSection } from './config';
import { escapeIcons } from './iconText';
import { ActiveStageGraph } from './languageClient';

export interface BuildChoices {
  /** Stage name; absent means the setting (else the last stage). */
  target?: string;
  buildArgs?: Record<string, string>;
}

const stateKey = 'dockerfileStages.buildChoices';
/** Bounds what workspace state keeps, however many files were ever opened. */
const maxRemembered = 200;

export class BuildChoicesStore implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly state: vscode.Memento) {}

  private all(): Record<string, BuildChoices> {
    const stored = this.state.get<unknown>(stateKey);
    return stored && typeof stored === 'object' ? (stored as Record<string, BuildChoices>) : {};
  }

  /** The file's own choices only (no settings merged in). */
  get(uri: vscode.Uri): BuildChoices {
    const choices = this.all()[uri.toString()];
    return {
      target: typeof choices?.target === 'string' && choices.target ? choices.target : undefined,
      buildArgs: choices?.buildArgs && typeof choices.buildArgs === 'object' ? { ...choices.buildArgs } : undefined,
    };
  }

  /** What a build of this file uses: the file's choices over the settings. */
  effective(uri: vscode.Uri): { target?: string; buildArgs: Record<string, string> } {
    const config = vscode.workspace.getConfiguration(configSection, uri);
    const own = this.get(uri);
    const settingTarget = config.get<string>('target', '').trim();
    return { target: own.target ?? (settingTarget || undefined), buildArgs: { ...config.get<Record<string, string>>('buildArgs', {}), ...own.buildArgs } };
  }

  async setTarget(uri: vscode.Uri, target: string | undefined): Promise<void> {
    await this.update(uri, (c) => ({ ...c, target }));
  }

  async setBuildArg(uri: vscode.Uri, name: string, value: string | undefined): Promise<void> {
    await this.update(uri, (c) => {
      const buildArgs = { ...c.buildArgs };
      if (value === undefined) delete buildArgs[name];
      else buildArgs[name] = value;
      return { ...c, buildArgs: Object.keys(buildArgs).length ? buildArgs : undefined };
    });
  }

  private async update(uri: vscode.Uri, change: (choices: BuildChoices) => BuildChoices): Promise<void> {
    const all = this.all();
    const key = uri.toString();
    const next = change(this.get(uri));
    delete all[key];
    if (next.target !== undefined || next.buildArgs !== undefined) all[key] = next;
    const keys = Object.keys(all);
    for (const old of keys.slice(0, Math.max(0, keys.length - maxRemembered))) delete all[old];
    await this.state.update(stateKey, all);
    this.changeEmitter.fire(uri);
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}

/**
 * The settings the client answers the server's `workspace/configuration` with, for one file: the
 * file's own target and build args over the `dockerfileStages` section. Through settings rather
 * than a custom notification, because the server already re-pulls settings and re-publishes
 * diagnostics and lenses on `didChangeConfiguration`, and any other client keeps working unchanged.
 */
export function withBuildChoices(section: unknown, choices: BuildChoices): unknown {
  if (!section || typeof section !== 'object') return section;
  const merged: Record<string, unknown> = { ...(section as Record<string, unknown>) };
  if (choices.target) merged.target = choices.target;
  if (choices.buildArgs) merged.buildArgs = { ...(merged.buildArgs as Record<string, string> | undefined), ...choices.buildArgs };
  return merged;
}

/** `target: NAME` in the status bar while a Dockerfile is active; a click picks another target. */
export function createTargetStatusItem(activeGraph: ActiveStageGraph): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('dockerfileStages.target', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Dockerfile Build Target';
  item.command = 'dockerfileStages.selectBuildTarget';
  const update = () => {
    const state = activeGraph.state;
    if (state.kind !== 'ready' || state.graph.nodes.length === 0) {
      item.hide();
      return;
    }
    const target = state.graph.nodes.find((n) => n.isTarget);
    item.text = `$(target) target: ${escapeIcons(target?.label ?? 'none')}`;
    item.tooltip = 'The stage a build of this file stops at (--target). Click to select another build target.';
    item.accessibilityInformation = { label: `Dockerfile build target ${target?.label ?? 'none'}. Select Build Target` };
    item.show();
  };
  update();
  return vscode.Disposable.from(item, activeGraph.onDidChange(update));
}
