import { quote, Rule } from './rule';

export const FromFlagVariable: Rule = {
  id: 'FromFlagVariable',
  buildkit: false,
  defaultSeverity: 'error',
  description: 'COPY --from and RUN --mount from= do not expand variables; use an alias stage.',
  check(context, report) {
    const podman = context.options.builder === 'podman';
    for (const reference of context.analysis.references) {
      if (reference.kind === 'from' || reference.target.kind !== 'variable') continue;
      const where = reference.kind === 'copy' ? '--from' : 'mount from=';
      report({
        range: reference.range,
        message: podman
          ? `podman and buildah expand ${quote(reference.text)} in ${where}, but BuildKit refuses it; an alias stage ('FROM ${reference.text} AS src', then '${where === '--from' ? '--from' : 'from'}=src') works with both.`
          : `BuildKit does not expand variables in ${where}: define an alias stage after the global ARG ('FROM ${reference.text} AS src') and use '${where === '--from' ? '--from' : 'from'}=src'.`,
        severity: podman ? 'hint' : 'error',
      });
    }
  },
};
