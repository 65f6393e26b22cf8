// The Dockerfiles under the workspace folders, for workspace symbols. Open documents come from
// the server's own cache; files on disk are analysed once per modification time, and only their
// symbols (names and positions) are kept, for a bounded number of files.
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { analyze } from '../analysis';
import { readRegularFileAsync } from '../boundedRead';
import { IndexedFile, IndexedSymbol, indexSymbols } from './workspaceSymbols';

// The file names the extension's language contribution claims (package.json), compared without case.
const DOCKERFILE_NAME = /^(?:dockerfile|containerfile)(?:\..+)?$|.\.(?:dockerfile|containerfile)$/i;
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn']);

export interface WorkspaceLimits {
  /** Files listed at most, so a huge workspace cannot stall the server. */
  maxFiles: number;
  /** Directories read at most. */
  maxDirectories: number;
  /** Larger files are not Dockerfiles anyone edits by hand. */
  maxFileBytes: number;
  /** Files whose symbols are kept, the least recently asked for dropped first. */
  maxCachedFiles: number;
}

const DEFAULT_LIMITS: WorkspaceLimits = { maxFiles: 2000, maxDirectories: 10000, maxFileBytes: 256 * 1024, maxCachedFiles: 500 };

export function isDockerfileName(name: string): boolean {
  return DOCKERFILE_NAME.test(name);
}

interface CachedFile {
  mtimeMs: number;
  size: number;
  symbols: IndexedSymbol[];
}

export class WorkspaceDockerfiles {
  private readonly folders = new Set<string>();
  /** By path, in least-recently-used order (a Map keeps insertion order). */
  private readonly indexed = new Map<string, CachedFile>();
  private readonly limits: WorkspaceLimits;

  constructor(limits: Partial<WorkspaceLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  /** How many files' symbols are kept. */
  get cachedFiles(): number {
    return this.indexed.size;
  }

  /** Adds folders by uri; folders that are not `file:` uris cannot be read with fs and are ignored. */
  addFolders(uris: string[]): void {
    for (const uri of uris) {
      const folder = fsPath(uri);
      if (folder) this.folders.add(folder);
    }
  }

  removeFolders(uris: string[]): void {
    for (const uri of uris) {
      const folder = fsPath(uri);
      if (!folder) continue;
      this.folders.delete(folder);
      for (const file of this.indexed.keys()) if (file.startsWith(folder + path.sep)) this.indexed.delete(file);
    }
  }

  /** The symbols of every Dockerfile under the folders, except the uris given (the open documents). */
  async files(except: Set<string>): Promise<IndexedFile[]> {
    const result: IndexedFile[] = [];
    // Compared as paths: clients spell file uris differently (`c%3A` or `C:`).
    const open = new Set([...except].map(fsPath).filter((p): p is string => p !== undefined));
    for (const file of await this.list()) {
      if (open.has(file)) continue;
      const uri = pathToFileURL(file).toString();
      const symbols = await this.symbolsOf(file);
      if (symbols) result.push({ uri, symbols });
    }
    return result;
  }

  private async list(): Promise<string[]> {
    const files: string[] = [];
    const queue = [...this.folders];
    let directories = 0;
    while (queue.length && files.length < this.limits.maxFiles && directories < this.limits.maxDirectories) {
      const dir = queue.shift()!;
      directories++;
      let entries: fs.Dirent[];
      try {
        entries = await fs.promises.readdir(dir, { withFileTypes: true });
      } catch {
        continue; // unreadable or gone: skip it
      }
      for (const entry of entries) {
        // Symbolic links are not followed: they can loop.
        if (entry.isDirectory() && !SKIPPED_DIRECTORIES.has(entry.name)) queue.push(path.join(dir, entry.name));
        else if (entry.isFile() && isDockerfileName(entry.name)) files.push(path.join(dir, entry.name));
      }
    }
    return files.slice(0, this.limits.maxFiles).sort();
  }

  private async symbolsOf(file: string): Promise<IndexedSymbol[] | undefined> {
    try {
      const stat = await fs.promises.stat(file);
      if (!stat.isFile() || stat.size > this.limits.maxFileBytes) return undefined;
      const cached = this.indexed.get(file);
      if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) {
        this.indexed.delete(file); // re-inserted: now the most recently used
        this.indexed.set(file, cached);
        return cached.symbols;
      }
      const read = await readRegularFileAsync(file, this.limits.maxFileBytes);
      if (read.kind !== 'text') return undefined;
      const text = read.bytes.toString('utf8');
      const symbols = indexSymbols(analyze(text));
      this.indexed.delete(file);
      this.indexed.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, symbols });
      while (this.indexed.size > this.limits.maxCachedFiles) this.indexed.delete(this.indexed.keys().next().value!);
      return symbols;
    } catch {
      this.indexed.delete(file);
      return undefined;
    }
  }
}

function fsPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.normalize(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}
