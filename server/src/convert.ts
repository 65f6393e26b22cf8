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
import { Finding, Fix, Severity } from './analysis';

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

export function toQuickFix(uri: string, fix: Fix, diagnostic: Diagnostic): CodeAction {
  const action: CodeAction = {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: fix.preferred,
  };
  if (fix.edits.length || !fix.command) action.edit = { changes: { [uri]: fix.edits } };
  // The analysis knows no uri: a fix's command gets the document's uri as its first argument.
  if (fix.command) action.command = { ...fix.command, arguments: [uri, ...(fix.command.arguments ?? [])] };
  return action;
}
