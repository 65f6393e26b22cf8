// dockerfile-stages graph: the Stage Graph as Mermaid, DOT or JSON, by the renderer the editor's
// export uses.
import * as path from 'path';
import { pathToFileURL } from 'url';
import { renderStageGraph } from '../../../server/src/features/graphExport';
import { stageGraph } from '../../../server/src/features/stageGraph';
import { escapeControl } from '../formats/escape';
import { ANALYSIS_HELP, ANALYSIS_OPTIONS, oneOf, parseCommandArgs, settingsFrom, UsageError } from '../options';
import { checkText, readSource, unknownTargetMessage } from '../sources';
import { CommandIO, EXIT } from './io';

export const GRAPH_HELP = `Usage: dockerfile-stages graph [options] FILE

Prints the stage graph of FILE (- for stdin): stages, the images and contexts they use, and
which stage needs which. Arrows point from what a stage uses to the stage that uses it; stages
the target does not need are drawn dashed.

Options:
  --format mermaid|dot|json   output format (default: mermaid)
${ANALYSIS_HELP}

Exit status: 0, or 2 on a usage error, an unknown --target, or a file that cannot be read.
`;

const FORMATS = ['mermaid', 'dot', 'json'] as const;

export function graph(args: string[], io: CommandIO): number {
  const { values, positionals } = parseCommandArgs(args, { ...ANALYSIS_OPTIONS, format: { type: 'string' } });
  if (values.help) {
    io.stdout(GRAPH_HELP);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length ? 'graph takes one FILE' : 'no FILE given');
  const format = oneOf('--format', values.format, FORMATS) ?? 'mermaid';
  const settings = settingsFrom(values);
  const [file] = positionals;
  const source = readSource(file, file === '-' ? '<stdin>' : file);
  if ('binary' in source) {
    io.error(`${source.file}: not a Dockerfile (binary content)`);
    return EXIT.error;
  }
  if ('error' in source) {
    io.error(`${source.file}: ${source.error}`);
    return EXIT.error;
  }
  const { analysis } = checkText(source.text, file === '-' ? undefined : file, settings);
  const unknownTarget = unknownTargetMessage(analysis);
  if (unknownTarget) {
    io.error(`${source.file}: ${unknownTarget}`);
    return EXIT.error;
  }
  const uri = file === '-' ? 'untitled:stdin' : pathToFileURL(path.resolve(file)).href;
  const text = renderStageGraph({ uri, version: null, ...stageGraph(analysis, settings.buildContexts) }, format);
  // The renderers escape names for their own syntax; a terminal still gets no raw control characters.
  io.stdout(io.stdoutStream.isTTY ? escapeControl(text, (code) => code === 10 || code === 9) : text);
  return EXIT.ok;
}
