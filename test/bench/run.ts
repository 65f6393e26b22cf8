// Side-by-side bench over a real LSP connection: our bundle (`node dist/server.js --stdio`) and the
// anchor (rcjsuen's docker-langserver, a devDependency), each spawned fresh per file, alternating
// which goes first. Reports numbers and writes bench/results.json; it never fails on a number.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { Position } from 'vscode-languageserver-protocol';
import { LspClient } from '../server/lspClient';
import { loadCorpus } from '../corpus/corpus';
import { repoRoot } from '../support/paths';
import { syntheticDockerfile } from './analysis';

interface BenchFile {
  name: string;
  text: string;
  /** The same file with every stage renamed, so no chunk of it is cached when it is opened second. */
  secondText: string;
}

type Sample = number | 'timeout' | 'error';

interface ServerResult {
  coldStartMs: number;
  openMs: Sample;
  /** How many fresh servers the cold start and the open are the medians of. */
  openSamples: number;
  /** A second file of the same size opened after the first: what the first open paid for cold code shows against it. */
  secondOpenMs: Sample;
  /** The first edit after the open: it pays for compiling the edit path, which the median leaves out. */
  firstEditMs: Sample;
  editP50: Sample;
  /** A line added near the top and taken out again, alternately (measureLineInserts). */
  lineInsertP50?: Sample;
  requests: Record<string, Sample>;
  peakRssMb: number | null;
}

interface Server {
  name: 'ours' | 'anchor';
  start(): Promise<LspClient>;
}

const REQUEST_DEADLINE_MS = 10_000;
const OPEN_DEADLINE_MS = 60_000;
// A measurement stops taking samples once they add up to this: the anchor needs seconds per edit on large files.
const SAMPLING_BUDGET_MS = 15_000;
// One cold open is one sample of a fresh process on a machine whose speed drifts by a fifth from
// minute to minute: the cold start and the open are medians of up to this many fresh servers per
// file, the two servers taking turns, while the opens add up to less than the budget (the anchor
// takes seconds at 10,000 lines, 25 s at 40,000, where it is measured once).
const OPEN_SAMPLES = 5;
const OPEN_BUDGET_MS = 20_000;

const SERVERS: Server[] = [
  {
    name: 'ours',
    // No typing delay, adaptive or fixed: both servers then do the same work per edit.
    start: () => LspClient.start({ initializationOptions: { diagnosticsDelay: 0, adaptiveDelay: false } }),
  },
  {
    name: 'anchor',
    start: () => LspClient.start({ serverPath: path.join(repoRoot(), 'node_modules', 'dockerfile-language-server-nodejs', 'bin', 'docker-langserver') }),
  },
];

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** Resolves with the promise's value and its time in ms, or 'timeout' when the deadline passes first. */
async function timed(run: () => Promise<unknown>, deadlineMs: number): Promise<Sample> {
  const start = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), deadlineMs)));
  try {
    const outcome = await Promise.race([run().then(() => 'done' as const), deadline]);
    return outcome === 'timeout' ? 'timeout' : performance.now() - start;
  } catch {
    return 'error';
  } finally {
    clearTimeout(timer);
  }
}

/** A document opened, timed until its first diagnostics arrive. */
function timedOpen(client: LspClient, uri: string, text: string): Promise<Sample> {
  const before = client.publishedCount(uri);
  return timed(async () => {
    await client.open(uri, text);
    await client.waitForDiagnostics(uri, () => client.publishedCount(uri) > before, OPEN_DEADLINE_MS);
  }, OPEN_DEADLINE_MS);
}

function peakRssMb(pid: number | undefined): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmHWM:\s+(\d+)/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

