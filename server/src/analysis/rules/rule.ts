import { Model } from '../model';
import { StageIndex } from '../resolve';
import { LineIndex } from '../text';
import { Analysis, AnalysisOptions, Fix, Range, RelatedLocation, Severity } from '../types';

export interface RuleContext {
  model: Model;
  analysis: Omit<Analysis, 'findings'>;
  options: AnalysisOptions;
  stages: StageIndex;
  index: LineIndex;
}

export interface Report {
  range: Range;
  message: string;
  /** Overrides the rule's default severity for this finding. */
  severity?: Severity;
  fixes?: Fix[];
  related?: RelatedLocation[];
  tags?: ('unnecessary' | 'deprecated')[];
}

export interface Rule {
  /** Stable id, used as the diagnostic code: BuildKit's rule name where BuildKit has the rule. */
  id: string;
  /** True when BuildKit has a lint rule of this name: `# check=` directives then apply. */
  buildkit: boolean;
  /** BuildKit's experimental rules run only when `# check=experimental=…` asks; `skip=all` leaves them alone. */
  experimental?: boolean;
  defaultSeverity: Severity;
  /** Markdown for the default when some findings override it (settings and docs); \`defaultSeverity\` otherwise. */
  defaultSeverityNote?: string;
  /** One sentence for settings and the rule index. */
  description: string;
  /**
   * 'stage': the findings depend on nothing but the instructions of one stage chunk and the escape
   * character (no options, no other stage, no resolution, no line numbers in messages), so the
   * analysis runs the rule per chunk and reuses the findings of unchanged chunks. Default 'file'.
   */
  scope?: 'stage' | 'file';
  check(context: RuleContext, report: (finding: Report) => void): void;
}

/** The rule's severity setting text in package.json, which `npm run sync-manifest` writes and a test compares. */
export function settingDescription(rule: Rule): string {
  return `${rule.description}${rule.buildkit ? ' (BuildKit rule)' : ''} Default: ${rule.defaultSeverityNote ?? `\`${rule.defaultSeverity}\``}.`;
}

/** Markdown-free quoting for names in messages. */
export function quote(text: string): string {
  return `'${text}'`;
}

/** A range moved `lines` lines down. */
export function movedRange(range: Range, lines: number): Range {
  return { start: { line: range.start.line + lines, character: range.start.character }, end: { line: range.end.line + lines, character: range.end.character } };
}

/** A copy of the report moved `lines` lines down, fixes and related locations too: kept reports are never handed out themselves. */
export function movedReport(report: Report, lines: number): Report {
  const moved: Report = { ...report, range: movedRange(report.range, lines) };
  if (report.fixes) moved.fixes = report.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((edit) => ({ ...edit, range: movedRange(edit.range, lines) })) }));
  if (report.related) moved.related = report.related.map((related) => ({ ...related, range: movedRange(related.range, lines) }));
  return moved;
}
