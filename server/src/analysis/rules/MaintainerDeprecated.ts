import { logicalRange, readLogicalLine } from './logicalLine';
import { Rule } from './rule';

/** A double-quoted LABEL value that reads back as `text`: BuildKit expands `$` in LABEL, not in MAINTAINER. */
function quoted(text: string, escape: string): string {
  let out = '';
  for (const c of text) out += c === '"' || c === '$' || c === escape ? escape + c : c;
  return `"${out}"`;
}

export const MaintainerDeprecated: Rule = {
  id: 'MaintainerDeprecated',
  buildkit: true,
  defaultSeverity: 'warning',
  description: 'MAINTAINER is deprecated: set the org.opencontainers.image.authors label instead.',
  scope: 'stage',
  check(context, report) {
    const { index } = context;
    const escape = context.analysis.directives.escape;
    for (const info of context.analysis.instructions) {
      if (info.keyword !== 'MAINTAINER') continue;
      const logical = readLogicalLine(index, info.range.start.line, escape);
      const rest = logical.text.slice(info.written.length);
      const author = rest.trim();
      const label = info.written === info.written.toLowerCase() ? 'label' : 'LABEL';
      const range = logicalRange(index, logical, 0, logical.text.trimEnd().length);
      const replacement = `${label} org.opencontainers.image.authors=${quoted(author, escape)}`;
      report({
        range: info.keywordRange,
        message: `MAINTAINER is deprecated: set the author with 'LABEL org.opencontainers.image.authors="…"'.`,
        tags: ['deprecated'],
        fixes: author
          ? [{ title: "Replace with 'LABEL org.opencontainers.image.authors'", edits: [{ range, newText: replacement }], preferred: true }]
          : [],
      });
    }
  },
};
