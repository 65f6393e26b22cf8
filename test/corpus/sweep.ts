// Runs the analysis over every corpus file in a worker thread, with a deadline per file so a
// hang is reported instead of stalling the run. Prints what fired, per rule.
import { Worker } from 'worker_threads';
import * as fs from 'fs';
import { CorpusFile, loadCorpus } from './corpus';

export interface SweepFinding {
  rule: string;
  severity: string;
  line: number;
  message: string;
}

export interface SweepResult {
  file: CorpusFile;
  findings: SweepFinding[];
  error?: string;
  timedOut?: boolean;
  ms: number;
}

const WORKER_SOURCE = `
const { parentPort } = require('worker_threads');
const fs = require('fs');
const { analyze } = require(${JSON.stringify(require.resolve('../../server/src/analysis'))});
parentPort.on('message', (file) => {
  const started = process.hrtime.bigint();
  try {
    const text = fs.readFileSync(file, 'utf8');
    const analysis = analyze(text);
    const findings = analysis.findings.map((f) => ({ rule: f.rule, severity: f.severity, line: f.range.start.line + 1, message: f.message }));
    parentPort.postMessage({ findings, ms: Number(process.hrtime.bigint() - started) / 1e6 });
  } catch (e) {
    parentPort.postMessage({ findings: [], error: String(e && e.stack || e), ms: Number(process.hrtime.bigint() - started) / 1e6 });
  }
});
`;

export async function sweep(files: CorpusFile[] = loadCorpus(), deadlineMs = 20000): Promise<SweepResult[]> {
  const results: SweepResult[] = [];
  let worker = new Worker(WORKER_SOURCE, { eval: true });
  try {
    for (const file of files) {
      const result = await new Promise<SweepResult>((resolve) => {
        const timer = setTimeout(() => {
          void worker.terminate();
          worker = new Worker(WORKER_SOURCE, { eval: true });
          resolve({ file, findings: [], timedOut: true, ms: deadlineMs });
        }, deadlineMs);
        worker.once('message', (m: { findings: SweepFinding[]; error?: string; ms: number }) => {
          clearTimeout(timer);
          resolve({ file, ...m });
        });
        worker.postMessage(file.path);
      });
      results.push(result);
    }
  } finally {
    await worker.terminate();
  }
  return results;
}

/** Errors a buildable file may rightly get: ARGs in --from build only with podman. */
export function isAllowedError(finding: SweepFinding): boolean {
  return finding.rule === 'FromFlagVariable';
}

export function summarize(results: SweepResult[]): string {
  const byRule = new Map<string, { hits: number; files: Set<string>; errors: number }>();
  for (const r of results) {
    for (const f of r.findings) {
      let entry = byRule.get(f.rule);
      if (!entry) byRule.set(f.rule, (entry = { hits: 0, files: new Set(), errors: 0 }));
      entry.hits++;
      entry.files.add(r.file.name);
      if (f.severity === 'error') entry.errors++;
    }
  }
  const lines = [`corpus: ${results.length} files, ${results.filter((r) => r.file.buildable).length} buildable`];
  lines.push('rule                           hits  files  errors');
  for (const [rule, e] of [...byRule].sort((a, b) => b[1].hits - a[1].hits)) {
    lines.push(`${rule.padEnd(30)} ${String(e.hits).padStart(5)} ${String(e.files.size).padStart(6)} ${String(e.errors).padStart(7)}`);
  }
  const slowest = [...results].sort((a, b) => b.ms - a.ms)[0];
  if (slowest) lines.push(`slowest: ${slowest.file.name} ${slowest.ms.toFixed(1)} ms`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const results = await sweep();
  console.log(summarize(results));
  const verbose = process.argv.includes('--verbose');
  let bad = 0;
  for (const r of results) {
    if (r.error || r.timedOut) {
      bad++;
      console.log(`CRASH/HANG ${r.file.name}: ${r.error ?? 'timed out'}`);
    }
    for (const f of r.findings) {
      const forbidden = r.file.buildable && f.severity === 'error' && !isAllowedError(f);
      if (forbidden) bad++;
      if (verbose || forbidden) console.log(`${forbidden ? 'FORBIDDEN ' : ''}${r.file.name}:${f.line}: ${f.severity} ${f.rule}: ${f.message}`);
    }
  }
  if (process.argv.includes('--write')) fs.writeFileSync('corpus-findings.json', JSON.stringify(results, null, 1));
  process.exitCode = bad ? 1 : 0;
}

if (require.main === module) void main();
