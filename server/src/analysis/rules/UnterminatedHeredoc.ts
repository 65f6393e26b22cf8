import { quote, Rule } from './rule';

export const UnterminatedHeredoc: Rule = {
  id: 'UnterminatedHeredoc',
  buildkit: false,
  defaultSeverity: 'error',
  description: 'A heredoc whose delimiter line never comes: BuildKit stops with "unterminated heredoc".',
  check(context, report) {
    for (const heredoc of context.model.unterminatedHeredocs) {
      report({
        range: heredoc.range,
        message: `No line ${quote(heredoc.delimiter)} ends this heredoc, so it runs to the end of the file and BuildKit stops ("unterminated heredoc"). The delimiter must stand alone on its line (with '<<-', after tabs only).`,
      });
    }
  },
};
