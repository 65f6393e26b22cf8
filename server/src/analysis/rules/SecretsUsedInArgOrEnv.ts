import { quote, Rule } from './rule';
import { isDispatched } from './dispatch';

// BuildKit's word lists (dockerfile2llb/validations.go): a name whose whole, first or last
// `_`-separated word is a secret word, unless a word of it says the value is public.
const SECRET = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const ALLOWED = /(?:_|^)(?:public|file|version)(?:_|$)/i;

export function looksLikeSecret(name: string): boolean {
  return SECRET.test(name) && !ALLOWED.test(name);
}

// Global ARGs are not checked: BuildKit lints ARG and ENV as it dispatches a stage.
export const SecretsUsedInArgOrEnv: Rule = {
  id: 'SecretsUsedInArgOrEnv',
  buildkit: true,
  defaultSeverity: 'warning',
  description: 'ARG and ENV values persist in the image and its history: pass secrets with a secret mount instead.',
  check(context, report) {
    for (const declaration of context.analysis.declarations) {
      if (!isDispatched(context, declaration.scope) || !looksLikeSecret(declaration.name)) continue;
      report({
        range: declaration.range,
        message: `${quote(declaration.name)} looks like a secret: an ${declaration.kind} value stays in the image and its history; use 'RUN --mount=type=secret,id=…' instead.`,
      });
    }
  },
};
