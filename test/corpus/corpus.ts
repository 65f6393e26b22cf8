// Real Dockerfiles and what a MANIFEST.tsv says of each: the shared corpus beside the checkout
// (../shared/corpus, 571 files) and the small set kept in the repository (test/fixtures/real).
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot, sharedDir } from '../support/paths';

export interface CorpusFile {
  name: string;
  path: string;
  stages: number;
  features: string[];
  /** Templates (MANIFEST feature `template`) are not buildable as they stand. */
  buildable: boolean;
}

export function corpusDir(): string {
  return path.join(sharedDir(), 'corpus');
}

/** The rows of `dir/MANIFEST.tsv` (file, repo, commit, path, license, stages, features); none when it is missing. */
export function loadManifest(dir: string): CorpusFile[] {
  const manifest = path.join(dir, 'MANIFEST.tsv');
  if (!fs.existsSync(manifest)) return [];
  const lines = fs.readFileSync(manifest, 'utf8').split('\n').slice(1).filter(Boolean);
  return lines.map((line) => {
    const cols = line.split('\t');
    const features = (cols[6] ?? '').split(',').filter(Boolean);
    return { name: cols[0], path: path.join(dir, cols[0]), stages: Number(cols[5]), features, buildable: !features.includes('template') };
  });
}

export function loadCorpus(): CorpusFile[] {
  return loadManifest(corpusDir());
}

export interface RealDockerfileSet {
  label: string;
  files: CorpusFile[];
  /** node:test's `skip`: false, or why the set is not here. */
  skip: string | false;
}

/** What the tests over real Dockerfiles run on: the set in the repository always, the full corpus when ../shared is there. */
export function realDockerfileSets(): RealDockerfileSet[] {
  const corpus = loadCorpus();
  return [
    { label: 'test/fixtures/real', files: loadManifest(path.join(repoRoot(), 'test', 'fixtures', 'real')), skip: false },
    { label: 'corpus', files: corpus, skip: corpus.length ? false : `no corpus at ${corpusDir()}: it needs ../shared beside the checkout` },
  ];
}
