// Completion from the text before the cursor: stage names after `--from=`, mount `from=` and
// `FROM `, variables in scope after `$` / `${`, instruction flags, mount option keys and values.
import { CompletionItem, CompletionItemKind, InsertTextFormat } from 'vscode-languageserver-types';
import { Analysis, InstructionInfo, Position, Range, VariableDeclaration } from '../analysis';
import { comparePositions } from '../analysis/text';

export const COMPLETION_TRIGGER_CHARACTERS = ['=', '$', '{', '-', ' ', ','];

interface FlagSpec {
  label: string;
  detail: string;
  /** The flag may appear more than once. */
  repeatable?: boolean;
}

const FLAGS: Record<string, FlagSpec[]> = {
  FROM: [{ label: '--platform=', detail: 'platform of the base image, e.g. $BUILDPLATFORM' }],
  COPY: [
    { label: '--from=', detail: 'copy from an earlier stage, a build context or an image' },
    { label: '--chown=', detail: 'owner of the copied files' },
    { label: '--chmod=', detail: 'permissions of the copied files' },
    { label: '--link', detail: 'copy into an independent layer' },
    { label: '--parents', detail: 'keep the parent directories of the sources' },
    { label: '--exclude=', detail: 'leave out paths matching a pattern', repeatable: true },
  ],
  ADD: [
    { label: '--chown=', detail: 'owner of the added files' },
    { label: '--chmod=', detail: 'permissions of the added files' },
    { label: '--link', detail: 'add into an independent layer' },
    { label: '--checksum=', detail: 'verify a remote file' },
    { label: '--keep-git-dir', detail: 'keep the .git directory of a Git source' },
    { label: '--exclude=', detail: 'leave out paths matching a pattern', repeatable: true },
  ],
  RUN: [
    { label: '--mount=type=', detail: 'mount a stage, cache, secret, ssh agent or tmpfs', repeatable: true },
    { label: '--network=', detail: 'default, none or host' },
    { label: '--security=', detail: 'sandbox or insecure' },
  ],
};

const FLAG_VALUES: Record<string, string[]> = {
  network: ['default', 'none', 'host'],
  security: ['sandbox', 'insecure'],
};

const MOUNT_TYPES = ['bind', 'cache', 'tmpfs', 'secret', 'ssh'];

const MOUNT_KEYS: Record<string, string[]> = {
  bind: ['target', 'source', 'from', 'readwrite'],
  cache: ['id', 'target', 'readonly', 'sharing', 'from', 'source', 'mode', 'uid', 'gid'],
  tmpfs: ['target', 'size'],
  secret: ['id', 'target', 'env', 'required', 'mode', 'uid', 'gid'],
  ssh: ['id', 'target', 'required', 'mode', 'uid', 'gid'],
};
const MOUNT_KEY_VALUES: Record<string, string[]> = {
  sharing: ['shared', 'private', 'locked'],
  required: ['true', 'false'],
};
// Keys that take no value.
const MOUNT_FLAGS = new Set(['readonly', 'readwrite', 'ro', 'rw']);

