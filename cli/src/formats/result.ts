import { Finding } from '../../../server/src/analysis';

/** What `check` found in one file; `error` when it could not be checked. */
export interface FileResult {
  /** As given on the command line or found under a folder (--stdin-filename for stdin). */
  file: string;
  findings: Finding[];
  error?: string;
}

export interface CheckReport {
  results: FileResult[];
  /** Files skipped as not text. */
  skipped: string[];
}

/** The page of a rule, for SARIF's helpUri and the text format's hints. */
export const RULE_DOCS_BASE = 'https://github.com/dockerfile-stages/dockerfile-stages/blob/main/docs/rules/';
