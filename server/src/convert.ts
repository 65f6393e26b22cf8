// Analysis results -> LSP types. The only file besides server.ts that knows the protocol.
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  CodeAction,
  CodeActionKind,
  Diagnostic,
  DiagnosticSeverity,
  DiagnosticTag,
} from 'vscode-languageserver';
import { Finding, Severity } from './analysis';
import { FixAllRequest, PlannedAction } from './features/codeActions';

/** The `data` of a fix-all code action whose edit waits for `codeAction/resolve`. */
export interface DeferredFixAll {
  uri: string;
  fixAll: FixAllRequest;
}

export const SOURCE = 'dockerfile-stages';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Rule docs ship beside the bundle (dist/../docs/rules), so links work offline in any client. */
export function ruleDocsUri(rule: string, docsRoot = path.resolve(__dirname, '..', 'docs', 'rules')): string {
  return pathToFileURL(path.join(docsRoot, `${rule}.md`)).toString();
}

export function toDiagnostic(uri: string, finding: Finding): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.rule,
    codeDescription: { href: ruleDocsUri(finding.rule) },
    source: SOURCE,
    message: finding.message,
  };
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map((r) => ({ location: { uri, range: r.range }, message: r.message }));
  }
  if (finding.tags?.length) {
    diagnostic.tags = finding.tags.map((t) => (t === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated));
  }
  return diagnostic;
}

/** A planned action as an LSP code action; `diagnostics` are the request's, which the action's indexes point into. */
export function toCodeAction(uri: string, action: PlannedAction, diagnostics: Diagnostic[]): CodeAction {
  const result: CodeAction = { title: action.title, kind: action.kind as CodeActionKind };
  // A deferred fix-all carries what `codeAction/resolve` needs instead of its edit.
  if (action.deferred) result.data = { uri, fixAll: action.deferred } satisfies DeferredFixAll;
  else if (action.edits.length || !action.command) result.edit = { changes: { [uri]: action.edits } };
  // The analysis knows no uri: a fix's command gets the document's uri as its first argument.
  if (action.command) result.command = { ...action.command, arguments: [uri, ...(action.command.arguments ?? [])] };
  if (action.diagnostics?.length) result.diagnostics = action.diagnostics.map((i) => diagnostics[i]);
  if (action.preferred) result.isPreferred = true;
  return result;
}

/** The kinds the server offers: quick fixes, fix-all, and the stage refactorings. */
export const CODE_ACTION_KINDS: string[] = [
  CodeActionKind.QuickFix,
  'source.fixAll.dockerfileStages',
  'source.useStageNames',
  CodeActionKind.RefactorExtract,
  CodeActionKind.RefactorInline,
  CodeActionKind.RefactorRewrite,
];
