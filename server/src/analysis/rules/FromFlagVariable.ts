import { rangeContains } from '../text';
import { Fix, StageReference, TextEdit } from '../types';
import { quote, Rule, RuleContext } from './rule';
import { argToGlobalEdits, asKeywordLike, freeStageName, globalArgPoint, lineBreakOf, shiftedIndexEdits, stageInsertionPoint, stageNameFrom } from './stageEdits';

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
        fixes: [aliasStageFix(context, reference)],
      });
    }
  },
};

/**
 * The workaround of the seed-000 post in one step: FROM lines do expand global ARGs, so the
 * variables become global (with the defaults they had), a stage `FROM <value> AS <alias>` goes
 * just before this one, and the reference names the alias.
 */
function aliasStageFix(context: RuleContext, reference: StageReference): Fix {
  const { analysis } = context;
  const eol = lineBreakOf(analysis.text);
  const edits: TextEdit[] = [];
  const existing = analysis.stages.find((s) => s.index < reference.stage && s.key && s.instructions.length === 0 && s.base.text === reference.text);
  const alias = existing?.key ?? freeStageName(analysis, stageNameFrom(reference.text, 'src'));
  if (!existing) {
    const globalArgs = globalArgEdits(context, reference);
    const at = stageInsertionPoint(analysis, reference.stage);
    const from = analysis.lines.textIn(analysis.stages[reference.stage].fromKeywordRange);
    const blankAbove = at.line > 0 && analysis.lines.lineText(at.line - 1).trim() === '';
    edits.push(...globalArgs);
    edits.push({ range: { start: at, end: at }, newText: `${from} ${reference.text} ${asKeywordLike(analysis, reference.stage)} ${alias}${eol}${blankAbove ? eol : ''}` });
    edits.push(...shiftedIndexEdits(analysis, reference.stage));
  }
  edits.push({ range: reference.range, newText: alias });
  const where = reference.kind === 'copy' ? '--from' : 'from=';
  return { title: `Add alias stage ${quote(alias)} and use it in ${where}`, edits, preferred: true };
}

/** Each variable of the reference without a global ARG gets one, with the default the stage gave it. */
function globalArgEdits(context: RuleContext, reference: StageReference): TextEdit[] {
  const { analysis } = context;
  const globals = analysis.declarations.filter((d) => d.scope === -1 && d.kind === 'ARG');
  // Above the alias when that goes first.
  const at = reference.stage === 0 && !globals.length ? stageInsertionPoint(analysis, 0) : globalArgPoint(analysis);
  const added = new Set<string>();
  const edits: TextEdit[] = [];
  for (const use of analysis.uses) {
    if (!rangeContains(reference.range, use.range.start) || added.has(use.name) || globals.some((g) => g.name === use.name)) continue;
    added.add(use.name);
    const declaration = use.declarations[0];
    edits.push(...argToGlobalEdits(analysis, use.name, declaration, at, declaration?.scope === reference.stage));
  }
  return edits;
}
