// Entry points the deadline harness (deadline.ts) calls in a worker: each runs one part of the
// server on its input and returns a plain summary the test can check.
import { analyze, AnalysisOptions } from '../../server/src/analysis';
import { DockerignoreReader } from '../../server/src/dockerignore';

export interface AnalysisSummary {
  findings: { rule: string; message: string; line: number }[];
  stages: number;
}

export function analyzeSummary(text: string, options: AnalysisOptions = {}): AnalysisSummary {
  const analysis = analyze(text, options);
  return {
    findings: analysis.findings.map((f) => ({ rule: f.rule, message: f.message, line: f.range.start.line })),
    stages: analysis.stages.length,
  };
}

/** The patterns the server reads for a Dockerfile, and the problems it reports (twice asked, to see that it reports once). */
export function readIgnoreTwice(uri: string): { patterns: string[] | null; problems: string[] } {
  const problems: string[] = [];
  const reader = new DockerignoreReader((file, reason) => problems.push(`${file}: ${reason}`));
  reader.patternsFor(uri);
  return { patterns: reader.patternsFor(uri) ?? null, problems };
}

/** Analyses each text in turn; the number of findings of each, to show that every one was answered. */
export function analyzeMany(texts: string[], options: AnalysisOptions = {}): number[] {
  return texts.map((text) => analyze(text, options).findings.length);
}
