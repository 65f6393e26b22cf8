// In-process numbers for the analysis alone (no LSP): `node --expose-gc out/test/bench/analysis.js`. Reports, never fails on a number.
import * as fs from 'fs';
import { performance } from 'perf_hooks';
import { analyze } from '../../server/src/analysis';
import { loadCorpus } from '../corpus/corpus';
import { hostileInputs } from '../support/hostileInputs';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

function time(fn: () => void, runs: number): { median: number; min: number } {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { median: percentile(samples, 0.5), min: samples[0] };
}

/** A realistic multi-stage file of about `lines` lines: stages with ARGs, COPY --from and RUNs. */
export function syntheticDockerfile(lines: number, salt = ''): string {
  const out = ['# syntax=docker/dockerfile:1', 'ARG BASE=python:3.12-slim', 'ARG VERSION=1.0'];
  let stage = 0;
  while (out.length < lines) {
    out.push(`FROM \${BASE} AS stage${salt}${stage}`, 'ARG VERSION', `ENV APP_HOME=/app/${stage}`, 'WORKDIR $APP_HOME');
    if (stage > 0) out.push(`COPY --from=stage${salt}${stage - 1} /app /app`);
    out.push('RUN --mount=type=cache,target=/root/.cache \\', `    pip install -r requirements.txt && echo "$VERSION" \\`, '    && rm -rf /tmp/*');
    for (let i = 0; i < 12; i++) out.push(`RUN echo step ${i} of ${stage} $VERSION`);
    stage++;
  }
  return out.join('\n') + '\n';
}

function main(): void {
  const corpus = loadCorpus().map((f) => ({ name: f.name, text: fs.readFileSync(f.path, 'utf8') }));
  if (corpus.length) {
    for (const f of corpus) analyze(f.text); // warm up
    const perFile: number[] = [];
    const start = performance.now();
    for (const f of corpus) {
      const t = performance.now();
      analyze(f.text);
      perFile.push(performance.now() - t);
    }
    const total = performance.now() - start;
    perFile.sort((a, b) => a - b);
    console.log(`corpus: ${corpus.length} files in ${total.toFixed(0)} ms; per file p50 ${percentile(perFile, 0.5).toFixed(2)} ms, p95 ${percentile(perFile, 0.95).toFixed(2)} ms, max ${perFile[perFile.length - 1].toFixed(2)} ms`);
  }
  let salt = 0;
  for (const lines of [1_000, 10_000, 40_000]) {
    const text = syntheticDockerfile(lines);
    // Cold: a file never seen, so no stage comes from the parse cache.
    const cold = time(() => analyze(syntheticDockerfile(lines, `s${salt++}x`)), 3).median;
    console.log(`analyze ${lines} lines, never seen before: median ${cold.toFixed(0)} ms`);
    const { median, min } = time(() => analyze(text), lines >= 40_000 ? 3 : 7);
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    const kept = analyze(text);
    global.gc?.();
    const retained = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
    console.log(`analyze ${lines} lines again, same text (${kept.stages.length} stages, ${kept.uses.length} variable uses): median ${median.toFixed(0)} ms, min ${min.toFixed(0)} ms, retained ${global.gc ? retained.toFixed(1) + ' MiB' : 'n/a (run with --expose-gc)'}`);
  }
}

/** Stages each built FROM the one before, each redeclaring and using the same ARGs. */
export function chainedDockerfile(stages: number): string {
  const out = ['ARG VERSION=1', 'FROM alpine AS s0'];
  for (let i = 1; i < stages; i++) out.push(`FROM s${i - 1} AS s${i}`, 'ARG VERSION', `ENV STEP_${i}=$VERSION`, 'RUN echo $VERSION $STEP_1');
  return out.join('\n') + '\n';
}

/** What a keystroke costs: the file analysed once, then again with one character changed in the middle, from the analysis before (as the server does). */
function keystrokes(): void {
  for (const lines of [1_500, 10_000, 40_000]) {
    const text = syntheticDockerfile(lines);
    const middle = text.indexOf('RUN echo step 3', Math.floor(text.length / 2));
    let n = 0;
    // Each run types a new character, so no text repeats and every run re-analyses.
    const edited = () => `${text.slice(0, middle)}RUN echo step ${n++}x${text.slice(middle + 'RUN echo step 3'.length)}`;
    let last = analyze(text);
    for (let i = 0; i < 10; i++) last = analyze(edited(), {}, last);
    const { median } = time(() => (last = analyze(edited(), {}, last)), lines >= 40_000 ? 15 : 41);
    const first = time(() => analyze(`# ${n++}\n` + text, {}, last), 1).median;
    console.log(`keystroke in a ${lines}-line file: median ${median.toFixed(0)} ms; a new first line (every stage moves): ${first.toFixed(0)} ms`);
  }
}

function chains(): void {
  for (const stages of [1_000, 4_000]) {
    const text = chainedDockerfile(stages);
    const { median } = time(() => analyze(text), 3);
    console.log(`analyze a chain of ${stages} stages, each FROM the one before (${text.split('\n').length} lines): median ${median.toFixed(0)} ms`);
  }
}

/** The hostile inputs of issue 10: one analysis each. */
function hostile(): void {
  for (const input of hostileInputs()) {
    const start = performance.now();
    analyze(input.text, input.options);
    console.log('%s', `hostile ${input.name}: ${(performance.now() - start).toFixed(0)} ms`);
  }
}

if (require.main === module) {
  main();
  keystrokes();
  chains();
  hostile();
}
