// The .dockerignore that applies to a Dockerfile on disk: `<name>.dockerignore` beside it
// (BuildKit's per-Dockerfile ignore file), else `.dockerignore` in its folder, taken as the
// build context. Read again only when the file changes.
// A workspace is untrusted: the file may be a FIFO, a device, a link into /proc (size 0, endless)
// or unreadable. Only regular files are read, never more than MAX_BYTES, and a failure is
// reported once and then treated as "no .dockerignore".
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';
import { readDescriptor } from './boundedRead';

/** Larger ignore files are left unread: BuildKit's own are a few kilobytes. */
export const MAX_DOCKERIGNORE_BYTES = 1024 * 1024;

interface Cached {
  mtimeMs: number;
  size: number;
  patterns: string[];
}

/** What happened to an ignore file that exists but cannot be used. */
export type DockerignoreProblem = (file: string, reason: string) => void;

export class DockerignoreReader {
  private readonly cache = new Map<string, Cached>();
  /** Files whose problem was reported, so it is said once, not on every keystroke. */
  private readonly reported = new Set<string>();

  constructor(private readonly onProblem: DockerignoreProblem = () => undefined) {}

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
      const read = this.read(candidate);
      // One that exists but cannot be read ends the search: the folder's would not be BuildKit's choice.
      if (read !== 'absent') return read;
    }
    return undefined;
  }

  private read(file: string): string[] | undefined | 'absent' {
    let fd: number | undefined;
    try {
      const link = fs.lstatSync(file, { throwIfNoEntry: false });
      if (!link) {
        this.forget(file);
        return 'absent';
      }
      if (link.isSymbolicLink() && isSystemPath(fs.realpathSync(file))) return this.problem(file, 'it links into a system folder');
      // Non-blocking, so that opening a FIFO returns at once; fstat then says what was opened.
      fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
      const stat = fs.fstatSync(fd);
      if (!stat.isFile()) return this.problem(file, 'it is not a regular file');
      const cached = this.cache.get(file);
      if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.patterns;
      // The size stat gives is not trusted (files in /proc say 0): read until the limit, no further.
      const bytes = readDescriptor(fd, MAX_DOCKERIGNORE_BYTES, false);
      if (bytes === undefined) return this.problem(file, `it is larger than ${MAX_DOCKERIGNORE_BYTES} bytes`);
      const text = bytes.toString('utf8');
      const patterns = parseDockerignore(text);
      this.cache.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, patterns });
      this.reported.delete(file);
      return patterns;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        this.forget(file);
        return 'absent';
      }
      return this.problem(file, code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (error as Error).message);
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }

  private problem(file: string, reason: string): undefined {
    this.cache.delete(file);
    if (!this.reported.has(file)) {
      this.reported.add(file);
      this.onProblem(file, reason);
    }
    return undefined;
  }

  private forget(file: string): void {
    this.cache.delete(file);
    this.reported.delete(file);
  }
}

function isSystemPath(real: string): boolean {
  return ['/proc', '/sys', '/dev'].some((root) => real === root || real.startsWith(root + '/'));
}

/** Lines of a .dockerignore without comments and blanks, as BuildKit reads them. */
export function parseDockerignore(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}
