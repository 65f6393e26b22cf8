// Workspace symbols: the named stages and global ARGs of every Dockerfile, open or on disk.
import { SymbolInformation, SymbolKind } from 'vscode-languageserver-types';
import { Analysis } from '../analysis';

export interface AnalysedFile {
  uri: string;
  analysis: Analysis;
}

/** Results at most: the client narrows further as the user types. */
const MAX_RESULTS = 1000;

export function workspaceSymbols(files: AnalysedFile[], query: string): SymbolInformation[] {
  const matches = fuzzyMatcher(query);
  const result: SymbolInformation[] = [];
  for (const { uri, analysis } of files) {
    const container = fileLabel(uri);
    for (const d of analysis.declarations) {
      if (d.scope !== -1 || d.kind !== 'ARG' || !matches(d.name)) continue;
      result.push({ name: d.name, kind: SymbolKind.Variable, location: { uri, range: d.range }, containerName: `${container} (global ARG)` });
    }
    for (const stage of analysis.stages) {
      // Unnamed stages ("stage 0" in every file) would only be noise here.
      if (!stage.name || !stage.nameRange || !matches(stage.name)) continue;
      result.push({ name: stage.name, kind: SymbolKind.Class, location: { uri, range: stage.nameRange }, containerName: container });
    }
    if (result.length >= MAX_RESULTS) break;
  }
  return result.slice(0, MAX_RESULTS);
}

/** The query's characters in order, anywhere in the name, ignoring case (as editors filter). */
function fuzzyMatcher(query: string): (name: string) => boolean {
  const wanted = query.toLowerCase().replace(/\s+/g, '');
  return (name) => {
    const lower = name.toLowerCase();
    let at = 0;
    for (const c of wanted) {
      at = lower.indexOf(c, at) + 1;
      if (at === 0) return false;
    }
    return true;
  };
}

/** The folder and file name, enough to tell `api/Dockerfile` from `web/Dockerfile`. */
function fileLabel(uri: string): string {
  const parts = uri.replace(/[?#].*$/, '').split('/').filter(Boolean).slice(-2);
  return parts.map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p; // a malformed escape: show it as written
    }
  }).join('/');
}
