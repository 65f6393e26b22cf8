// One analysis per document text and settings: every request reads it from here.
import { performance } from 'perf_hooks';
import { analyze, Analysis, AnalysisOptions } from './analysis';

interface Entry {
  version: number;
  /** Keyed by the text too: a client that reuses a version number must not get the old analysis. */
  text: string;
  optionsKey: string;
  analysis: Analysis;
  /** Milliseconds the analysis took: the typing delay adapts to it. */
  costMs: number;
}

export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();

  get(uri: string, version: number, text: string, options: AnalysisOptions): Analysis {
    const optionsKey = JSON.stringify(options);
    const entry = this.entries.get(uri);
    if (entry && this.matches(entry, version, text, optionsKey)) return entry.analysis;
    const start = performance.now();
    // The last analysis of the document: what the edit left unchanged is taken from it, and it may
    // be changed doing so (index.ts), so it is not kept past this point even if the analysis throws.
    this.entries.delete(uri);
    const analysis = analyze(text, options, entry?.analysis);
    this.entries.set(uri, { version, text, optionsKey, analysis, costMs: performance.now() - start });
    return analysis;
  }

  /** True when `get` with these arguments would answer from the cache. */
  has(uri: string, version: number, text: string, options: AnalysisOptions): boolean {
    const entry = this.entries.get(uri);
    return entry !== undefined && this.matches(entry, version, text, JSON.stringify(options));
  }

  /** What the last analysis of the uri cost, in milliseconds; undefined before the first. */
  costOf(uri: string): number | undefined {
    return this.entries.get(uri)?.costMs;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }

  private matches(entry: Entry, version: number, text: string, optionsKey: string): boolean {
    // The same version's text is usually the same string object, so the comparison is cheap.
    return entry.version === version && entry.text === text && entry.optionsKey === optionsKey;
  }
}
