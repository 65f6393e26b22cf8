// Heredoc bodies, found from the instruction line itself. dockerfile-ast misses some forms
// (`5<<FILE1`, several on one line), and then reads body lines as instructions.
import { LineIndex } from './text';

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

/**
 * The last line of the heredoc bodies that follow the instruction line ending on `headerLastLine`,
 * or undefined when the header opens none. An unterminated body runs to the end of the file.
 */
export function heredocBodiesEnd(lines: LineIndex, header: string, headerLastLine: number): number | undefined {
  const markers = heredocMarkers(header);
  if (markers.length === 0) return undefined;
  let line = headerLastLine + 1;
  for (const marker of markers) {
    while (line < lines.lineCount) {
      const text = lines.lineText(line);
      line++;
      if ((marker.stripTabs ? text.replace(/^\t+/, '') : text) === marker.delimiter) break;
    }
  }
  return Math.min(line - 1, lines.lineCount - 1);
}
