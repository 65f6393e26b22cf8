// npm run test:oracle [-- --runs N --seed S --all]
// Differential test against BuildKit's own frontend (the Go oracle in test/oracle/go): runs it and
// our analysis over the shared corpus, the seeds, our fixtures and fast-check generated and
// mutated Dockerfiles, and fails on every difference not listed in known-differences.json.
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { analyze, RULES } from '../../server/src/analysis';
import { BUILDKIT_RULES, Check, compareJob, crashCheck, Difference, RuleTally } from './aspects';
import { corpusJobs, fixtureJobs, Job, REPO, seedJobs, targetVariants } from './inputs';
import { findKnown, loadKnownDifferences, LoadedKnownDifference } from './knownDifferences';
import { buildOracle, runOracle, Verdict } from './oracle';
import { GeneratedSpec, generatedSpec, MutationSpec, mutate, mutationSpec, renderSpec } from './generate';

interface Options {
  runs: number;
  seed: number;
  all: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { runs: 100, seed: 20240611, all: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--runs') options.runs = Number(argv[++i]);
    else if (argv[i] === '--seed') options.seed = Number(argv[++i]);
    else if (argv[i] === '--all') options.all = true;
    else throw new Error(`unknown argument ${argv[i]}; use --runs N, --seed S, --all`);
  }
  if (!Number.isInteger(options.runs) || options.runs < 0 || !Number.isInteger(options.seed)) throw new Error('--runs and --seed take integers');
  return options;
}

const KNOWN_FILE = path.join(REPO, 'test', 'oracle', 'known-differences.json');
const REPORT_FILE = path.join(REPO, 'out', 'test', 'oracle', 'report.json');
const IMPLEMENTED = RULES.filter((r) => r.buildkit).map((r) => r.id);

interface Judged {
  job: Job;
  checks: Check[];
  tallies: Map<string, RuleTally>;
}

function judge(job: Job, verdict: Verdict): Judged {
  try {
    const analysis = analyze(job.text, { buildArgs: job.buildArgs, target: job.target });
    return { job, ...compareJob(job, verdict, analysis, IMPLEMENTED) };
  } catch (error) {
    return { job, checks: [crashCheck(error)], tallies: new Map() };
  }
}

function unknownDifferences(judged: Judged, known: LoadedKnownDifference[]): Difference[] {
  return judged.checks.flatMap((c) => c.differences).filter((d) => !findKnown(known, judged.job, d));
}

// ---- shrinking a failing generated or mutated input ------------------------------------------

/** Shrinks toward the smallest input that still differs in the given aspect. */
function shrink<T>(arbitrary: fc.Arbitrary<T>, failing: T, aspect: string, toJob: (value: T) => Job, known: LoadedKnownDifference[]): { job: Job; differences: Difference[] } | undefined {
  const failures = (value: T) => {
    const job = toJob(value);
    return unknownDifferences(judge(job, runOracle([job])[0]), known).filter((d) => d.aspect === aspect);
  };
  // The failing value as the one example: fast-check shrinks it without regenerating it.
  const result = fc.check(fc.property(arbitrary, (value) => failures(value).length === 0), { examples: [[failing]], numRuns: 1 });
  if (!result.failed || !result.counterexample) return undefined;
  const job = toJob(result.counterexample[0]);
  return { job, differences: failures(result.counterexample[0]) };
}

/**
 * The comparison must bite: with our findings, references and stages taken away, the verdicts
 * BuildKit gave must turn into differences. Guards against a comparator that passes everything.
 */
function assertComparatorBites(jobs: Job[], verdicts: Verdict[]): void {
  let probed = 0;
  jobs.forEach((job, i) => {
    const v = verdicts[i];
    const hits = (v.lint?.warnings ?? []).filter((w) => IMPLEMENTED.includes(w.rule)).length + v.references.length;
    if (job.variant || hits === 0 || probed >= 20) return;
    probed++;
    const hollow = { ...analyze(job.text, { buildArgs: job.buildArgs, target: job.target }), findings: [], references: [], stages: [] };
    const differences = compareJob(job, v, hollow, IMPLEMENTED).checks.flatMap((c) => c.differences);
    if (differences.length === 0) throw new Error(`comparator found no difference for ${job.id} with our analysis emptied`);
  });
  if (probed === 0) throw new Error('no input had BuildKit warnings or references to probe the comparator with');
}

// ---- the run ---------------------------------------------------------------------------------

