// A plain `docker build` builds only the stages the target needs: a `tester` stage with
// `RUN pytest` that nothing depends on never runs (seed-003), and the build still succeeds.
// The command id comes from protocol.ts, plain data shared with the client, so both say the same.
import { SetBuildTargetCommand } from '../../protocol';
import { Fix, Stage } from '../types';
import { quote, Rule } from './rule';
import { shippedStages, stageLabel } from './insights';

export const StageNotBuilt: Rule = {
  id: 'StageNotBuilt',
  buildkit: false,
  defaultSeverity: 'hint',
  description: 'A stage that neither the target nor any stage depends on: a plain docker build skips it.',
  check(context, report) {
    const { graph, stages } = context.analysis;
    const shipped = shippedStages(context);
    if (!shipped.length) return;
    const target = stages[shipped[0]];
    // An empty RUN that bind-mounts a stage makes BuildKit build it first; it needs a shell in the target.
    const root = stages[shipped[shipped.length - 1]].base.kind;
    const targetRunsShell = root !== 'scratch' && root !== 'variable';
    const dependedOn = new Set(graph.edges.map((e) => e.to));
    // Any stage an ARG-dependent FROM can pick may be built with other build args.
    for (const stage of stages) for (const c of stage.base.candidates ?? []) if (c.stage !== undefined) dependedOn.add(c.stage);
    for (const stage of stages) {
      if (graph.reachable.has(stage.index) || dependedOn.has(stage.index)) continue;
      // A stage named `scratch` is the source of cache mounts: BuildKit builds it for them (ReservedStageName warns).
      if (stage.key === 'scratch') continue;
      const runs = stage.instructions.some((i) => i.keyword === 'RUN') ? ' and its RUN steps' : '';
      const build = context.options.target ? `'docker build --target ${context.options.target}'` : `'docker build' without '--target'`;
      report({
        range: stage.nameRange ?? stage.fromKeywordRange,
        message: `${capitalized(stageLabel(stage))} is not built for the target ${stageLabel(target)}: nothing the target needs depends on it, so ${build} skips it${runs}.`,
        fixes: stage.name ? fixesFor(stage, target, targetRunsShell) : [],
      });
    }
  },
};


function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function fixesFor(stage: Stage, target: Stage, targetRunsShell: boolean): Fix[] {
  const name = stage.name!;
  const title = `Set ${quote(name)} as build target`;
  const fixes: Fix[] = [{ title, edits: [], command: { title, command: SetBuildTargetCommand, arguments: [name] } }];
  if (targetRunsShell) {
    fixes.push({
      title: `Make ${stageLabel(target)} depend on ${quote(name)} (an empty RUN that mounts it)`,
      edits: [{ range: { start: target.fromRange.end, end: target.fromRange.end }, newText: `\nRUN --mount=from=${name},target=/tmp/${name} true` }],
    });
  }
  return fixes;
}
