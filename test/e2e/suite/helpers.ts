// Shared by the end-to-end tests: find fixtures, read their markers, wait for conditions.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { DockerfileStagesApi } from '../../../client/src/extension';
import { parseFixture } from '../../support/markers';

export const extensionId = 'dockerfile-stages.dockerfile-stages';
export const diagnosticSource = 'dockerfile-stages';

/** Generous: a cold server start inside code-server is slow, and a slow machine must not fail a test. */
export const defaultDeadlineMs = 30_000;

/**
 * Calls `probe` until it returns something other than undefined/false, or throws at the deadline
 * with what it last saw. Polling, not sleeping: a fast answer ends the wait at once.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  options: { deadlineMs?: number; explain?: () => string } = {},
): Promise<T> {
  const deadlineMs = options.deadlineMs ?? defaultDeadlineMs;
  const deadline = Date.now() + deadlineMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const reason = lastError instanceof Error ? `: last error ${lastError.message}` : '';
      const seen = options.explain ? `; saw ${options.explain()}` : '';
      throw new Error(`Timed out after ${deadlineMs} ms waiting for ${what}${reason}${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function fixtureUri(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the e2e workspace (test/e2e/workspace) must be open');
  return vscode.Uri.joinPath(folder.uri, ...relativePath.split('/'));
}

export async function openFixture(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(relativePath));
  return vscode.window.showTextDocument(document);
}

export interface Marker {
  range: vscode.Range;
  code: string;
  /** Text after `code:`; the diagnostic's message must contain it. */
  message?: string;
}

/**
 * Reads expectations written under the offending text, e.g.
 *   COPY --from=biulder /out /app
 *   #           ^^^^^^^ UnknownStage: builder
 * with the same reader as the unit fixtures (test/support/markers.ts), so no test types a line
 * or column number.
 */
export function readMarkers(text: string): Marker[] {
  return parseFixture(text).expected.map((e) => ({
    range: new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character),
    code: e.rule,
    message: e.message,
  }));
}

/** The rule id of a diagnostic; VS Code wraps it with the documentation link when there is one. */
export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === diagnosticSource);
}

export function describeDiagnostics(diagnostics: vscode.Diagnostic[]): string {
  return JSON.stringify(diagnostics.map((d) => ({ code: codeOf(d), range: describeRange(d.range), message: d.message })));
}

export function describeRange(range: vscode.Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

/** The line of the FROM instruction that names `stage`, read from the document, not typed by hand. */
export function fromLineOf(document: vscode.TextDocument, stage: string): number {
  const pattern = new RegExp(`^\\s*FROM\\s.*\\sAS\\s+${stage}\\s*$`, 'i');
  for (let line = 0; line < document.lineCount; line++) {
    if (pattern.test(document.lineAt(line).text)) return line;
  }
  assert.fail(`no FROM … AS ${stage} in ${document.uri.toString()}`);
}

export async function activateExtension(): Promise<DockerfileStagesApi> {
  const extension = vscode.extensions.getExtension<DockerfileStagesApi>(extensionId);
  assert.ok(extension, `${extensionId} is loaded from the development path`);
  return extension.activate();
}

/** Fails fast, with the reason, when the server cannot start, instead of every test timing out. */
export async function serverStarted(): Promise<void> {
  const { client } = await activateExtension();
  // vscode-languageclient 11 State: Stopped = 1, Running = 2, Starting = 3, StartFailed = 4.
  const state = await waitFor('the language server to start or fail', () => (client.state === 3 ? undefined : client.state));
  assert.strictEqual(state, 2, `the language server did not start (state ${state}); see the "Dockerfile Stages" output channel`);
}
