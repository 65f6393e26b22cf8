// Workspace symbols: the named stages and global ARGs of every Dockerfile, open or on disk.
import { SymbolInformation, SymbolKind } from 'vscode-languageserver-types';
import { Analysis, Range } from '../analysis';

/** A name worth finding across the workspace, with where it is: all a file keeps once indexed. */
export interface IndexedSymbol {
  name: string;
  kind: 'stage' | 'globalArg';
  range: Range;
}

export interface IndexedFile {
  uri: string;
  symbols: IndexedSymbol[];
}

/** Results at most: the client narrows further as the user types. */
const MAX_RESULTS = 1000;

/** The global ARGs and named stages of an analysis, in that order. */
export function indexSymbols(analysis: Analysis): IndexedSymbol[] {
  const symbols: IndexedSymbol[] = [];
  for (const d of analysis.declarations) {
    if (d.scope === -1 && d.kind === 'ARG') symbols.push({ name: d.name, kind: 'globalArg', range: d.range });
  }
  // Unnamed stages ("stage 0" in every file) would only be noise here.
  for (const stage of analysis.stages) if (stage.name && stage.nameRange) symbols.push({ name: stage.name, kind: 'stage', range: stage.nameRange });
  return symbols;
}

export function workspaceSymbols(files: IndexedFile[], query: string): SymbolInformation[] {
  const matches = fuzzyMatcher(query);
  const result: SymbolInformation[] = [];
  for (const { uri, symbols } of files) {
    const container = fileLabel(uri);
    for (const symbol of symbols) {
      if (!matches(symbol.name)) continue;
      result.push(symbol.kind === 'globalArg'
        ? { name: symbol.name, kind: SymbolKind.Variable, location: { uri, range: symbol.range }, containerName: `${container} (global ARG)` }
        : { name: symbol.name, kind: SymbolKind.Class, location: { uri, range: symbol.range }, containerName: container });
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
