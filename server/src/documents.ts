// One analysis per document version and settings: every request reads it from here.
import { analyze, Analysis, AnalysisOptions } from './analysis';

interface Entry {
  version: number;
  optionsKey: string;
  analysis: Analysis;
}

export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();

  get(uri: string, version: number, text: string, options: AnalysisOptions): Analysis {
    const optionsKey = JSON.stringify(options);
    const entry = this.entries.get(uri);
    if (entry && entry.version === version && entry.optionsKey === optionsKey) return entry.analysis;
    const analysis = analyze(text, options);
    this.entries.set(uri, { version, optionsKey, analysis });
    return analysis;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}
