// test/oracle/known-differences.json: the differences with BuildKit we accept, each with a reason.
// An entry matches a difference when every field it sets matches.
import * as fs from 'fs';
import type { Difference } from './aspects';
import type { Job } from './inputs';

export interface KnownDifference {
  /** Job id, `*` as wildcard (`corpus/docker-library__*`). */
  id?: string;
  /** A corpus feature of the file (MANIFEST.tsv), e.g. `template`. */
  tag?: string;
  /** Aspect, `*` as wildcard (`lint:UndefinedVar`, `error`). */
  aspect?: string;
  side?: Difference['side'];
  /** Regular expression searched in the difference's detail. */
  detail?: string;
  /** A fact the comparison established, e.g. `may-come-from-base-image`. */
  when?: string;
  reason: string;
}

export interface LoadedKnownDifference extends KnownDifference {
  matched: number;
}

const glob = (pattern: string) => new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);

export function loadKnownDifferences(file: string): LoadedKnownDifference[] {
  const entries = JSON.parse(fs.readFileSync(file, 'utf8')) as KnownDifference[];
  return entries.map((entry, i) => {
    if (!entry.reason || !entry.reason.trim()) throw new Error(`${file}: entry ${i} has no reason`);
    if (!entry.id && !entry.tag && !entry.aspect && !entry.detail && !entry.when) throw new Error(`${file}: entry ${i} matches everything`);
    return { ...entry, matched: 0 };
  });
}

export function findKnown(known: LoadedKnownDifference[], job: Job, difference: Difference): LoadedKnownDifference | undefined {
  return known.find((k) =>
    (!k.id || glob(k.id).test(job.id)) &&
    (!k.tag || job.tags.includes(k.tag)) &&
    (!k.aspect || glob(k.aspect).test(difference.aspect)) &&
    (!k.side || k.side === difference.side) &&
    (!k.detail || new RegExp(k.detail).test(difference.detail)) &&
    (!k.when || difference.facts.includes(k.when)));
}
