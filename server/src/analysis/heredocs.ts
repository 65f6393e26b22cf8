// Heredoc bodies, found from the instruction line itself. dockerfile-ast misses some forms
// (`5<<FILE1`, several on one line), and then reads body lines as instructions.
import { LineIndex } from './text';
import { HeredocBody } from './types';

// `<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'`, optionally after a file-descriptor number (`5<<EOF`).
const HEREDOC = /(?:^|[^<\w])\d*<<(-?)(["']?)([A-Za-z_][\w.-]*)\2/g;

export interface HeredocMarker {
  delimiter: string;
  /** `<<-`: leading tabs are stripped from body lines and the delimiter line. */
  stripTabs: boolean;
}

export function heredocMarkers(header: string): HeredocMarker[] {
  const markers: HeredocMarker[] = [];
  HEREDOC.lastIndex = 0;
  for (let m = HEREDOC.exec(header); m; m = HEREDOC.exec(header)) markers.push({ delimiter: m[3], stripTabs: m[1] === '-' });
  return markers;
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