/** Where requests point: a stage reference in the middle of the file when there is one, else a FROM's image. */
function probePosition(text: string): { reference: Position; completion: Position } {
  const lines = text.split(/\r?\n/);
  const middle = Math.floor(lines.length / 2);
  const order = [...lines.keys()].sort((a, b) => Math.abs(a - middle) - Math.abs(b - middle));
  for (const line of order) {
    const at = lines[line].indexOf('--from=');
    if (at >= 0) return { reference: { line, character: at + 8 }, completion: { line, character: at + 7 } };
  }
  for (const line of order) {
    const match = /^\s*FROM\s+/i.exec(lines[line]);
    if (match) return { reference: { line, character: match[0].length + 1 }, completion: { line, character: match[0].length } };
  }
  return { reference: { line: 0, character: 0 }, completion: { line: 0, character: 0 } };
}

/** A line in the middle of the file to type into: an instruction line, typed at its end. */
function editLine(text: string): Position {
  const lines = text.split(/\r?\n/);
  const middle = Math.floor(lines.length / 2);
  for (let line = middle; line < lines.length; line++) {
    if (/^RUN [^\\]*$/.test(lines[line])) return { line, character: lines[line].length };
  }
  return { line: lines.length - 1, character: 0 };
}

async function measure(server: Server, file: BenchFile, rounds: number): Promise<ServerResult> {
  const uri = `file:///bench/${server.name}/${file.name.replace(/[^\w.-]/g, '_')}`;
  const { client, coldStartMs } = await startTimed(server);
  try {
    const openMs = await timedOpen(client, uri, file.text);

    // Typing: one character appended to a RUN line in the middle, then deleted, alternately.
    const at = editLine(file.text);
    const typing = await editSamples(client, uri, rounds, (insert) =>
      insert ? { range: { start: at, end: at }, text: 'x' } : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' });
    const editP50: Sample = typing.failed ?? median(typing.samples);
    const firstEditMs: Sample = typing.samples.length ? typing.samples[0] : (typing.failed ?? 'error');
    // The text is back as opened after an even number of edits, so positions still hold.
    const { reference, completion } = probePosition(file.text);
    const textDocument = { uri };
    const requests: [string, string, unknown][] = [
      ['hover', 'textDocument/hover', { textDocument, position: reference }],
      ['definition', 'textDocument/definition', { textDocument, position: reference }],
      ['completion', 'textDocument/completion', { textDocument, position: completion }],
      ['documentSymbol', 'textDocument/documentSymbol', { textDocument }],
      // Last: the anchor may still be busy with it after its deadline.
      ['semanticTokens', 'textDocument/semanticTokens/full', { textDocument }],
    ];
    const answers: Record<string, Sample> = {};
    for (const [name, method, params] of requests) {
      const samples: number[] = [];
      for (let round = 0; round < rounds; round++) {
        const sample = await timed(() => client.request(method, params), REQUEST_DEADLINE_MS);
        if (typeof sample !== 'number') {
          answers[name] = sample;
          break;
        }
        samples.push(sample);
        if (samples.reduce((a, b) => a + b, 0) > SAMPLING_BUDGET_MS) break;
      }
      answers[name] ??= median(samples);
    }
    const secondUri = `${uri}.second`;
    const secondOpenMs = await timedOpen(client, secondUri, file.secondText);
    return { coldStartMs, openMs, openSamples: 1, secondOpenMs, firstEditMs, editP50, requests: answers, peakRssMb: peakRssMb(client.pid) };
  } finally {
    await client.stop(2_000);
  }
}

/** A fresh server, and how long it took from spawn to the answer to `initialize`. */
async function startTimed(server: Server): Promise<{ client: LspClient; coldStartMs: number }> {
  const startedAt = performance.now();
  const client = await server.start();
  return { client, coldStartMs: performance.now() - startedAt };
}

/** A fresh server's cold start and first open of the file, and nothing else. */
async function measureOpen(server: Server, file: BenchFile, run: number): Promise<{ coldStartMs: number; openMs: Sample }> {
  const uri = `file:///bench/${server.name}/open-${run}-${file.name.replace(/[^\w.-]/g, '_')}`;
  const { client, coldStartMs } = await startTimed(server);
  try {
    return { coldStartMs, openMs: await timedOpen(client, uri, file.text) };
  } finally {
    await client.stop(2_000);
  }
}

/** More fresh servers' opens (measureOpen), the servers taking turns; the results then hold the medians. */
async function sampleOpens(order: Server[], file: BenchFile, measured: Partial<Record<Server['name'], ServerResult>>): Promise<void> {
  const opens = new Map<Server['name'], Sample[]>(order.map((server) => [server.name, [measured[server.name]!.openMs]]));
  const colds = new Map(order.map((server) => [server.name, [measured[server.name]!.coldStartMs]]));
  const isNumber = (sample: Sample): sample is number => typeof sample === 'number';
  for (let run = 1; run < OPEN_SAMPLES; run++) {
    for (const server of order) {
      const samples = opens.get(server.name)!;
      const spent = samples.reduce((total: number, sample) => total + (isNumber(sample) ? sample : Infinity), 0);
      if (spent > OPEN_BUDGET_MS) continue;
      const { coldStartMs, openMs } = await measureOpen(server, file, run);
      samples.push(openMs);
      colds.get(server.name)!.push(coldStartMs);
    }
  }
  for (const server of order) {
    const result = measured[server.name]!;
    const samples = opens.get(server.name)!;
    // A failed open is the answer: a median would hide it.
    result.openMs = samples.every(isNumber) ? median(samples as number[]) : samples.find((sample) => !isNumber(sample))!;
    result.coldStartMs = median(colds.get(server.name)!);
    result.openSamples = samples.length;
  }
}

/**
 * Enter pressed at the start of line 4, then the line taken out again, alternately: every stage
 * below moves. In a server of its own, so the other rows (peak memory above all) measure the same
 * work as before this row was added.
 */
async function measureLineInserts(server: Server, file: BenchFile, rounds: number): Promise<Sample> {
  const uri = `file:///bench/${server.name}/lines-${file.name.replace(/[^\w.-]/g, '_')}`;
  const client = await server.start();
  try {
    const opened = await timedOpen(client, uri, file.text);
    if (typeof opened !== 'number') return opened;
    const top = { line: Math.min(3, file.text.split('\n').length - 1), character: 0 };
    const inserts = await editSamples(client, uri, rounds, (insert) =>
      insert ? { range: { start: top, end: top }, text: '\n' } : { range: { start: top, end: { line: top.line + 1, character: 0 } }, text: '' });
    return inserts.failed ?? median(inserts.samples);
  } finally {
    await client.stop(2_000);
  }
}

/**
 * Edits made one at a time, each timed until its diagnostics arrive: `edit(true)` then
 * `edit(false)`, alternately, so an even count leaves the text as it was. Stops at `rounds`, at the
 * first edit that fails or times out, or (after an even count) once the samples add up to the budget.
 */
async function editSamples(
  client: LspClient,
  uri: string,
  rounds: number,
  edit: (insert: boolean) => { range: { start: Position; end: Position }; text: string },
): Promise<{ samples: number[]; failed?: Sample }> {
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const count = client.publishedCount(uri);
    const sample = await timed(async () => {
      await client.change(uri, [edit(round % 2 === 0)]);
      await client.waitForDiagnostics(uri, () => client.publishedCount(uri) > count, OPEN_DEADLINE_MS);
    }, OPEN_DEADLINE_MS);
    if (typeof sample !== 'number') return { samples, failed: sample };
    samples.push(sample);
    if (samples.length % 2 === 0 && samples.reduce((a, b) => a + b, 0) > SAMPLING_BUDGET_MS) break;
  }
  return { samples };
}

