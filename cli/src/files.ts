// Which files a `check` or `fix` reads, and how: folders walked without following links, skipping
// node_modules, .git and what .gitignore ignores; only regular files, read with a byte limit
// (a FIFO would block, /proc files report size 0 and never end).
import * as fs from 'fs';
import * as path from 'path';
import ignore, { Ignore } from 'ignore';
import picomatch from 'picomatch';
import { readDescriptor, readRegularFile } from '../../server/src/boundedRead';

/** Larger than any real Dockerfile; the analysis of bigger input is not worth the wait. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;
const MAX_GITIGNORE_BYTES = 1024 * 1024;

const DOCKERFILE_NAME = /^(Dockerfile|Containerfile)(\..+)?$|\.(dockerfile|Dockerfile|containerfile|Containerfile)$/;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

export class ReadError extends Error {}

/** Reads a regular file (or stdin when `file` is '-'), at most `limit` bytes. */
export function readLimited(file: string, limit = MAX_FILE_BYTES): Buffer {
  const tooLarge = () => new ReadError(`larger than ${Math.round(limit / 1024 / 1024)} MB`);
  if (file === '-') {
    const bytes = readDescriptor(0, limit, true);
    if (!bytes) throw tooLarge();
    return bytes;
  }
  const read = readRegularFile(file, limit);
  if (read.kind === 'notRegular') throw new ReadError('not a regular file');
  if (read.kind === 'tooLarge') throw tooLarge();
  return read.bytes;
}

export function readFailure(error: unknown): string {
  if (error instanceof ReadError) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  const reasons: Record<string, string> = {
    ENOENT: 'no such file or folder',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EISDIR: 'is a folder',
    ELOOP: 'too many symbolic links',
    ENAMETOOLONG: 'name too long',
  };
  return (code && reasons[code]) || (error as Error).message;
}

export interface Collected {
  files: string[];
  /** One line per path that could not be read or matched nothing. */
  errors: { path: string; message: string }[];
}

/** Files named by the PATH arguments: files as given, folders searched, globs matched. */
export function collectFiles(targets: string[]): Collected {
  const collected: Collected = { files: [], errors: [] };
  const seen = new Set<string>();
  const add = (file: string) => {
    if (!seen.has(file)) {
      seen.add(file);
      collected.files.push(file);
    }
  };
  for (const target of targets) {
    if (target === '-') {
      add(target);
      continue;
    }
    let stat: fs.Stats | undefined;
    const pattern = picomatch.scan(target);
    try {
      stat = fs.statSync(target);
    } catch (e) {
      if (!pattern.isGlob) {
        collected.errors.push({ path: target, message: readFailure(e) });
        continue;
      }
    }
    if (stat && !stat.isDirectory()) {
      add(target);
      continue;
    }
    // Counted per argument: a file that an earlier argument found still counts as a match here.
    let matched = 0;
    const addMatch = (file: string) => {
      matched++;
      add(file);
    };
    if (stat) {
      walk(target, (file) => DOCKERFILE_NAME.test(path.basename(file)), addMatch, collected, enclosingIgnores(target, collected));
      if (matched === 0) collected.errors.push({ path: target, message: 'no Dockerfile in this folder' });
    } else {
      const matches = picomatch(pattern.glob, { dot: false });
      const root = pattern.base || '.';
      walk(root, (file) => matches(path.relative(root, file).split(path.sep).join('/')), addMatch, collected, enclosingIgnores(root, collected));
      if (matched === 0) collected.errors.push({ path: target, message: 'no file matches this pattern' });
    }
  }
  return collected;
}

interface IgnoreScope {
  folder: string;
  rules: Ignore;
}

/**
 * The .gitignore files above `folder` that still apply to it: those from the repository's root
 * (the nearest folder above with a .git) down, else from the current folder down.
 */
function enclosingIgnores(folder: string, collected: Collected): IgnoreScope[] {
  const start = path.resolve(folder);
  let top: string | undefined;
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) {
      top = dir;
      break;
    }
    if (path.dirname(dir) === dir) break;
  }
  const cwd = process.cwd();
  top ??= start.startsWith(cwd + path.sep) ? cwd : undefined;
  const scopes: IgnoreScope[] = [];
  if (top === undefined || top === start) return scopes;
  const above: string[] = [];
  for (let dir = path.dirname(start); dir.length >= top.length; dir = path.dirname(dir)) {
    above.unshift(dir);
    if (dir === top) break;
  }
  for (const dir of above) {
    const scope = readGitignore(dir, collected);
    if (scope) scopes.push(scope);
  }
  return scopes;
}

function readGitignore(folder: string, collected: Collected): IgnoreScope | undefined {
  const file = path.join(folder, '.gitignore');
  try {
    if (!fs.statSync(file).isFile()) return undefined;
    return { folder, rules: ignore().add(readLimited(file, MAX_GITIGNORE_BYTES).toString('utf8')) };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') collected.errors.push({ path: file, message: readFailure(e) });
    return undefined;
  }
}

function walk(folder: string, wanted: (file: string) => boolean, add: (file: string) => void, collected: Collected, scopes: IgnoreScope[] = []): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch (e) {
    collected.errors.push({ path: folder, message: `cannot read folder: ${readFailure(e)}` });
    return;
  }
  if (entries.some((e) => e.name === '.gitignore' && e.isFile())) {
    const scope = readGitignore(folder, collected);
    if (scope) scopes = [...scopes, scope];
  }
  const ignored = (full: string, isFolder: boolean) =>
    scopes.some((scope) => {
      const relative = path.relative(scope.folder, full).split(path.sep).join('/');
      return relative !== '' && scope.rules.ignores(isFolder ? `${relative}/` : relative);
    });
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      // Links to folders are not followed: a loop would never end.
      if (!SKIPPED_FOLDERS.has(entry.name) && !ignored(full, true)) walk(full, wanted, add, collected, scopes);
    } else if ((entry.isFile() || (entry.isSymbolicLink() && isFileBehindLink(full))) && wanted(full) && !ignored(full, false)) {
      add(full);
    }
  }
}

function isFileBehindLink(link: string): boolean {
  try {
    return fs.statSync(link).isFile();
  } catch {
    return false;
  }
}
