// The shared corpus of real Dockerfiles and what MANIFEST.tsv says of each.
import * as fs from 'fs';
import * as path from 'path';
import { sharedDir } from '../support/paths';

export interface CorpusFile {
  name: string;
  path: string;
  features: string[];
  /** Templates (MANIFEST feature `template`) are not buildable as they stand. */
  buildable: boolean;
}

export function corpusDir(): string {
  return path.join(sharedDir(), 'corpus');
}

export function loadCorpus(): CorpusFile[] {
  const manifest = path.join(corpusDir(), 'MANIFEST.tsv');
  if (!fs.existsSync(manifest)) return [];
  const lines = fs.readFileSync(manifest, 'utf8').split('\n').slice(1).filter(Boolean);
  return lines.map((line) => {
    const cols = line.split('\t');
    const features = (cols[6] ?? '').split(',').filter(Boolean);
    return { name: cols[0], path: path.join(corpusDir(), cols[0]), features, buildable: !features.includes('template') };
  });
}
