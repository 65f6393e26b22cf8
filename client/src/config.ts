// Client-side settings: only what the views need. Analysis settings (target, rule severities)
// belong to the server, which receives the whole `dockerfileStages` section.
import * as vscode from 'vscode';

export const configSection = 'dockerfileStages';

export type GraphDirection = 'down' | 'right';

export interface ViewSettings {
  /** Which way dependency layers run in the stage graph. */
  graphDirection: GraphDirection;
  /** Show stages the target does not build (dimmed) or leave them out of the graph. */
  graphShowUnreachable: boolean;
  /** Quiet time after a keystroke before the views ask the server again. */
  refreshDelayMs: number;
}

export function readViewSettings(scope?: vscode.ConfigurationScope): ViewSettings {
  const config = vscode.workspace.getConfiguration(configSection, scope);
  const direction = config.get<string>('graph.direction', 'down');
  const delay = config.get<number>('views.refreshDelay', 300);
  return {
    graphDirection: direction === 'right' ? 'right' : 'down',
    graphShowUnreachable: config.get<boolean>('graph.showUnreachable', true),
    refreshDelayMs: Number.isFinite(delay) ? Math.min(Math.max(delay, 0), 5000) : 300,
  };
}

/** True when a change touches a setting the views draw with, including the server's target. */
export function affectsViews(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(configSection);
}
