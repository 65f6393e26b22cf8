// What BuildKit's lexer makes of a word at a point of a stage (shell/lex.go ProcessWord): quotes
// removed, escapes applied, variables replaced by the ARG and ENV values in scope. Offline, a
// variable no line of the file sets may come from the base image: it is "unknown", and rules that
// need the value stay quiet then.
import { Property } from 'dockerfile-ast';
import { declaredNames, globalArgValues, isPlatformArg } from '../resolve';
import { comparePositions } from '../text';
import { InstructionInfo, Position } from '../types';
import { ChunkModel, PlacedParts, placedChunkOf } from '../model';
import { expandWord } from '../variables';
import { baseChain } from './dispatch';
import { RuleContext } from './rule';

/** A value; null when declared without one (empty to BuildKit); undefined when the file does not set it. */
export type Environment = (name: string) => string | null | undefined;

export interface ProcessedWord {
  value: string;
  /** Variables that were set, if only to the empty string. */
  matched: ReadonlySet<string>;
  /** Variables that were not set. */
  unmatched: ReadonlySet<string>;
  /** Variables the file does not set: the value is a guess. */
  unknown: ReadonlySet<string>;
}

// Most words read one variable or none: they share one empty set rather than make three per
// expansion (WorkdirRelativePath expands a WORKDIR per stage per keystroke).
const NONE: ReadonlySet<string> = new Set<string>();

/** `set` with `name` in it: a new set in place of the shared empty one, else the word's own. */
function withName(set: ReadonlySet<string>, name: string): ReadonlySet<string> {
  if (set.has(name)) return set;
  const own = set === NONE ? new Set<string>() : (set as Set<string>);
  own.add(name);
  return own;
}

/** A character `expandWord` must take literally. */
function literal(c: string): string {
  return c === '$' || c === '\\' ? '\\' + c : c;
}

/** Quotes and the escape character rewritten for `expandWord`, which knows only `\` escapes and `$`. */
function toExpandable(word: string, escape: string): string {
  let out = '';
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < word.length; i++) {
    const c = word[i];
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else out += literal(c);
      continue;
    }
    if (c === escape) {
      const next = word[i + 1];
      if (next === undefined) break;
      // In double quotes only `"`, `$` and the escape character itself can be escaped.
      if (quote === '"' && next !== '"' && next !== '$' && next !== escape) out += literal(c);
      else {
        out += literal(next);
        i++;
      }
      continue;
    }
    if (c === '\\') {
      out += literal(c);
      continue;
    }
    if (c === '"' || (c === "'" && !quote)) {
      quote = quote === c ? undefined : (c as '"' | "'");
      continue;
    }
    out += c;
  }
  return out;
}

function expandWith(expandable: string, env: Environment): ProcessedWord {
  const result: ProcessedWord = { value: '', matched: NONE, unmatched: NONE, unknown: NONE };
  const expansion = expandWord(expandable, (name) => {
    const value = env(name);
    if (value === undefined) result.unknown = withName(result.unknown, name);
    if (typeof value === 'string') result.matched = withName(result.matched, name);
    else result.unmatched = withName(result.unmatched, name);
    return value ?? undefined;
  });
  result.value = expansion.value;
  // Too long to work out: every variable it read makes the value a guess.
  if (expansion.overflow) for (const name of result.matched) result.unknown = withName(result.unknown, name);
  return result;
}

export function processWord(word: string, env: Environment, escape: string): ProcessedWord {
  return expandWith(toExpandable(word, escape), env);
}

/** A word prepared once for `processPrepared`: quotes and escapes already worked out. */
export interface PreparedWord {
  expandable: string;
}

export function prepareWord(word: string, escape: string): PreparedWord {
  return { expandable: toExpandable(word, escape) };
}

/** `processWord` of a prepared word: only the variables are looked up again. */
export function processPrepared(word: PreparedWord, env: Environment): ProcessedWord {
  return expandWith(word.expandable, env);
}

/** The global ARGs, as FROM lines see them (user build args over defaults). */
export function globalEnvironment(context: RuleContext): Environment {
  const values = globalArgValues(context.model, context.options);
  return (name) => (values.has(name) ? (values.get(name) ?? null) : null);
}

interface Declared {
  stage: number;
  start: Position;
  kind: 'ARG' | 'ENV';
  /** The value as written, quotes and all; null for `ARG NAME`. */
  raw: string | null;
  /** For an ARG, the names declared before it in the same instruction. */
  earlier: { name: string; declared: Declared }[];
}

