import { closestNames } from '../distance';
import { isPlatformArg } from '../resolve';
import { comparePositions, LineIndex } from '../text';
import { Analysis, VariableDeclaration, VariableUse } from '../types';
import { quote, Rule } from './rule';
import { builtOnScratch, namesInScope, redeclareEdit, stageLabel } from './scope';

// Environment variables images commonly set: an undeclared one of these is no typo.
const COMMON_ENV = new Set(['PATH', 'HOME', 'USER', 'HOSTNAME', 'PWD', 'LANG', 'TERM', 'SHELL', 'UID', 'GID']);

const SHOWN_MAX = 40;

/** File text on one line and shortened, for a one-line message. */
function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > SHOWN_MAX ? `${flat.slice(0, SHOWN_MAX - 1)}…` : flat;
}

/**
 * What the use comes out as while its variable is unset: each `${X<modifier>word}` form differs.
 * `show` quotes file text: `quote` for plain-text messages, an inline code span for hovers.
 */
export function unsetOutcome(analysis: Omit<Analysis, 'findings'>, use: VariableUse, show: (text: string) => string = quote): string {
  const text = analysis.lines.textIn(use.fullRange);
  const shown = show(shorten(text));
  switch (use.modifier) {
    case ':-':
    case '-': {
      // `${NAME:-word}`: the word sits between the modifier and the closing brace.
      const fallback = text.slice(2 + use.name.length + use.modifier.length, -1);
      return fallback ? `${shown} is always its default ${show(shorten(fallback))}` : `${shown} is empty`;
    }
    case ':+':
    case '+':
      return `${shown} is empty`;
    case ':?':
    case '?':
      return `${shown} fails the build`;
    default:
      return 'it is empty';
  }
}

/** `ARG X="${X:-d}"` in a stage: the use of X on the line that declares X in this stage. */
export function declaredOnItsOwnLine(analysis: Omit<Analysis, 'findings'>, use: VariableUse): boolean {
  return use.instruction === 'ARG' && analysis.declarations.some((d) => d.kind === 'ARG' && d.scope === use.scope && d.name === use.name
    && comparePositions(d.instructionRange.start, use.instructionRange.start) === 0);
}

/** For `ARG X="${X:-d}"` in a stage: what X's own default comes out as, and when the global would count. */
export function ownDefaultOutcome(analysis: Omit<Analysis, 'findings'>, use: VariableUse, show: (text: string) => string = quote): string {
  const fails = use.modifier === ':?' || use.modifier === '?';
  return `here ${unsetOutcome(analysis, use, show)}${fails ? '' : ', so the default always wins'} unless the build passes ${show(`--build-arg ${use.name}`)}`;
}

export function globalNotRedeclaredMessage(analysis: Omit<Analysis, 'findings'>, use: VariableUse): string {
  const declaration = use.declarations[0];
  const outcome = unsetOutcome(analysis, use);
  if (!declaration && isPlatformArg(use.name)) {
    return `${quote(use.name)} is predefined only in the global scope: add ${quote(`ARG ${use.name}`)} in this stage to use it here; without it, ${outcome}.`;
  }
  const line = declaration ? ` (line ${declaration.range.start.line + 1})` : '';
  if (declaredOnItsOwnLine(analysis, use)) {
    return `${quote(use.name)} is a global ARG${line}, but the global is not visible in stage ${stageLabel(analysis, use.scope)}, not even in this ARG's default: ${ownDefaultOutcome(analysis, use)}.`;
  }
  return `${quote(use.name)} is a global ARG${line}, but stage ${stageLabel(analysis, use.scope)} does not redeclare it, so here ${outcome}: add ${quote(`ARG ${use.name}`)} in this stage.`;
}

/**
 * Where the blank-separated word around a character starts, one line at a time: a line of 100,000
 * uses is read once, not once per use.
 */
class WordStarts {
  private line = -1;
  private starts = new Int32Array(0);

  constructor(private readonly index: LineIndex) {}

  /** The offset of the last blank at or before `character` on `line`, or -1. */
  at(line: number, character: number): number {
    if (line !== this.line) {
      const text = this.index.lineText(line);
      this.line = line;
      this.starts = new Int32Array(text.length);
      let blank = -1;
      for (let i = 0; i < text.length; i++) {
        if (text[i] === ' ' || text[i] === '\t') blank = i;
        this.starts[i] = blank;
      }
    }
    return character < this.starts.length ? this.starts[character] : (this.starts[this.starts.length - 1] ?? -1);
  }
}

/** Name pairs compared for suggestions per run, at most: past it, uses get none, and a file of 80,000 variables stays linear. */
const MAX_COMPARISONS = 2_000_000;