export function completions(analysis: Analysis, position: Position): CompletionItem[] {
  const lineText = analysis.lines.lineText(position.line);
  const before = lineText.slice(0, position.character);
  const instruction = instructionAt(analysis, position);
  const keyword = instruction?.keyword ?? firstWord(before);
  const stage = stageAt(analysis, position);

  const variable = /(?:^|[^\\])\$(\{?)([A-Za-z_][A-Za-z0-9_]*)?$/.exec(before);
  if (variable) return variableItems(analysis, stage, keyword, position, replaceRange(position, variable[2]?.length ?? 0));

  const mount = /--mount=((?:[^\s,]*,)*)([^\s,]*)$/.exec(before);
  if (keyword === 'RUN' && mount) return mountItems(analysis, stage, mount[1], mount[2], position);

  const copyFrom = /--from=([^\s]*)$/.exec(before);
  if (keyword === 'COPY' && copyFrom) return stageItems(analysis, stage, replaceRange(position, copyFrom[1].length), true);

  const flagValue = /--([a-z-]+)=([^\s]*)$/.exec(before);
  if (flagValue && FLAG_VALUES[flagValue[1]]) {
    return valueItems(FLAG_VALUES[flagValue[1]], replaceRange(position, flagValue[2].length));
  }

  const flag = /(?:^|\s)(--?[a-z-]*)$/.exec(before);
  if (flag && FLAGS[keyword] && onlyFlagsBefore(analysis, instruction, position, flag[1].length)) {
    return flagItems(analysis, instruction, keyword, replaceRange(position, flag[1].length));
  }

  const fromBase = /^\s*FROM\s+(?:--\S+\s+)*([^\s-][^\s]*|)$/i.exec(before);
  if (keyword === 'FROM' && fromBase) return fromItems(analysis, stage, replaceRange(position, fromBase[1].length));
  return [];
}

function firstWord(text: string): string {
  return /^\s*([A-Za-z]+)/.exec(text)?.[1].toUpperCase() ?? '';
}

function replaceRange(position: Position, typed: number): Range {
  return { start: { line: position.line, character: position.character - typed }, end: position };
}

/** The instruction whose range holds the position (binary search: instructions are in file order). */
function instructionAt(analysis: Analysis, position: Position): InstructionInfo | undefined {
  const list = analysis.instructions;
  let low = 0;
  let high = list.length - 1;
  let found: InstructionInfo | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (comparePositions(list[mid].range.start, position) <= 0) {
      found = list[mid];
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found && comparePositions(position, found.range.end) <= 0 ? found : undefined;
}

/** The stage the position is in (a FROM line belongs to the stage it starts), -1 before the first FROM. */
function stageAt(analysis: Analysis, position: Position): number {
  let stage = -1;
  for (const s of analysis.stages) {
    if (comparePositions(s.fromRange.start, position) > 0) break;
    stage = s.index;
  }
  return stage;
}

/** The flag being typed comes before the instruction's first argument. */
function onlyFlagsBefore(analysis: Analysis, instruction: InstructionInfo | undefined, position: Position, typed: number): boolean {
  const end = analysis.lines.offsetAt(position) - typed;
  // A keyword just typed may not be an instruction yet: its arguments start after the first word.
  const start = instruction
    ? analysis.lines.offsetAt(instruction.keywordRange.end)
    : analysis.lines.lineStart(position.line) + (/^\s*[A-Za-z]+/.exec(analysis.lines.lineText(position.line))?.[0].length ?? 0);
  const escape = analysis.directives.escape;
  const words = analysis.text.slice(start, end).split(/\s+/).filter((w) => w && w !== escape);
  return words.every((w) => w.startsWith('--'));
}

function stageItems(analysis: Analysis, current: number, range: Range, allowIndex: boolean): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const stage of analysis.stages) {
    if (stage.index >= current) break;
    const label = stage.name ?? (allowIndex ? String(stage.index) : undefined);
    if (label === undefined) continue;
    items.push({
      label,
      kind: CompletionItemKind.Module,
      detail: stage.base.text,
      labelDetails: { description: stage.name ? `stage ${stage.index}` : 'unnamed stage' },
      sortText: String(stage.index).padStart(6, '0'),
      textEdit: { range, newText: label },
    });
  }
  return items;
}

function fromItems(analysis: Analysis, current: number, range: Range): CompletionItem[] {
  // FROM matches a stage only as written in lowercase.
  const items = stageItems(analysis, current, range, false).map((item) => {
    const key = item.label.toLowerCase();
    return { ...item, label: key, textEdit: { range, newText: key } };
  });
  items.push({ label: 'scratch', kind: CompletionItemKind.Keyword, detail: 'the empty image', sortText: 'zzzzzz', textEdit: { range, newText: 'scratch' } });
  return items;
}

