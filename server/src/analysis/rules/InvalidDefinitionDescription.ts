import { lineRange } from '../text';
import { Range } from '../types';
import { quote, Rule, RuleContext } from './rule';

/** Whether a `check=` value (`experimental=InvalidDefinitionDescription` or `=all`) turns the rule on. */
function enables(checkValue: string): boolean {
  for (const part of checkValue.split(';')) {
    const [key, value = ''] = part.split('=', 2).map((s) => s.trim());
    if (key !== 'experimental') continue;
    const rules = value.split(',').map((s) => s.trim());
    if (rules.includes('all') || rules.includes('InvalidDefinitionDescription')) return true;
  }
  return false;
}

/**
 * BuildKit runs this experimental rule only when `# check=experimental=InvalidDefinitionDescription`
 * (or `=all`) asks for it: at the top of the file, or in a comment right above the instruction.
 */
function isEnabled(context: RuleContext): boolean {
  const check = context.model.directives.lines.find((l) => l.name === 'check');
  return check !== undefined && enables(check.value);
}

/**
 * The comment lines BuildKit keeps for each instruction (parser/parser.go): those since the previous
 * instruction, directives left out, reset by a bare `#`. A blank line does not reset them.
 */
function precedingComments(context: RuleContext): { text: string; line: number }[][] {
  const { index } = context;
  const directiveLines = new Set(context.model.directives.lines.map((l) => l.range.start.line));
  let from = 0;
  return context.analysis.instructions.map((instruction) => {
    let comments: { text: string; line: number }[] = [];
    for (let line = from; line < instruction.range.start.line; line++) {
      const text = index.lineText(line).replace(/^\uFEFF/, '');
      if (!text.trimStart().startsWith('#') || directiveLines.has(line)) continue;
      const comment = text.slice(1).trim();
      if (comment === '') comments = [];
      else comments.push({ text: comment, line });
    }
    from = instruction.range.end.line + 1;
    return comments;
  });
}

export const InvalidDefinitionDescription: Rule = {
  id: 'InvalidDefinitionDescription',
  buildkit: true,
  experimental: true,
  defaultSeverity: 'warning',
  description: 'A comment right above a named FROM or an ARG is its description (`docker build --call=outline`) and should start with the name.',
  check(context, report) {
    const globally = isEnabled(context);
    // Off unless `# check=` turns it on, globally or in a comment right above: no such text, nothing to do.
    if (!globally && !context.index.text.includes('check=')) return;
    const { analysis } = context;
    const commentsByInstruction = precedingComments(context);
    analysis.instructions.forEach((instruction, i) => {
      const comments = commentsByInstruction[i];
      if (comments.length === 0) return;
      if (!globally && !comments.some((c) => /^check=/.test(c.text) && enables(c.text.slice('check='.length)))) return;
      let names: string[] = [];
      let range: Range = instruction.keywordRange;
      if (instruction.keyword === 'FROM') {
        const stage = analysis.stages.find((s) => s.fromRange === instruction.range);
        if (!stage?.key || !stage.nameRange) return;
        names = [stage.key];
        range = stage.nameRange;
      } else if (instruction.keyword === 'ARG') {
        const declarations = analysis.declarations.filter((d) => d.instructionRange === instruction.range);
        names = declarations.map((d) => d.name);
        if (declarations.length === 1) range = declarations[0].range;
      }
      if (names.length === 0) return;
      const last = comments[comments.length - 1];
      if (names.includes(last.text.split(' ')[0])) return;
      const example = names.length === 1 ? names[0] : '<arg_key>';
      report({
        range,
        message: `The comment above this ${instruction.keyword} is read as its description and should start with its name: '# ${example} <description>'. If it is no description, put a line with a bare '#' between them.`,
        related: [{ range: lineRange(last.line, 0, context.index.lineText(last.line).length), message: `description of ${quote(example)}` }],
      });
    });
  },
};
