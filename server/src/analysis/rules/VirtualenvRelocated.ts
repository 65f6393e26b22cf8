// A virtualenv's scripts start with `#!<its path>/bin/python` and its activate script names the
// path: copied to another path, `pip` and console scripts no longer start.
import { copiesFromStages, normalizedPath, virtualenvsInChain } from './python';
import { quote, Rule } from './rule';
import { stageLabel } from './insights';

export const VirtualenvRelocated: Rule = {
  id: 'VirtualenvRelocated',
  buildkit: false,
  defaultSeverity: 'information',
  description: 'A virtualenv copied from another stage to a path other than the one it was created at.',
  check(context, report) {
    const { stages } = context.analysis;
    for (const copy of copiesFromStages(context)) {
      if (copy.sources.length !== 1) continue;
      const source = normalizedPath(copy.sources[0].text);
      const destination = normalizedPath(copy.destination.text);
      if (!destination.startsWith('/') || destination === source || !virtualenvsInChain(context, copy.from).has(source)) continue;
      const from = stages[copy.from];
      report({
        range: context.index.rangeAt(copy.destination.start, copy.destination.end),
        message: `The virtualenv created at ${quote(source)} in ${stageLabel(from)} is copied to ${quote(destination)}: its pip, console scripts and activate still point at ${quote(`${source}/bin/python`)} and fail at run time.`,
        fixes: [{ title: `Copy it to ${quote(source)}`, edits: [{ range: context.index.rangeAt(copy.destination.start, copy.destination.end), newText: source }], preferred: true }],
      });
    }
  },
};
