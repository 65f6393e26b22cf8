// A file as the CLI checks it: read safely, decoded, analysed with the settings and the
// .dockerignore the language server would use for it.
import * as path from 'path';
import { pathToFileURL } from 'url';
import { Analysis, analyze, applySeverities, Finding } from '../../server/src/analysis';
import { DockerignoreReader } from '../../server/src/dockerignore';
import { analysisOptions, Settings } from '../../server/src/settings';
import { decodeDockerfile, Encoding } from './decode';
import { readFailure, readLimited } from './files';
import { escapeControl } from './formats/escape';

export type Source = { file: string; text: string; encoding: Encoding } | { file: string; error: string } | { file: string; binary: true };

/** `file` is a path or '-' (stdin); `displayName` names it in messages (--stdin-filename). */
export function readSource(file: string, displayName = file): Source {
  let bytes: Buffer;
  try {
    bytes = readLimited(file);
  } catch (e) {
    return { file: displayName, error: readFailure(e) };
  }
  const decoded = decodeDockerfile(bytes);
  return 'binary' in decoded ? { file: displayName, binary: true } : { file: displayName, text: decoded.text, encoding: decoded.encoding };
}

export interface Checked {
  analysis: Analysis;
  /** After the user's severities; 'off' rules dropped. */
  findings: Finding[];
}

// The reader reports each unreadable .dockerignore once; the Dockerfile is still checked without it.
const dockerignore = new DockerignoreReader((file, reason) => {
  process.stderr.write(`dockerfile-stages: warning: ignoring ${escapeControl(file)}: ${escapeControl(reason)}; CopyIgnoredFile is not checked for the Dockerfiles it applies to\n`);
});

/** `onDisk` is where the file stands for its .dockerignore (none for stdin without a name). */
export function checkText(text: string, onDisk: string | undefined, settings: Settings): Checked {
  const patterns = onDisk === undefined ? undefined : dockerignore.patternsFor(pathToFileURL(path.resolve(onDisk)).href);
  const analysis = analyze(text, { ...analysisOptions(settings), dockerignore: patterns });
  return { analysis, findings: applySeverities(analysis.findings, settings.rules) };
}

/** The stages a target can name, for the message when it names none. */
export function unknownTargetMessage(analysis: Analysis): string | undefined {
  const target = analysis.graph.unknownTarget;
  if (target === undefined) return undefined;
  const names = analysis.stages.filter((s) => s.name).map((s) => `'${s.name}'`);
  return `no stage named '${target}' to target; ${names.length ? `the stages are ${names.join(', ')}` : 'the file has no named stage'}`;
}
