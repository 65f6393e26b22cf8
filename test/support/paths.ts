import * as fs from 'fs';
import * as path from 'path';

/** The repository root: the nearest folder above this file with a package.json. */
export function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('no package.json above ' + __dirname);
    dir = parent;
  }
  return dir;
}

/** ../shared beside the checkout, where the corpus and seeds live. */
export function sharedDir(): string {
  return path.resolve(repoRoot(), '..', 'shared');
}

export function listFiles(dir: string, predicate: (name: string) => boolean): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full, predicate));
    else if (predicate(entry.name)) out.push(full);
  }
  return out.sort();
}
