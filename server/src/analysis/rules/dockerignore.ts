// .dockerignore patterns as BuildKit reads and matches them: moby/patternmatcher (v0.6) and its
// ignorefile reader, on Linux paths.

/** Go's path.Clean: the shortest path naming the same file, lexically. */
export function cleanPath(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length && parts[parts.length - 1] !== '..') parts.pop();
      else if (!rooted) parts.push('..');
      continue;
    }
    parts.push(part);
  }
  const joined = parts.join('/');
  return rooted ? '/' + joined : joined || '.';
}

/** A line of a .dockerignore as ignorefile.ReadAll turns it into a pattern; undefined for comments and blanks. */
export function normalizeIgnoreLine(line: string): string | undefined {
  if (line.startsWith('#')) return undefined;
  let pattern = line.trim();
  if (pattern === '') return undefined;
  const invert = pattern.startsWith('!');
  if (invert) pattern = pattern.slice(1).trim();
  if (pattern) {
    pattern = cleanPath(pattern);
    if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
  }
  return invert ? '!' + pattern : pattern;
}

type Matcher = (path: string) => boolean;

/** patternmatcher's Pattern.compile: exact, prefix (`dir/**`), suffix (`**\/name`) or regular expression. */
function compilePattern(pattern: string): Matcher | undefined {
  let regex = '^';
  let type: 'exact' | 'prefix' | 'suffix' | 'regexp' = 'exact';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        const atStart = i === 0;
        i++;
        if (pattern[i + 1] === '/') i++;
        if (i + 1 >= pattern.length) {
          if (type === 'exact') type = 'prefix';
          else {
            regex += '.*';
            type = 'regexp';
          }
        } else {
          regex += '(.*/)?';
          type = 'regexp';
        }
        // `**` first: the rest may match at any depth.
        if (atStart) type = 'suffix';
      } else {
        regex += '[^/]*';
        type = 'regexp';
      }
    } else if (c === '?') {
      regex += '[^/]';
      type = 'regexp';
    } else if ('.+()|{}$'.includes(c)) {
      regex += '\\' + c;
    } else if (c === '\\') {
      if (i + 1 < pattern.length) {
        regex += '\\' + pattern[++i];
        type = 'regexp';
      } else {
        regex += '\\\\';
      }
    } else if (c === '[' || c === ']') {
      regex += c;
      type = 'regexp';
    } else {
      regex += c;
    }
  }
  switch (type) {
    case 'exact':
      return (path) => path === pattern;
    case 'prefix': {
      const prefix = pattern.slice(0, -2);
      return (path) => path.startsWith(prefix);
    }
    case 'suffix': {
      const suffix = pattern.slice(2);
      return (path) => path.endsWith(suffix) || (suffix.startsWith('/') && path === suffix.slice(1));
    }
    default:
      try {
        const compiled = new RegExp(regex + '$');
        return (path) => compiled.test(path);
      } catch {
        return undefined;
      }
  }
}

/** A `[` class that never closes, or a trailing `\`: Go's filepath.Match refuses the pattern. */
function isBadPattern(pattern: string): boolean {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      if (i + 1 >= pattern.length) return true;
      i++;
    } else if (c === '[' && !inClass) inClass = true;
    else if (c === ']' && inClass) inClass = false;
  }
  return inClass;
}

export interface IgnoreMatcher {
  /** A pattern starts with `!`: BuildKit then does not check COPY sources at all. */
  exclusions: boolean;
  patterns: string[];
  /** patternmatcher's MatchesOrParentMatches: the path or one of its parent folders is ignored. */
  ignores(path: string): boolean;
}

/** undefined when a pattern is malformed: BuildKit fails the build before linting. */
export function ignoreMatcher(lines: readonly string[]): IgnoreMatcher | undefined {
  const compiled: { pattern: string; exclusion: boolean; match: Matcher }[] = [];
  for (const line of lines) {
    let pattern = normalizeIgnoreLine(line);
    if (pattern === undefined) continue;
    pattern = cleanPath(pattern);
    const exclusion = pattern.startsWith('!');
    if (exclusion) {
      if (pattern.length === 1) return undefined;
      pattern = pattern.slice(1);
    }
    const match = isBadPattern(pattern) ? undefined : compilePattern(pattern);
    if (!match) return undefined;
    compiled.push({ pattern, exclusion, match });
  }
  return {
    exclusions: compiled.some((p) => p.exclusion),
    patterns: compiled.map((p) => (p.exclusion ? '!' : '') + p.pattern),
    ignores(path) {
      const parent = path.includes('/') ? cleanPath(path.slice(0, path.lastIndexOf('/')) || '/') : '.';
      const parentDirs = parent.split('/');
      let matched = false;
      for (const { exclusion, match } of compiled) {
        if (exclusion !== matched) continue;
        let hit = match(path);
        if (!hit && parent !== '.') {
          for (let i = 0; i < parentDirs.length && !hit; i++) hit = match(parentDirs.slice(0, i + 1).join('/'));
        }
        if (hit) matched = !exclusion;
      }
      return matched;
    },
  };
}
