// Glob matching without regular expressions: one NFA simulation, O(length of text x tokens of
// pattern) whatever the input, so no pattern from a Dockerfile, a setting or a .dockerignore can
// backtrack. Hand-written because no maintained package both stays linear and matches BuildKit's
// two dialects (shell/lex.go for `${A%glob}`, patternmatcher for .dockerignore) exactly.

/** One step of a pattern: a character it consumes, or a run of such characters (`*`). */
export interface GlobToken {
  accepts: (c: string) => boolean;
  /** Zero or more characters `accepts` takes, rather than exactly one. */
  repeats: boolean;
  /** Reads nothing: the match goes on with the next token or jumps to this one (patternmatcher's optional group). */
  skipTo?: number;
  /** Matches no character, only at the start of the text (a bare `^` in a .dockerignore regexp). */
  atStartOnly?: boolean;
}

const NONE = -1;

/** Characters of a string as BuildKit's Go code sees them: code points, not UTF-16 units. */
export function codePoints(text: string): string[] {
  return Array.from(text);
}

/**
 * Follows every way `tokens` can read chars[from..]: for each end position, the earliest start a
 * match ending there can have. `anchored` starts at `from` only; otherwise at every position, as
 * an unanchored search does. `stop(end, start)` ends the walk early when it returns true.
 */
function simulate(
  tokens: readonly GlobToken[],
  chars: readonly string[],
  from: number,
  anchored: boolean,
  onMatch: (start: number, end: number) => boolean,
): void {
  const m = tokens.length;
  let current = new Int32Array(m + 1).fill(NONE);
  let next = new Int32Array(m + 1).fill(NONE);
  let best = NONE;
  for (let i = from; i <= chars.length; i++) {
    // A later start can never beat the earliest one found: stop seeding once there is a match.
    if ((!anchored || i === from) && best === NONE) offer(current, 0, i);
    closeOver(tokens, current, i);
    if (current[m] !== NONE) {
      if (best === NONE || current[m] <= best) best = current[m];
      if (onMatch(current[m], i)) return;
    }
    if (i === chars.length) return;
    const c = chars[i];
    next.fill(NONE);
    let alive = false;
    for (let k = 0; k < m; k++) {
      const start = current[k];
      if (start === NONE || (best !== NONE && start > best)) continue;
      const token = tokens[k];
      if (token.atStartOnly || token.skipTo !== undefined || !token.accepts(c)) continue;
      offer(next, token.repeats ? k : k + 1, start);
      alive = true;
    }
    if (!alive && (anchored || best !== NONE)) return;
    [current, next] = [next, current];
  }
}

function offer(states: Int32Array, state: number, start: number): void {
  if (states[state] === NONE || start < states[state]) states[state] = start;
}

/** Moves threads along the moves that read nothing; they all go forward, so one pass is enough. */
function closeOver(tokens: readonly GlobToken[], states: Int32Array, position: number): void {
  for (let k = 0; k < tokens.length; k++) {
    const start = states[k];
    if (start === NONE) continue;
    const token = tokens[k];
    if (token.repeats) offer(states, k + 1, start);
    if (token.skipTo !== undefined) {
      offer(states, k + 1, start);
      offer(states, token.skipTo, start);
    }
    if (token.atStartOnly && position === 0) offer(states, k + 1, start);
  }
}

/** The whole of `chars` matches the pattern. */
export function matchesWhole(tokens: readonly GlobToken[], chars: readonly string[]): boolean {
  let whole = false;
  simulate(tokens, chars, 0, true, (_, end) => {
    whole = end === chars.length;
    return false;
  });
  return whole;
}

/** The end of the shortest or longest prefix of chars[from..] the pattern matches, or -1. */
export function prefixEnd(tokens: readonly GlobToken[], chars: readonly string[], longest: boolean): number {
  let end = NONE;
  simulate(tokens, chars, 0, true, (_, at) => {
    end = at;
    return !longest;
  });
  return end;
}

/** The leftmost match starting at or after `from`, the longest from that start (Go's leftmost-first with greedy stars). */
export function findLeftmost(tokens: readonly GlobToken[], chars: readonly string[], from: number): { start: number; end: number } | undefined {
  let found: { start: number; end: number } | undefined;
  simulate(tokens, chars, from, false, (start, end) => {
    if (!found || start < found.start) found = { start, end };
    else if (start === found.start) found.end = end;
    return false;
  });
  return found;
}

// ---- The shell's dialect: `${VAR#glob}`, `%`, `/`, as BuildKit's shell lexer reads it ----

const anyChar = (): boolean => true;

/**
 * A `${VAR#…}` glob as BuildKit reads it (shell/lex.go convertShellPatternToRegex): `*` any
 * string, `?` any one character, `\` makes `*`, `?`, `\` literal and is dropped before `}` and
 * `/`; there are no bracket expressions. Another escape BuildKit refuses; it is literal here.
 */
