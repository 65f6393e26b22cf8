// Entry points the deadline harness (deadline.ts) calls in a worker: each runs one part of the
// server on its input and returns a plain summary the test can check.
import { analyze, AnalysisOptions } from '../../server/src/analysis';
import { DockerignoreReader } from '../../server/src/dockerignore';

export interface AnalysisSummary {
  findings: { rule: string; message: string; line: number }[];
  stages: number;
}

export function analyzeSummary(text: string, options: AnalysisOptions = {}): AnalysisSummary {
  return analyzeSummaryOf(analyze(text, options));
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

/** Analyses `text`, then each edit of it in turn from the analysis before (as the server does after a change): the summary of the last. */
export function analyzeEdits(text: string, edits: { at: number; remove: number; insert: string }[]): AnalysisSummary {
  let analysis = analyze(text);
  for (const edit of edits) {
    text = text.slice(0, edit.at) + edit.insert + text.slice(edit.at + edit.remove);
    analysis = analyze(text, {}, analysis);
  }
  return analyzeSummaryOf(analysis);
}

function analyzeSummaryOf(analysis: ReturnType<typeof analyze>): AnalysisSummary {
  return {
    findings: analysis.findings.map((f) => ({ rule: f.rule, message: f.message, line: f.range.start.line })),
    stages: analysis.stages.length,
  };
}