function variableItems(analysis: Analysis, stage: number, keyword: string, position: Position, range: Range): CompletionItem[] {
  // FROM lines (and lines before the first FROM) see the global ARGs, nothing else.
  const scope = keyword === 'FROM' || stage < 0 ? -1 : stage;
  const byName = new Map<string, VariableDeclaration>();
  for (const d of declarationsInScope(analysis, scope, position)) if (!byName.has(d.name)) byName.set(d.name, d);
  return [...byName.values()].map((d) => ({
    label: d.name,
    kind: CompletionItemKind.Variable,
    detail: `${d.kind}${d.scope < 0 ? ' (global)' : ''}${d.value !== undefined ? ` = ${d.value}` : ''}`,
    textEdit: { range, newText: d.name },
  }));
}

/** Declarations visible at a position, nearest first: the stage's own, then its base stages'. */
function declarationsInScope(analysis: Analysis, scope: number, position: Position): VariableDeclaration[] {
  const chain: number[] = [];
  let current: number | undefined = scope;
  while (current !== undefined && !chain.includes(current)) {
    chain.push(current);
    if (current < 0) break;
    current = analysis.stages[current]?.base.stage;
  }
  const visible: VariableDeclaration[] = [];
  for (const s of chain) {
    const own = analysis.declarations.filter((d) => d.scope === s && (s !== scope || comparePositions(d.instructionRange.end, position) < 0));
    visible.push(...own.reverse());
  }
  return visible;
}

function mountItems(analysis: Analysis, stage: number, done: string, typing: string, position: Position): CompletionItem[] {
  const eq = typing.indexOf('=');
  if (eq >= 0) {
    const key = typing.slice(0, eq);
    const range = replaceRange(position, typing.length - eq - 1);
    if (key === 'from') return stageItems(analysis, stage, range, true);
    if (key === 'type') return valueItems(MOUNT_TYPES, range);
    return MOUNT_KEY_VALUES[key] ? valueItems(MOUNT_KEY_VALUES[key], range) : [];
  }
  const present = new Set(done.split(',').filter(Boolean).map((part) => part.split('=')[0].toLowerCase()));
  const type = /(?:^|,)type=([a-z]+)/.exec(done)?.[1] ?? 'bind';
  const keys = present.has('type') ? MOUNT_KEYS[type] ?? [] : ['type', ...(MOUNT_KEYS[type] ?? [])];
  const range = replaceRange(position, typing.length);
  return keys
    .filter((k) => !present.has(k))
    .map((k) => ({
      label: MOUNT_FLAGS.has(k) ? k : `${k}=`,
      kind: CompletionItemKind.Property,
      detail: `${type} mount option`,
      textEdit: { range, newText: MOUNT_FLAGS.has(k) ? k : `${k}=` },
      command: MOUNT_FLAGS.has(k) ? undefined : retrigger,
    }));
}

function valueItems(values: string[], range: Range): CompletionItem[] {
  return values.map((v) => ({ label: v, kind: CompletionItemKind.EnumMember, textEdit: { range, newText: v } }));
}

function flagItems(analysis: Analysis, instruction: InstructionInfo | undefined, keyword: string, range: Range): CompletionItem[] {
  // The flags already written, leaving out the one being typed.
  const whole = instruction?.range ?? { start: { line: range.start.line, character: 0 }, end: range.end };
  const written = analysis.lines.textIn({ start: whole.start, end: range.start }) + ' ' + analysis.lines.textIn({ start: range.end, end: whole.end });
  const present = new Set(written.match(/--[a-z-]+/g) ?? []);
  return FLAGS[keyword]
    .filter((f) => f.repeatable || !present.has(f.label.replace(/=.*$/, '')))
    .map((f) => ({
      label: f.label,
      kind: CompletionItemKind.Property,
      detail: f.detail,
      insertTextFormat: InsertTextFormat.PlainText,
      textEdit: { range, newText: f.label },
      command: f.label.endsWith('=') ? retrigger : undefined,
    }));
}

// After inserting `--from=` or `key=`, ask the editor for the values right away.
const retrigger = { title: 'Suggest', command: 'editor.action.triggerSuggest' };
