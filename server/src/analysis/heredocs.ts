// Heredoc bodies, found from the instruction line itself. dockerfile-ast misses some forms
// (`5<<FILE1`, several on one line), and then reads body lines as instructions.
import { LineIndex } from './text';
import { shellWords } from './words';
import { HeredocBody } from './types';

export interface HeredocMarker {
  delimiter: string;
  /** `<<-`: leading tabs are stripped from body lines and the delimiter line. */
  stripTabs: boolean;
}

// One shell word of the instruction line that is a heredoc: `<<EOF`, `<<-EOF`, `<<"EOF"`, `5<<EOF`.
const HEREDOC_WORD = /^\d*<<(-?)([^<]*)$/;

/**
 * The heredocs an instruction's header opens, as BuildKit finds them (parser/parser.go
 * heredocsFromLine, hand-written to match it): the lines joined without their continuation
 * characters, split into shell words with quotes kept, and each word that is `<<` and a name
 * (after an optional file descriptor and `-`) opens one. The name is the rest with its quotes
 * taken off: `<</tmp/x` opens `/tmp/x`, while `"<<EOF"` and `x=<<EOF` open none.
 */
export function heredocMarkers(header: string): HeredocMarker[] {
  const markers: HeredocMarker[] = [];
  const joined = joinedLines(header);
  // Words are slices of the joined text, so without `<<` in it none is a heredoc: most instructions.
  if (!joined.includes('<<')) return markers;
  // BuildKit's lexer for heredocs takes `\\` as the escape character whatever the file's is.
  for (const word of shellWords(joined, '\\')) {
    const match = HEREDOC_WORD.exec(word);
    if (!match) continue;
    const delimiter = unquoted(match[2]);
    if (delimiter) markers.push({ delimiter, stripTabs: match[1] === '-' });
  }
  return markers;
}

/** The header's lines joined as BuildKit joins a continued instruction: each line but the last ends in the continuation character, which goes with the line break. */
function joinedLines(header: string): string {
  const lines = header.split(/\r?\n|\r/);
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  let joined = '';
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    if (i < lines.length - 1) {
      line = line.trimEnd();
      line = line.slice(0, -1);
    }
    joined += line;
  }
  return joined;
}

/** A word with its quotes taken off and its backslash escapes applied, as the shell lexer reads it. */
function unquoted(word: string): string {
  let out = '';
  let quote = '';
  for (let i = 0; i < word.length; i++) {
    const c = word[i];
    if (quote === "'") {
      if (c === "'") quote = '';
      else out += c;
    } else if (c === '\\' && i + 1 < word.length && (!quote || '"\\$`'.includes(word[i + 1]))) {
      out += word[++i];
    } else if (c === quote) {
      quote = '';
    } else if (!quote && (c === '"' || c === "'")) {
      quote = c;
    } else {
      out += c;
    }
  }
  return out;
}

export interface HeredocBodies {
  /** Each body, in the order the markers open them. */
  bodies: HeredocBody[];
  /** The last line of the bodies; an unterminated body runs to the end of the file. */
  end: number;
  /** The delimiter never found, if any: BuildKit stops with "unterminated heredoc". */
  unterminated?: string;
}

/** The heredoc bodies that follow the instruction line ending on `headerLastLine`, or undefined when it opens none. */
export function heredocBodies(lines: LineIndex, header: string, headerLastLine: number): HeredocBodies | undefined {
  const markers = heredocMarkers(header);
  if (markers.length === 0) return undefined;
  const bodies: HeredocBody[] = [];
  let line = headerLastLine + 1;
  for (const marker of markers) {
    const bodyStartLine = line;
    let delimiterLine: number | undefined;
    while (line < lines.lineCount) {
      const text = lines.lineText(line);
      line++;
      if ((marker.stripTabs ? text.replace(/^\t+/, '') : text) === marker.delimiter) {
        delimiterLine = line - 1;
        break;
      }
    }
    bodies.push({ delimiter: marker.delimiter, bodyStartLine, delimiterLine });
    if (delimiterLine === undefined) return { bodies, end: lines.lineCount - 1, unterminated: marker.delimiter };
  }
  return { bodies, end: Math.min(line - 1, lines.lineCount - 1) };
}