function benchFiles(): BenchFile[] {
  const files: BenchFile[] = [60, 1_500, 10_000, 40_000].map((lines) => ({ name: `generated-${lines}`, text: syntheticDockerfile(lines), secondText: syntheticDockerfile(lines, 'again') }));
  const corpus = loadCorpus();
  if (!corpus.length) {
    console.log('note: ../shared/corpus is missing, corpus files skipped');
    return files;
  }
  const largest = corpus
    .map((f) => ({ name: f.name, size: fs.statSync(f.path).size, path: f.path }))
    .sort((a, b) => b.size - a.size)
    .slice(0, 3);
  return [...files, ...largest.map((f) => {
    const text = fs.readFileSync(f.path, 'utf8');
    return { name: f.name, text, secondText: `# opened second\n${text.replace(/\n(FROM|from)\b/g, '\n# moved\n$1')}\n# end\n` };
  })];
}

function format(sample: Sample | null | undefined, unit = 'ms'): string {
  if (sample === null || sample === undefined) return 'n/a';
  if (typeof sample !== 'number') return sample;
  return `${sample < 10 ? sample.toFixed(1) : sample.toFixed(0)} ${unit}`;
}

function ratio(ours: Sample | null | undefined, anchor: Sample | null | undefined): string {
  if (typeof ours !== 'number') return '';
  if (anchor === 'timeout') return '(anchor timed out)';
  if (typeof anchor !== 'number' || anchor === 0) return '';
  return `${(ours / anchor).toFixed(2)}×`;
}