// By placed instruction, which a chunk placed where it was before shares with the last analysis:
// a keystroke then asks the parser again only for the ARG and ENV lines of its own stage.
const declaredByInstruction = new WeakMap<InstructionInfo, { name: string; declared: Declared }[]>();

interface Written {
  name: string;
  raw: string | null;
}

// What the parser reads of an ARG or ENV line, by chunk and the instruction's place in it: its own
// lines decide it, so a chunk moved by a line added above it is not asked of the parser again.
const writtenByChunk = new WeakMap<ChunkModel, (Written[] | undefined)[]>();

function writtenIn(parsed: object, chunk: ChunkModel | undefined, i: number): Written[] {
  const read = () => (parsed as { getProperties(): Property[] }).getProperties().map((property) => ({ name: property.getName(), raw: property.getUnescapedValue() }));
  if (!chunk) return read();
  let byInstruction = writtenByChunk.get(chunk);
  if (!byInstruction) writtenByChunk.set(chunk, (byInstruction = []));
  return (byInstruction[i] ??= read());
}

/** What an ARG or ENV instruction declares, by name, in order; `chunk` holds it as its `i`-th instruction. */
function declaredBy(info: InstructionInfo, parsed: object, chunk: ChunkModel | undefined, i: number): { name: string; declared: Declared }[] {
  let found = declaredByInstruction.get(info);
  if (found) return found;
  found = [];
  const earlier: { name: string; declared: Declared }[] = [];
  for (const { name, raw } of writtenIn(parsed, chunk, i)) {
    const declared: Declared = { stage: info.stage, start: info.range.start, kind: info.keyword as 'ARG' | 'ENV', raw, earlier: [...earlier] };
    found.push({ name, declared });
    // BuildKit sets an instruction's ARGs one by one, but expands all values of an ENV with the environment before it.
    if (info.keyword === 'ARG') earlier.push({ name, declared });
  }
  declaredByInstruction.set(info, found);
  return found;
}

const NO_DECLARATIONS: Declared[] = [];

/** stage -> name -> the ARG and ENV declarations of those instructions, in file order. */
function declaredByStage(instructions: readonly InstructionInfo[], parsed: readonly object[], chunk?: ChunkModel): Map<number, Map<string, Declared[]>> {
  const byStage = new Map<number, Map<string, Declared[]>>();
  instructions.forEach((info, i) => {
    if (info.stage < 0 || (info.keyword !== 'ARG' && info.keyword !== 'ENV')) return;
    let names = byStage.get(info.stage);
    if (!names) byStage.set(info.stage, (names = new Map()));
    for (const { name, declared } of declaredBy(info, parsed[i], chunk, i)) {
      let list = names.get(name);
      if (!list) names.set(name, (list = []));
      list.push(declared);
    }
  });
  return byStage;
}

// By placed chunk, which the next analysis shares when the chunk did not change (moved by lines
// added above, in place: a declaration holds its instruction's start, which moves with it): a
// keystroke then indexes the declarations of its own stage only.
const declarationsByChunk = new WeakMap<PlacedParts, Map<number, Map<string, Declared[]>>>();

function chunkDeclarations(placed: PlacedParts): Map<number, Map<string, Declared[]>> {
  let found = declarationsByChunk.get(placed);
  if (!found) declarationsByChunk.set(placed, (found = declaredByStage(placed.parts.instructions, placed.parts.parsed, placed.chunk)));
  return found;
}

// By declaration, which a chunk that did not change shares with the last analysis (see declaredBy).
const literalValues = new WeakMap<Declared, string>();

/** Marks an `ARG NAME` that sets nothing: an earlier declaration still holds. */
const SETS_NOTHING = Symbol('sets nothing');

/**
 * Every ARG and ENV of the stages, by name, each value worked out once and only when asked for:
 * a keystroke's analysis of a long file must not expand every declaration for every use.
 */
class EnvironmentIndex {
  private readonly values = new Map<Declared, string | null | undefined | typeof SETS_NOTHING>();
  private readonly globals: Map<string, string | undefined>;
  /** stage -> name -> declarations in file order, when the model was built as one piece (no chunks to cache by). */
  private readonly wholeFile?: Map<number, Map<string, Declared[]>>;

  constructor(private readonly context: RuleContext, private readonly escape: string) {
    const { model } = context;
    this.globals = globalArgValues(model, context.options);
    if (!model.chunks.length) this.wholeFile = declaredByStage(model.instructions, model.parsed);
  }