/**
 * The names a use could have meant, worked out once per instruction (every use in one instruction
 * sees the same names), and where a name is declared in another stage, looked up by name.
 */
class ScopeNames {
  private readonly byInstruction = new Map<string, string[]>();
  private elsewhere: Map<string, VariableDeclaration> | undefined;
  private comparisons = 0;

  constructor(private readonly analysis: Omit<Analysis, 'findings'>) {}

  suggestionsFor(use: VariableUse): string[] {
    const key = `${use.scope}:${use.instructionRange.start.line}:${use.instructionRange.start.character}`;
    let names = this.byInstruction.get(key);
    if (!names) this.byInstruction.set(key, (names = [...namesInScope(this.analysis, use.scope, use.range.start)]));
    this.comparisons += names.length;
    return this.comparisons > MAX_COMPARISONS ? [] : closestNames(use.name, names);
  }

  declaredElsewhere(use: VariableUse): VariableDeclaration | undefined {
    if (!this.elsewhere) {
      this.elsewhere = new Map();
      for (const d of this.analysis.declarations) if (d.scope >= 0 && !this.elsewhere.has(d.name)) this.elsewhere.set(d.name, d);
    }
    return this.elsewhere.get(use.name);
  }
}

export const UndefinedVar: Rule = {
  id: 'UndefinedVar',
  buildkit: true,
  defaultSeverity: 'warning',
  description: 'A variable BuildKit expands is not in scope: declared in another stage, a global ARG not redeclared, or a near-miss of a name in scope.',
  check(context, reportFinding) {
    const { analysis } = context;
    // Like BuildKit, one finding per name and word: `--chown=${A}:${A}` is one mistake,
    // `COPY src/$A /dst/$A` two.
    const seen = new Set<string>();
    const wordStarts = new WordStarts(context.index);
    const scopeNames = new ScopeNames(analysis);
    for (const use of analysis.uses) {
      // BuildKit warns about `${X:-default}` too: the default may hide a misspelt name.
      // BuildKit expands EXPOSE but its lint does not check it (oracle).
      if (use.scope < 0 || !use.expandedByBuildKit || use.instruction === 'EXPOSE') continue;
      if (use.resolution !== 'globalNotRedeclared' && use.resolution !== 'outOfScope' && use.resolution !== 'undeclared') continue;
      const wordStart = wordStarts.at(use.range.start.line, use.fullRange.start.character);
      const key = `${use.range.start.line}:${wordStart}:${use.name}`;
      if (seen.has(key)) continue;
      const report = (finding: Parameters<typeof reportFinding>[0]) => {
        seen.add(key);
        reportFinding(finding);
      };
      if (use.resolution === 'globalNotRedeclared') {
        report({
          range: use.range,
          message: globalNotRedeclaredMessage(analysis, use),
          fixes: declaredOnItsOwnLine(analysis, use) ? [] : [{ title: `Add 'ARG ${use.name}' to this stage`, edits: [redeclareEdit(analysis, use.scope, use.name)], preferred: true }],
        });
        continue;
      }
      const suggestions = scopeNames.suggestionsFor(use);
      const fixes = suggestions.map((name, i) => ({ title: `Change to ${quote(name)}`, edits: [{ range: use.range, newText: name }], preferred: i === 0 && suggestions.length === 1 }));
      const didYouMean = suggestions.length ? ` Did you mean ${suggestions.map(quote).join(' or ')}?` : '';
      if (use.resolution === 'outOfScope') {
        const elsewhere = scopeNames.declaredElsewhere(use);
        const where = !elsewhere
          ? `only in the global scope, which stages do not see without ${quote(`ARG ${use.name}`)}`
          : elsewhere.scope === use.scope
            ? `later in this stage (line ${elsewhere.range.start.line + 1})`
            : `in stage ${stageLabel(analysis, elsewhere.scope)} (line ${elsewhere.range.start.line + 1}), which this stage is not built from`;
        report({
          range: use.range,
          message: `Usage of undefined variable ${quote('$' + use.name)}: it is declared ${where}.${didYouMean}`,
          fixes,
          related: elsewhere ? [{ range: elsewhere.range, message: `${quote(use.name)} declared here` }] : undefined,
        });
        continue;
      }
      // On scratch no image can set it: it is certainly empty.
      // BuildKit gives scratch stages a default PATH, nothing else.
      const onScratch = use.name !== 'PATH' && builtOnScratch(analysis, use.scope);
      if (!onScratch && (suggestions.length === 0 || COMMON_ENV.has(use.name))) continue;
      const why = onScratch ? ' This stage is built on scratch, which sets no variables.' : '';
      report({ range: use.range, message: `Usage of undefined variable ${quote('$' + use.name)}.${why}${didYouMean}`, fixes });
    }
  },
};
