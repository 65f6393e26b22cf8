// The .dockerignore that applies to a Dockerfile on disk: `<name>.dockerignore` beside it
// (BuildKit's per-Dockerfile ignore file), else `.dockerignore` in its folder, taken as the
// build context. Read again only when the file changes.
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';

interface Cached {
  mtimeMs: number;
  patterns: string[];
}

export class DockerignoreReader {
  private readonly cache = new Map<string, Cached>();

  /** Patterns for the Dockerfile at `uri`, or undefined when there is no ignore file (or no disk). */
  patternsFor(uri: string): string[] | undefined {
    if (!uri.startsWith('file:')) return undefined;
    let file: string;
    try {
      file = fileURLToPath(uri);
    } catch {
      return undefined;
    }
    for (const candidate of [`${file}.dockerignore`, path.join(path.dirname(file), '.dockerignore')]) {
      const patterns = this.read(candidate);
      if (patterns) return patterns;
    }
    return undefined;
  }

  private read(file: string): string[] | undefined {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      this.cache.delete(file);
      return undefined;
    }
    if (!stat.isFile() || stat.size > 1024 * 1024) return undefined;
    const cached = this.cache.get(file);
    if (cached && cached.mtimeMs === stat.mtimeMs) return cached.patterns;
    const patterns = parseDockerignore(fs.readFileSync(file, 'utf8'));
    this.cache.set(file, { mtimeMs: stat.mtimeMs, patterns });
    return patterns;
  }
}

/** Lines of a .dockerignore without comments and blanks, as BuildKit reads them. */
export function parseDockerignore(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}