function main(): number {
  const options = parseArgs(process.argv.slice(2));
  const known = loadKnownDifferences(KNOWN_FILE);

  const build = buildOracle();
  console.log(`oracle built in ${(build.millis / 1000).toFixed(1)} s`);

  const corpus = corpusJobs();
  const seeds = seedJobs();
  const fixtures = fixtureJobs();
  const sources = [...corpus.filter((j) => !j.tags.includes('template') && j.tags.includes('multistage')), ...seeds.filter((j) => !j.variant), ...fixtures];
  const generatedSpecs = fc.sample(generatedSpec, { seed: options.seed, numRuns: options.runs });
  const mutationSpecs = sources.length ? fc.sample(mutationSpec(sources.length), { seed: options.seed + 1, numRuns: options.runs }) : [];
  const generatedJob = (spec: GeneratedSpec, n: number): Job => ({ id: `generated/${n}`, text: renderSpec(spec), origin: 'generated', tags: [] });
  const mutatedJob = (spec: MutationSpec, n: number): Job => ({
    id: `mutated/${n} of ${sources[spec.source].id}`, text: mutate(sources[spec.source].text, spec.mutations), origin: 'mutated', tags: sources[spec.source].tags,
  });
  const jobs: Job[] = [
    ...corpus,
    ...targetVariants(corpus.filter((j) => !j.tags.includes('template'))),
    ...seeds,
    ...fixtures,
    ...generatedSpecs.map(generatedJob),
    ...mutationSpecs.map(mutatedJob),
  ];

  let started = Date.now();
  const verdicts = runOracle(jobs);
  const oracleMillis = Date.now() - started;
  assertComparatorBites(jobs, verdicts);
  started = Date.now();
  const judged = jobs.map((job, i) => judge(job, verdicts[i]));
  const analysisMillis = Date.now() - started;

  // Tally checks per aspect and hits per rule.
  const aspects = new Map<string, { checks: number; failed: number; known: number }>();
  const rules = new Map<string, RuleTally & { knownDiffs: number; unknownDiffs: number }>();
  for (const name of new Set([...BUILDKIT_RULES, ...IMPLEMENTED])) rules.set(name, { buildkit: 0, ours: 0, matched: 0, unverified: 0, knownDiffs: 0, unknownDiffs: 0 });
  const failures: Array<{ job: Job; difference: Difference }> = [];
  const knownHits: Array<{ job: Job; difference: Difference; entry: LoadedKnownDifference }> = [];
  let passed = 0;
  let failed = 0;
  for (const j of judged) {
    for (const check of j.checks) {
      const a = aspects.get(check.aspect) ?? { checks: 0, failed: 0, known: 0 };
      a.checks++;
      let unknown = 0;
      for (const difference of check.differences) {
        const entry = findKnown(known, j.job, difference);
        const rule = difference.aspect.startsWith('lint:') ? rules.get(difference.aspect.slice(5)) : undefined;
        if (entry) {
          entry.matched++;
          a.known++;
          if (rule) rule.knownDiffs++;
          knownHits.push({ job: j.job, difference, entry });
        } else {
          unknown++;
          if (rule) rule.unknownDiffs++;
          failures.push({ job: j.job, difference });
        }
      }
      if (unknown) {
        a.failed++;
        failed++;
      } else passed++;
      aspects.set(check.aspect, a);
    }
    for (const [name, t] of j.tallies) {
      const r = rules.get(name) ?? { buildkit: 0, ours: 0, matched: 0, unverified: 0, knownDiffs: 0, unknownDiffs: 0 };
      r.buildkit += t.buildkit;
      r.ours += t.ours;
      r.matched += t.matched;
      r.unverified += t.unverified;
      rules.set(name, r);
    }
  }

  const count = (o: Job['origin']) => jobs.filter((j) => j.origin === o).length;
  console.log(`${jobs.length} runs: ${count('corpus')} corpus (+ target variants), ${count('seed')} seed, ${count('fixture')} fixture, ${count('generated')} generated, ${count('mutated')} mutated (seed ${options.seed})`);
  console.log(`oracle ${(oracleMillis / 1000).toFixed(1)} s, our analysis and comparison ${(analysisMillis / 1000).toFixed(1)} s`);

  console.log('\naspect                              checks  failed  known-diffs');
  for (const [name, a] of [...aspects].sort(([x], [y]) => x.localeCompare(y))) {
    console.log(`${name.padEnd(34)} ${String(a.checks).padStart(7)} ${String(a.failed).padStart(7)} ${String(a.known).padStart(12)}`);
  }

  // agreed / (agreed + every difference); the last column leaves out the known ones.
  console.log('\nrule                               BuildKit    ours  agreed  BK-only  ours-only  known  unverified  agreement  w/o known');
  const percent = (part: number, whole: number) => (whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`);
  for (const [name, r] of [...rules].sort(([x], [y]) => x.localeCompare(y))) {
    const implemented = IMPLEMENTED.includes(name);
    const buildkitOnly = r.buildkit - r.matched;
    const oursOnly = r.ours - r.matched - r.unverified;
    const agreement = implemented ? percent(r.matched, r.matched + buildkitOnly + oursOnly).padStart(9) + percent(r.matched, r.matched + buildkitOnly + oursOnly - r.knownDiffs).padStart(11) : 'not implemented';
    console.log(
      `${name.padEnd(34)} ${String(r.buildkit).padStart(8)} ${String(implemented ? r.ours : '-').padStart(7)} ${String(implemented ? r.matched : '-').padStart(7)} ` +
      `${String(implemented ? buildkitOnly : '-').padStart(8)} ${String(implemented ? oursOnly : '-').padStart(10)} ${String(r.knownDiffs).padStart(6)} ${String(r.unverified).padStart(11)}  ${agreement}`,
    );
  }

  if (failures.length) {
    console.log(`\n${failures.length} unknown differences${options.all ? '' : ' (up to 10 per aspect; --all for every one)'}:`);
    const byAspect = new Map<string, typeof failures>();
    for (const f of failures) byAspect.set(f.difference.aspect, [...(byAspect.get(f.difference.aspect) ?? []), f]);
    for (const [aspect, list] of byAspect) {
      console.log(`  ${aspect} (${list.length})`);
      for (const { job, difference } of options.all ? list : list.slice(0, 10)) {
        console.log(`    ${job.id}${difference.line ? `:${difference.line}` : ''}  [${difference.side}] ${difference.detail}`);
      }
    }
  }

  // A generated or mutated failure, shrunk to a small input that still fails; a mutated one
  // keeps its source file, so only its mutations shrink.
  const shrinkMutation = (failing: MutationSpec, aspect: string) =>
    shrink(fc.record({ source: fc.constant(failing.source), mutations: mutationSpec(sources.length).map((s) => s.mutations) }), failing, aspect, (s) => mutatedJob(s, 0), known);
  for (const origin of ['generated', 'mutated'] as const) {
    const index = judged.findIndex((j) => j.job.origin === origin && unknownDifferences(j, known).length > 0);
    if (index < 0) continue;
    const aspect = unknownDifferences(judged[index], known)[0].aspect;
    const shrunk = origin === 'generated'
      ? shrink(generatedSpec, generatedSpecs[index - jobs.findIndex((j) => j.origin === 'generated')], aspect, (s) => generatedJob(s, 0), known)
      : shrinkMutation(mutationSpecs[index - jobs.findIndex((j) => j.origin === 'mutated')], aspect);
    if (!shrunk) continue;
    const lines = shrunk.job.text.split('\n');
    const shown = lines.length > 60 ? [...lines.slice(0, 60), `... (${lines.length - 60} more lines)`] : lines;
    console.log(`\nsmallest ${origin} input found failing (${shrunk.job.id}):\n${shown.map((l) => `    | ${l}`).join('\n')}`);
    for (const d of shrunk.differences) console.log(`    ${d.aspect}${d.line ? `:${d.line}` : ''} [${d.side}] ${d.detail}`);
  }

  // Entries naming a file of the fixed inputs must still match: the list stays true.
  const stale = known.filter((k) => k.matched === 0 && k.id && !/^(generated|mutated)\//.test(k.id));
  for (const k of stale) console.log(`\nstale known difference (matches nothing): ${JSON.stringify(k)}`);
  failed += stale.length;

  fs.mkdirSync(path.dirname(REPORT_FILE), { recursive: true });
  fs.writeFileSync(REPORT_FILE, JSON.stringify({
    options,
    failures: failures.map(({ job, difference }) => ({ id: job.id, ...difference })),
    known: knownHits.map(({ job, difference, entry }) => ({ id: job.id, ...difference, reason: entry.reason })),
  }, null, 1));
  console.log(`\nevery difference: ${path.relative(REPO, REPORT_FILE)}`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

process.exitCode = main();