export function shellPattern(pattern: string): GlobToken[] {
  const chars = codePoints(pattern);
  const tokens: GlobToken[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === '*') {
      if (!tokens[tokens.length - 1]?.repeats) tokens.push({ accepts: anyChar, repeats: true });
    } else if (c === '?') {
      tokens.push({ accepts: anyChar, repeats: false });
    } else {
      const literal = c === '\\' && i + 1 < chars.length ? chars[++i] : c;
      tokens.push({ accepts: (x) => x === literal, repeats: false });
    }
  }
  return tokens;
}

/** The pattern read backwards, escapes kept with what they escape (BuildKit's reversePattern). */
function reversedTokens(tokens: GlobToken[]): GlobToken[] {
  return [...tokens].reverse();
}

/** `${VAR#glob}` (shortest) and `${VAR##glob}` (longest): the value without the matching prefix. */
export function trimShellPrefix(value: string, pattern: string, longest: boolean): string {
  const chars = codePoints(value);
  const end = prefixEnd(shellPattern(pattern), chars, longest);
  return end === NONE ? value : chars.slice(end).join('');
}

/** `${VAR%glob}` (shortest) and `${VAR%%glob}` (longest): BuildKit reverses both and trims a prefix. */
export function trimShellSuffix(value: string, pattern: string, longest: boolean): string {
  const reversed = codePoints(value).reverse();
  const end = prefixEnd(reversedTokens(shellPattern(pattern)), reversed, longest);
  return end === NONE ? value : reversed.slice(end).reverse().join('');
}

/**
 * `${VAR/glob/repl}` (first match) and `${VAR//glob/repl}` (every match), with Go's
 * Regexp.ReplaceAllString rules for empty matches, as BuildKit calls it. undefined when the result
 * would be longer than `limit`.
 */
export function replaceShellPattern(value: string, pattern: string, replacement: string, all: boolean, limit = Infinity): string | undefined {
  const tokens = shellPattern(pattern);
  const chars = codePoints(value);
  if (!all) {
    const match = findLeftmost(tokens, chars, 0);
    const replaced = match ? chars.slice(0, match.start).join('') + replacement + chars.slice(match.end).join('') : value;
    return replaced.length > limit ? undefined : replaced;
  }
  const template = goTemplate(replacement);
  const out: string[] = [];
  let length = 0;
  let lastMatchEnd = 0;
  let searchFrom = 0;
  while (searchFrom <= chars.length) {
    const match = findLeftmost(tokens, chars, searchFrom);
    if (!match) break;
    const kept = chars.slice(lastMatchEnd, match.start).join('');
    out.push(kept);
    length += kept.length;
    // Go skips an empty match right after another match, so `*` does not replace twice.
    if (match.end > lastMatchEnd || match.start === 0) {
      const inserted = template.map((part) => (part === MATCH ? chars.slice(match.start, match.end).join('') : part)).join('');
      out.push(inserted);
      length += inserted.length;
    }
    if (length > limit) return undefined;
    lastMatchEnd = match.end;
    searchFrom = match.end > searchFrom ? match.end : searchFrom + 1;
  }
  out.push(chars.slice(lastMatchEnd).join(''));
  const replaced = out.join('');
  return replaced.length > limit ? undefined : replaced;
}

const MATCH = Symbol('the match');
const NAME_CHAR = /[\p{L}\p{Nd}_]/u;

/**
 * Go's Regexp.Expand template, which ReplaceAllString applies to the replacement: `$$` is `$`,
 * `$0` / `${0}` the match; other names and numbers name groups a glob has not, so they are empty;
 * a `$` that starts no name stays.
 */
function goTemplate(replacement: string): (string | typeof MATCH)[] {
  const parts: (string | typeof MATCH)[] = [];
  const chars = codePoints(replacement);
  let literal = '';
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] !== '$') {
      literal += chars[i];
      continue;
    }
    if (chars[i + 1] === '$') {
      literal += '$';
      i++;
      continue;
    }
    const brace = chars[i + 1] === '{';
    let j = i + 1 + (brace ? 1 : 0);
    const nameStart = j;
    while (j < chars.length && NAME_CHAR.test(chars[j])) j++;
    const name = chars.slice(nameStart, j).join('');
    if (!name || (brace && chars[j] !== '}')) {
      literal += '$';
      continue;
    }
    parts.push(literal);
    literal = '';
    if (name === '0') parts.push(MATCH);
    i = brace ? j : j - 1;
  }
  parts.push(literal);
  return parts;
}

// ---- Stage-name candidates: the literal parts of `${A}-code` in order, anything between ----

/**
 * Tests names against literal parts joined by "one or more characters" (what a variable may
 * expand to in a FROM that names an earlier stage).
 */
export function partsMatcher(parts: readonly string[]): (name: string) => boolean {
  const tokens: GlobToken[] = [];
  parts.forEach((part, i) => {
    if (i > 0) tokens.push({ accepts: anyChar, repeats: false }, { accepts: anyChar, repeats: true });
    for (const c of codePoints(part)) tokens.push({ accepts: (x) => x === c, repeats: false });
  });
  return (name) => matchesWhole(tokens, codePoints(name));
}
