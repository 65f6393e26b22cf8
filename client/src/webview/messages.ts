// Messages between the Stage Graph webview and the extension. Plain data: the page never gets a
// path or a command, and the extension looks every stage up in the graph it sent.
import type { StageGraphResult } from '../../../server/src/protocol';

export interface GraphViewSettings {
  direction: 'down' | 'right';
  showUnreachable: boolean;
}

export type ToWebview =
  | { type: 'state'; generation: number; settings: GraphViewSettings; content: { kind: 'note'; text: string } | { kind: 'graph'; graph: StageGraphResult; uri: string } }
  | { type: 'select'; index: number | undefined }
  | { type: 'zoom'; action: 'in' | 'out' | 'fit' }
  | { type: 'exportSvg' };

export type FromWebview =
  | { type: 'ready' }
  | { type: 'rendered'; generation: number; nodes: number; svg: string; summary?: string }
  | { type: 'reveal'; index: number }
  | { type: 'svg'; text: string };