async function main(): Promise<void> {
  const files = benchFiles();
  const results: { file: string; lines: number; ours: ServerResult; anchor: ServerResult }[] = [];
  for (const [i, file] of files.entries()) {
    const lines = file.text.split('\n').length;
    // Enough edits for a median of typing rather than of the first keystrokes after the open, which
    // compile the edit path (shown on their own as "first edit"); the sampling budget still bounds a slow server.
    const rounds = 60;
    // Alternate which server runs first, so neither always meets a warmer or a busier machine.
    const order = i % 2 === 0 ? SERVERS : [...SERVERS].reverse();
    const measured: Partial<Record<Server['name'], ServerResult>> = {};
    for (const server of order) measured[server.name] = await measure(server, file, rounds);
    await sampleOpens(order, file, measured);
    for (const server of order) measured[server.name]!.lineInsertP50 = await measureLineInserts(server, file, rounds);
    results.push({ file: file.name, lines, ours: measured.ours!, anchor: measured.anchor! });
    printTable(file.name, lines, measured.ours!, measured.anchor!);
  }
  const out = path.join(repoRoot(), 'bench', 'results.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const machine = { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', platform: `${os.platform()} ${os.release()}` };
  fs.writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), machine, results }, null, 2) + '\n');
  console.log(`\nmachine: ${machine.cpus} cores (${machine.cpu}), node ${machine.node}; written to ${path.relative(repoRoot(), out)}`);
}

function samplesNote(ours: ServerResult, anchor: ServerResult): string {
  return ours.openSamples > 1 || anchor.openSamples > 1 ? `, median of ${ours.openSamples} / ${anchor.openSamples}` : '';
}

function printTable(file: string, lines: number, ours: ServerResult, anchor: ServerResult): void {
  const rows: [string, Sample | null, Sample | null, string?][] = [
    [`cold start (spawn → initialize)${samplesNote(ours, anchor)}`, ours.coldStartMs, anchor.coldStartMs],
    [`didOpen → diagnostics${samplesNote(ours, anchor)}`, ours.openMs, anchor.openMs],
    ['didOpen → diagnostics, a second file', ours.secondOpenMs, anchor.secondOpenMs],
    ['first edit → diagnostics', ours.firstEditMs, anchor.firstEditMs],
    ['edit → diagnostics p50', ours.editP50, anchor.editP50],
    ['line insert → diagnostics p50', ours.lineInsertP50 ?? null, anchor.lineInsertP50 ?? null],
    ...Object.keys(ours.requests).map((name): [string, Sample, Sample] => [`${name} p50`, ours.requests[name], anchor.requests[name]]),
    ['peak RSS', ours.peakRssMb, anchor.peakRssMb, 'MB'],
  ];
  console.log(`\n${file} (${lines} lines)`);
  console.log(`| | ours | anchor | ours/anchor |\n|---|---|---|---|`);
  for (const [label, a, b, unit] of rows) console.log(`| ${label} | ${format(a, unit)} | ${format(b, unit)} | ${ratio(a, b)} |`);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
