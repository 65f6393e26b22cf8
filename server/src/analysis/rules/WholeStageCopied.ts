// `COPY --from=builder / /` brings the builder's whole filesystem, toolchain and caches
// included, into a shipped stage: the split into stages then saves nothing.
import { baseChain } from './dispatch';
import { copiesFromStages, normalizedPath } from './python';
import { Rule } from './rule';
import { shippedStages, stageLabel } from './insights';

export const WholeStageCopied: Rule = {
  id: 'WholeStageCopied',
  buildkit: false,
  defaultSeverity: 'information',
  description: 'COPY --from=<stage> / into a stage the image ships: the whole filesystem of the stage, tools and caches included.',
  check(context, report) {
    const { stages } = context.analysis;
    const shipped = new Set(shippedStages(context));
    // Per stage copied from: is it meant to be copied whole? Asked once per stage, not per COPY.
    const collector = new Map<number, boolean>();
    const isCollector = (index: number) => {
      let answer = collector.get(index);
      if (answer === undefined) {
        const chain = baseChain(stages, index);
        answer = stages[chain[chain.length - 1]].base.kind === 'scratch' || chain.every((s) => stages[s].instructions.length === 0);
        collector.set(index, answer);
      }
      return answer;
    };
    for (const copy of copiesFromStages(context)) {
      if (!shipped.has(copy.info.stage) || !copy.sources.some((s) => normalizedPath(s.text) === '/')) continue;
      // A stage built FROM scratch that only collects outputs is meant to be copied whole, and so
      // is an image named as a stage without instructions of its own (`FROM tonistiigi/xx AS xx`).
      if (isCollector(copy.from)) continue;
      // `FROM scratch` + `COPY --from=build / /` first squashes that stage into one layer: it is the image.
      const into = stages[copy.info.stage];
      if (into.base.kind === 'scratch' && into.instructions[0] === copy.info) continue;
      const from = stages[copy.from];
      const source = copy.sources.find((s) => normalizedPath(s.text) === '/')!;
      report({
        range: context.index.rangeAt(source.start, source.end),
        message: `This copies the whole filesystem of ${stageLabel(from)}, with its base image, tools and caches, into the image: copy only the paths the image needs.`,
      });
    }
  },
};
