import { quote, Rule } from './rule';

export const InvalidStageReference: Rule = {
  id: 'InvalidStageReference',
  buildkit: false,
  defaultSeverity: 'error',
  defaultSeverityNote: '`error`; `warning` for a FROM naming itself or a later stage, which BuildKit reads as an image',
  description: 'A stage reference names the current stage, a later stage, or a stage number that is not earlier.',
  check(context, report) {
    const { stages } = context.analysis;
    for (const reference of context.analysis.references) {
      const target = reference.target;
      if (target.kind !== 'invalid') continue;
      const named = target.stage !== undefined ? stages[target.stage] : undefined;
      const label = named?.name ? quote(named.name) : `stage ${target.stage}`;
      let message: string;
      if (reference.kind === 'from') {
        // FROM only looks at stages above it: BuildKit goes to the registry for this name.
        report({
          range: reference.range,
          message: target.reason === 'self'
            ? `A stage cannot be built FROM itself: BuildKit would pull an image named ${quote(reference.text)} from a registry.`
            : `${label} is defined later (line ${(named?.fromRange.start.line ?? 0) + 1}); FROM only sees stages above it, so BuildKit would pull an image named ${quote(reference.text)} from a registry.`,
          severity: 'warning',
          related: named ? [{ range: named.nameRange ?? named.fromRange, message: `stage ${named.name ?? named.index}` }] : undefined,
        });
        continue;
      }
      switch (target.reason) {
        case 'self':
          message = `${label} refers to the stage it is in: a circular dependency.`;
          break;
        case 'later':
          message = `${label} is defined later (line ${(named?.fromRange.start.line ?? 0) + 1}); a stage can only use stages defined before it.`;
          break;
        case 'index-out-of-range':
          message = `There is no stage ${reference.text}: this file has ${stages.length} stage${stages.length === 1 ? '' : 's'}, numbered from 0 (invalid stage index).`;
          break;
        case 'index-not-earlier':
          message = `Stage ${reference.text} is not before the current stage ${reference.stage}; --from=N must name an earlier stage.`;
          break;
      }
      const sameName = named?.key ? stages.filter((s) => s.key === named.key).length : 0;
      if (sameName > 1) message += ` Several stages are named ${quote(named!.key!)}; a --from means the last of them (line ${named!.fromRange.start.line + 1}).`;
      report({
        range: reference.range,
        message,
        related: named ? [{ range: named.nameRange ?? named.fromRange, message: `stage ${named.name ?? named.index}` }] : undefined,
      });
    }
  },
};
