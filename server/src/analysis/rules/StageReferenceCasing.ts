import { quote, Rule } from './rule';

// FROM matches stage names exactly as BuildKit stores them, lowercased; `FROM Builder` is an image.
export const StageReferenceCasing: Rule = {
  id: 'StageReferenceCasing',
  buildkit: false,
  defaultSeverity: 'error',
  description: 'FROM names a stage in another case: BuildKit reads it as an image name, an invalid one.',
  check(context, report) {
    for (const stage of context.analysis.stages) {
      const base = stage.base;
      if (base.kind !== 'image' || base.text === base.text.toLowerCase()) continue;
      const named = context.stages.latestBefore(base.text, stage.index);
      if (!named) continue;
      report({
        range: base.range,
        message: `${quote(base.text)} is not the stage ${quote(named.key!)}: FROM matches stage names in lowercase, so BuildKit reads it as an image name, and image names must be lowercase.`,
        fixes: [{ title: `Change to ${quote(named.key!)}`, edits: [{ range: base.range, newText: named.key! }], preferred: true }],
      });
    }
  },
};
