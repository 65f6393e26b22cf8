// Shell form and exec (JSON) form of CMD, ENTRYPOINT, RUN and SHELL, as BuildKit tells them apart
// (parser/line_parsers.go parseMaybeJSON), and the exec form a shell-form command can take.
import { LineIndex } from '../text';
import { Fix } from '../types';
import { logicalRange, LogicalLine } from './logicalLine';
import { quote } from './rule';

/** The JSON array of strings BuildKit would read, or undefined when the text is shell form. */
export function parseExecForm(rest: string): string[] | undefined {
  const text = rest.trimStart();
  if (!text.startsWith('[')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  } catch {
    // Not JSON: BuildKit runs it with the shell.
  }
  return undefined;
}

// Characters with no meaning to sh: a word made only of these is passed through unchanged.
const PLAIN_WORD = /^[A-Za-z0-9_./:,@+=-]+$/;

// Words that sh runs itself: without a shell, they are no program to exec.
const SHELL_WORDS = new Set([
  '.', ':', 'alias', 'bg', 'break', 'case', 'cd', 'command', 'continue', 'do', 'done', 'elif', 'else', 'esac', 'eval',
  'exec', 'exit', 'export', 'fg', 'fi', 'for', 'function', 'getopts', 'hash', 'if', 'jobs', 'local', 'read', 'readonly',
  'return', 'select', 'set', 'shift', 'source', 'then', 'times', 'trap', 'type', 'ulimit', 'umask', 'unalias', 'unset',
  'until', 'wait', 'while',
]);

/**
 * The words of a shell-form command when the shell would pass them through as they are: no
 * quotes, variables, globs, redirections, operators or escapes; not a shell builtin first; no
 * `NAME=value` prefix. Otherwise undefined: the exec form would change what runs.
 */
export function plainWords(command: string): string[] | undefined {
  const words = command.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0 || !words.every((w) => PLAIN_WORD.test(w))) return undefined;
  if (SHELL_WORDS.has(words[0]) || words[0].includes('=')) return undefined;
  return words;
}

export function execFormText(words: string[]): string {
  return `[${words.map((w) => JSON.stringify(w)).join(', ')}]`;
}

/**
 * The fix that writes a shell-form command in exec form: `logical` is the instruction's logical
 * line, `keywordLength` the length of its keyword as written, `words` its plainWords.
 */
export function execFormFix(index: LineIndex, logical: LogicalLine, keywordLength: number, words: string[]): Fix {
  const rest = logical.text.slice(keywordLength);
  const first = keywordLength + (rest.length - rest.trimStart().length);
  const text = execFormText(words);
  return { title: `Use the exec form ${quote(text)}`, edits: [{ range: logicalRange(index, logical, first, logical.text.trimEnd().length), newText: text }] };
}
