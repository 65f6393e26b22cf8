// The Dockerfiles the oracle judges: the shared corpus, the Dockerfiles in the shared seeds'
// markdown, and our own fixtures.
import * as fs from 'fs';
import * as path from 'path';
import { isMarkerLine } from '../support/markers';

export type Origin = 'corpus' | 'seed' | 'fixture' | 'generated' | 'mutated';

export interface Job {
  id: string;
  text: string;
  origin: Origin;
  /** Corpus features (MANIFEST.tsv), e.g. `template`; known differences can match them. */
  tags: string[];
  buildArgs?: Record<string, string>;
  target?: string;
  /** A variant run of a file already judged in full: only what depends on args and target is compared. */
  variant?: boolean;
}

export const REPO = path.join(__dirname, '..', '..', '..');
export const SHARED = path.join(REPO, '..', 'shared');

export function corpusJobs(dir = path.join(SHARED, 'corpus')): Job[] {
  const manifest = fs.readFileSync(path.join(dir, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1).filter(Boolean);
  return manifest.map((row) => {
    const [file, , , , , , features = ''] = row.split('\t');
    return { id: `corpus/${file}`, text: fs.readFileSync(path.join(dir, file), 'utf8'), origin: 'corpus', tags: features.split(',').filter(Boolean) };
  });
}

const INSTRUCTION = /^(FROM|RUN|CMD|LABEL|MAINTAINER|EXPOSE|ENV|ADD|COPY|ENTRYPOINT|VOLUME|USER|WORKDIR|ARG|ONBUILD|STOPSIGNAL|HEALTHCHECK|SHELL)(\s|$)/;
const DOCKERFILE_LANGUAGES = new Set(['docker', 'dockerfile', 'containerfile']);

/** Fenced blocks that hold Dockerfiles (untagged ones when they start with an instruction). */
export function fencedDockerfiles(markdown: string): string[] {
  const blocks: string[] = [];
  const lines = markdown.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(.*)$/.exec(lines[i]);
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && l.startsWith('```'));
    if (end < 0) break;
    const body = lines.slice(i + 1, end);
    const language = open[1].trim().split(/\s+/)[0];
    const firstCode = body.find((l) => l.trim() && !l.trim().startsWith('#'));
    if (language ? DOCKERFILE_LANGUAGES.has(language.toLowerCase()) : firstCode !== undefined && INSTRUCTION.test(firstCode.trim())) {
      blocks.push(body.join('\n') + '\n');
    }
    i = end;
  }
  return blocks;
}

/** For prose with the Dockerfile interleaved (seed-004): instruction lines and their continuations. */
export function proseDockerfile(markdown: string): string {
  const kept: string[] = [];
  let continued = false;
  for (const line of markdown.split(/\r?\n/)) {
    if (continued || INSTRUCTION.test(line)) {
      kept.push(line);
      continued = /\\\s*$/.test(line);
    }
  }
  return kept.length ? kept.join('\n') + '\n' : '';
}

/** `--build-arg K=V` values the prose shows; an unquoted value ends at a shell operator. */
export function buildArgsIn(markdown: string): Array<[string, string]> {
  const found = new Map<string, [string, string]>();
  const pattern = /--build-arg[ =]([A-Za-z_][A-Za-z0-9_]*)=(?:"([^"]*)"|'([^']*)'|([^\s|;&`"']*))/g;
  for (const m of markdown.matchAll(pattern)) {
    const value = m[2] ?? m[3] ?? m[4] ?? '';
    found.set(`${m[1]}=${value}`, [m[1], value]);
  }
  return [...found.values()];
}

/** Every named stage of a block as a target too, so reachability is checked per target. */
function stageNames(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/^[ \t]*FROM[ \t]+(?:--\S+[ \t]+)*\S+[ \t]+AS[ \t]+(\S+)/gim)) names.add(m[1].toLowerCase());
  return [...names];
}

export function seedJobs(dir = path.join(SHARED, 'seeds')): Job[] {
  const jobs: Job[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.md')).sort()) {
    const markdown = fs.readFileSync(path.join(dir, file), 'utf8');
    let blocks = fencedDockerfiles(markdown);
    if (blocks.length === 0) blocks = [proseDockerfile(markdown)].filter(Boolean);
    const args = buildArgsIn(markdown);
    blocks.forEach((text, n) => {
      const id = `seeds/${file}#${n + 1}`;
      jobs.push({ id, text, origin: 'seed', tags: [] });
      for (const [key, value] of args) {
        if (!text.includes(key)) continue;
        jobs.push({ id: `${id} --build-arg ${key}=${value}`, text, origin: 'seed', tags: [], buildArgs: { [key]: value }, variant: true });
      }
      for (const target of stageNames(text)) {
        jobs.push({ id: `${id} --target ${target}`, text, origin: 'seed', tags: [], target, variant: true });
      }
    });
  }
  return jobs;
}

/** A fixture as the analysis sees it: without its `$0` cursor, marker lines and `# expect` lines. */
export function fixtureText(source: string): string {
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  return source.split(/\r?\n/)
    .filter((l) => !isMarkerLine(l) && !/^#\s*expect\s/.test(l))
    .map((l) => l.replace('$0', ''))
    .join(eol);
}

/** The first words of a fixture line that keeps the file from the oracle, followed by the reason. */
export const ORACLE_SKIP = '# oracle-skip:';

export function fixtureJobs(dir = path.join(REPO, 'test', 'fixtures')): Job[] {
  const jobs: Job[] = [];
  const walk = (d: string) => {
    if (!fs.existsSync(d)) return;
    for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.Dockerfile')) {
        // A fixture's options sit beside it (`x.options.json` for `x.Dockerfile`).
        const optionsFile = full.replace(/(\.fixed)?\.Dockerfile$/, '.options.json');
        const options = fs.existsSync(optionsFile) ? JSON.parse(fs.readFileSync(optionsFile, 'utf8')) : {};
        // podman's semantics are not BuildKit's: the oracle has nothing to say there.
        if (options.builder && options.builder !== 'buildkit') continue;
        const text = fs.readFileSync(full, 'utf8');
        // A fixture built to exhaust an expander (BuildKit's too) says so on a line of its own.
        if (text.split('\n').some((line) => line.startsWith(ORACLE_SKIP))) continue;
        jobs.push({
          id: `fixtures/${path.relative(dir, full).split(path.sep).join('/')}`, text: fixtureText(text), origin: 'fixture', tags: [],
          buildArgs: options.buildArgs, target: options.target,
        });
      }
    }
  };
  walk(dir);
  return jobs;
}

/** For multi-stage corpus files, one more run with the first named stage as target. */
export function targetVariants(jobs: Job[]): Job[] {
  const variants: Job[] = [];
  for (const job of jobs) {
    const names = stageNames(job.text);
    if (names.length < 2) continue;
    variants.push({ ...job, id: `${job.id} --target ${names[0]}`, target: names[0], variant: true });
  }
  return variants;
}
