import { isValidImageReference } from '../images';
import { globalArgValues } from '../resolve';
import { expandWord } from '../variables';
import { Model } from '../model';
import { quote, Rule } from './rule';

// BuildKit expands FROM with the ARG defaults alone; an empty or invalid result breaks a build
// that passes no --build-arg.
function overflowsDefault(model: Model, name: string): boolean {
  return model.declarations.some((d) => {
    if (d.scope !== -1 || d.kind !== 'ARG' || d.name !== name || !d.value) return false;
    const before = globalArgValues(model, {}, d.range.start.line);
    return expandWord(d.value, (n) => before.get(n)).overflow === true;
  });
}

export const InvalidDefaultArgInFrom: Rule = {
  id: 'InvalidDefaultArgInFrom',
  buildkit: true,
  defaultSeverity: 'warning',
  description: 'With the ARG defaults alone, FROM expands to an empty or invalid image name.',
  check(context, report) {
    const { stages, uses } = context.analysis;
    for (const stage of stages) {
      const base = stage.base;
      if (!base.text || base.kind === 'stage' || base.kind === 'scratch') continue;
      const values = globalArgValues(context.model, {}, stage.fromRange.start.line);
      const value = expandWord(base.text, (n) => values.get(n)).value;
      if (value === 'scratch' || context.stages.latestBefore(value, stage.index)?.key === value || isValidImageReference(value)) continue;
      // A lowercase-only mistake in a stage name is StageReferenceCasing's to explain; BuildKit
      // reports it here too, so the finding stays, worded for the case.
      const used = uses.filter((u) => u.instruction === 'FROM' && u.scope === -1 && u.range.start.line >= base.range.start.line
        && u.range.end.line <= base.range.end.line);
      const names = [...new Set(used.map((u) => u.name))];
      // A global whose default grew past MAX_EXPANSION is unknown, not empty: nothing to claim.
      if (names.some((name) => overflowsDefault(context.model, name))) continue;
      const shown = value ? `${quote(value)}, which is not a valid image reference` : 'empty';
      report({
        range: base.range,
        message: names.length
          ? `With the ARG defaults, ${quote(base.text)} expands to ${shown}: a build without --build-arg fails. Declare ${names.map(quote).join(', ')} before the first FROM with a default, or use '\${NAME:-default}'.`
          : `${quote(base.text)} is not a valid image reference (image names are lowercase, with an optional registry, tag and digest), and no stage has this name.`,
      });
    }
  },
};
