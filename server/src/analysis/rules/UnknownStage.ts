import { closestNames } from '../distance';
import { isWellKnownImage, looksLikeImageReference } from '../images';
import { Fix, StageReference } from '../types';
import { quote, Rule, RuleContext } from './rule';

// A name that is no stage is pulled from a registry by BuildKit: a typo becomes a supply-chain risk.
export const UnknownStage: Rule = {
  id: 'UnknownStage',
  buildkit: false,
  defaultSeverity: 'warning',
  defaultSeverityNote: '`error` for a near-miss of an earlier stage name (or a stage number in a mount\'s from=), `warning` otherwise',
  description: 'A --from, mount from= or FROM names no stage, so BuildKit would pull an image of that name.',
  check(context, report) {
    for (const reference of context.analysis.references) {
      if (reference.target.kind !== 'unknown') continue;
      // `FROM Builder` with a stage `builder` is StageReferenceCasing's.
      if (reference.kind === 'from' && context.stages.latestBefore(reference.text, reference.stage)) continue;
      if (reference.kind === 'mount' && /^[0-9]+$/.test(reference.text)) {
        const numbered = context.analysis.stages[Number(reference.text)];
        const name = numbered && numbered.index < reference.stage ? numbered.key : undefined;
        report({
          range: reference.range,
          message: `A mount's from= takes a stage name, not a number: BuildKit would pull an image named ${quote(reference.text)}.${name ? ` Stage ${reference.text} is ${quote(name)}.` : ''}`,
          severity: 'error',
          fixes: name ? [{ title: `Change to ${quote(name)}`, edits: [{ range: reference.range, newText: name }], preferred: true }] : [],
        });
        continue;
      }
      const earlier = earlierStageNames(context, reference);
      const suggestions = closestNames(reference.text, earlier);
      // In FROM, an unknown bare word is usually a real image (`FROM myimage`): only a near-miss counts.
      if (reference.kind === 'from' && suggestions.length === 0) continue;
      if (reference.kind === 'from' && (looksLikeImageReference(reference.text) || isWellKnownImage(reference.text))) continue;
      const didYouMean = suggestions.length
        ? ` Did you mean ${suggestions.map(quote).join(' or ')}?`
        : ` If it is a named build context ('--build-context ${reference.text}=…'), add it to the 'dockerfileStages.buildContexts' setting.`;
      report({
        range: reference.range,
        message: `No stage named ${quote(reference.text)}; BuildKit would pull an image of that name from a registry.${didYouMean}`,
        severity: suggestions.length ? 'error' : 'warning',
        fixes: suggestions.map((name, i): Fix => ({
          title: `Change to ${quote(name)}`,
          edits: [{ range: reference.range, newText: name }],
          preferred: i === 0,
        })),
      });
    }
  },
};

function earlierStageNames(context: RuleContext, reference: StageReference): string[] {
  const names: string[] = [];
  for (const stage of context.analysis.stages) {
    if (stage.index >= reference.stage) break;
    if (stage.key) names.push(stage.key);
  }
  return names;
}