  /** The stage's ARG and ENV declarations of `name`, in file order. */
  private declared(stage: number, name: string): Declared[] | undefined {
    if (this.wholeFile) return this.wholeFile.get(stage)?.get(name);
    const placed = placedChunkOf(this.context.model, stage);
    return placed ? chunkDeclarations(placed).get(stage)?.get(name) : undefined;
  }

  /**
   * Whether `name`, read just before `before` in `stage`, is set by an ENV of that stage above it
   * with a value that names no variable: a value the stage's own lines decide.
   */
  setByOwnLiteral(stage: number, name: string, before: Position): boolean {
    const list = this.declared(stage, name) ?? NO_DECLARATIONS;
    for (let i = list.length - 1; i >= 0; i--) {
      const declared = list[i];
      if (comparePositions(declared.start, before) >= 0) continue;
      return declared.kind === 'ENV' && declared.raw !== null && !declared.raw.includes('$');
    }
    return false;
  }

  at(stage: number, before: Position): Environment {
    const { analysis } = this.context;
    const chain = baseChain(analysis.stages, stage);
    const fromScratch = analysis.stages[chain[chain.length - 1]]?.base.kind === 'scratch';
    return (name) => {
      for (const s of chain) {
        const list = this.declared(s, name) ?? NO_DECLARATIONS;
        for (let i = list.length - 1; i >= 0; i--) {
          const declared = list[i];
          if (s === stage && comparePositions(declared.start, before) >= 0) continue;
          const value = this.valueOf(declared, name);
          if (value !== SETS_NOTHING) return value;
        }
      }
      // A name some other stage declares, or a global or platform ARG not redeclared here, is no
      // base-image variable: BuildKit finds it unset, as would a reader of the file.
      return fromScratch || isPlatformArg(name) || declaredNames(this.context.analysis.declarations).has(name) ? null : undefined;
    };
  }

  private valueOf(declared: Declared, name: string): string | null | undefined | typeof SETS_NOTHING {
    if (this.values.has(declared)) return this.values.get(declared)!;
    let value: string | null | undefined | typeof SETS_NOTHING;
    const user = declared.kind === 'ARG' ? this.context.options.buildArgs?.[name] : undefined;
    if (user !== undefined) value = user;
    else if (declared.raw !== null && !declared.raw.includes('$')) {
      // No variable in it: the same value whatever is declared around it, worked out once for every analysis that shares the declaration.
      let literal = literalValues.get(declared);
      if (literal === undefined) literalValues.set(declared, (literal = processWord(declared.raw, () => undefined, this.escape).value));
      value = literal;
    } else if (declared.raw !== null) {
      const before = this.at(declared.stage, declared.start);
      const env: Environment = (other) => {
        const sibling = declared.earlier.filter((e) => e.name === other).pop();
        const value = sibling ? this.valueOf(sibling.declared, other) : SETS_NOTHING;
        return value === SETS_NOTHING ? before(other) : value;
      };
      const word = processWord(declared.raw, env, this.escape);
      value = word.unknown.size ? undefined : word.value;
    } else value = this.globals.get(name) ?? SETS_NOTHING;
    this.values.set(declared, value);
    return value;
  }
}

// Keyed by the analysis run: the values depend on its build args as much as on the text.
const indexes = new WeakMap<RuleContext, EnvironmentIndex>();

function indexFor(context: RuleContext, escape: string): EnvironmentIndex {
  let index = indexes.get(context);
  if (!index) indexes.set(context, (index = new EnvironmentIndex(context, escape)));
  return index;
}

/**
 * `word` expanded with the variables of the stage just before `before` (as `environmentAt` gives
 * them), and whether the stage's own lines decide the result: every variable it reads is set above
 * it in that stage by an ENV of a literal value. Such a result is the same in any analysis that
 * shares the instruction (an unchanged chunk, moved or not), whatever the other stages, the global
 * ARGs and the build args are, so a caller may keep it by instruction.
 */
export function expandedInStage(context: RuleContext, stageIndex: number, before: Position, escape: string, word: PreparedWord): { word: ProcessedWord; own: boolean } {
  const index = indexFor(context, escape);
  const env = index.at(stageIndex, before);
  let own = true;
  const processed = processPrepared(word, (name) => {
    if (own && !index.setByOwnLiteral(stageIndex, name, before)) own = false;
    return env(name);
  });
  return { word: processed, own };
}

/**
 * The variables of a stage just before `before`: its own ARG and ENV lines above it, then those of
 * the stages it is built FROM. ARG values come from build args, then the default, then the global ARG.
 */
export function environmentAt(context: RuleContext, stageIndex: number, before: Position, escape: string): Environment {
  return indexFor(context, escape).at(stageIndex, before);
}
