// The Dockerfiles under the workspace folders, for workspace symbols. Open documents come from
// the server's own cache; files on disk are analysed once per modification time.
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { analyze, Analysis } from '../analysis';

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
}

const DEFAULT_LIMITS: WorkspaceLimits = { maxFiles: 2000, maxDirectories: 10000, maxFileBytes: 1 << 20 };

export function isDockerfileName(name: string): boolean {
  return DOCKERFILE_NAME.test(name);
}

interface CachedFile {
  mtimeMs: number;
  size: number;
  analysis: Analysis;
}

export class WorkspaceDockerfiles {
  private readonly folders = new Set<string>();
  private readonly analyses = new Map<string, CachedFile>();

  constructor(private readonly limits: WorkspaceLimits = DEFAULT_LIMITS) {}

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
      for (const file of this.analyses.keys()) if (file.startsWith(folder + path.sep)) this.analyses.delete(file);
    }
  }

  /** Every Dockerfile under the folders, analysed, except the uris given (the open documents). */
  async files(except: Set<string>): Promise<{ uri: string; analysis: Analysis }[]> {
    const result: { uri: string; analysis: Analysis }[] = [];
    // Compared as paths: clients spell file uris differently (`c%3A` or `C:`).
    const open = new Set([...except].map(fsPath).filter((p): p is string => p !== undefined));
    for (const file of await this.list()) {
      if (open.has(file)) continue;
      const uri = pathToFileURL(file).toString();
      const analysis = await this.analysisOf(file);
      if (analysis) result.push({ uri, analysis });
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

  private async analysisOf(file: string): Promise<Analysis | undefined> {
    try {
      const stat = await fs.promises.stat(file);
      if (stat.size > this.limits.maxFileBytes) return undefined;
      const cached = this.analyses.get(file);
      if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.analysis;
      const analysis = analyze(await fs.promises.readFile(file, 'utf8'));
      this.analyses.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, analysis });
      return analysis;
    } catch {
      this.analyses.delete(file);
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
