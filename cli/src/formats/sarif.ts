// SARIF 2.1.0 for code scanning: every rule with its documentation page, findings as results,
// quick fixes as `fixes`, unreadable files as tool execution notifications.
import * as path from 'path';
import { pathToFileURL } from 'url';
import type * as Sarif from 'sarif';
import { Range, RULES, Severity } from '../../../server/src/analysis';
import { CheckReport, RULE_DOCS_BASE } from './result';

const LEVELS: Record<Severity, Sarif.ReportingConfiguration.level> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

/** A path as a URI reference: relative ones stay relative (code scanning resolves them against the checkout). */
export function artifactUri(file: string): string {
  if (path.isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(path.sep).map(encodeURIComponent).join('/');
}

function region(range: Range): Sarif.Region {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

export function formatSarif(report: CheckReport, version: string): string {
  const ruleIndex = new Map(RULES.map((rule, i) => [rule.id, i]));
  const results: Sarif.Result[] = [];
  const notifications: Sarif.Notification[] = [];
  for (const result of report.results) {
    const artifactLocation = { uri: artifactUri(result.file) };
    if (result.error) {
      notifications.push({ level: 'error', message: { text: `cannot check ${result.file}: ${result.error}` }, locations: [{ physicalLocation: { artifactLocation } }] });
      continue;
    }
    for (const f of result.findings) {
      // A fix that only runs an editor command (set the build target) changes no file: SARIF has no place for it.
      const fixes = f.fixes.filter((fix) => fix.edits.length > 0);
      results.push({
        ruleId: f.rule,
        ruleIndex: ruleIndex.get(f.rule),
        level: LEVELS[f.severity],
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation, region: region(f.range) } }],
        fixes: fixes.length
          ? fixes.map((fix) => ({
              description: { text: fix.title },
              artifactChanges: [{ artifactLocation, replacements: fix.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })) }],
            }))
          : undefined,
      });
    }
  }
  for (const file of report.skipped) {
    notifications.push({ level: 'warning', message: { text: `${file} is not a Dockerfile: skipped` }, locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(file) } } }] });
  }
  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'dockerfile-stages',
            version,
            informationUri: 'https://github.com/dockerfile-stages/dockerfile-stages',
            rules: RULES.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.description },
              helpUri: `${RULE_DOCS_BASE}${rule.id}.md`,
              defaultConfiguration: { level: LEVELS[rule.defaultSeverity] },
            })),
          },
        },
        invocations: [{ executionSuccessful: notifications.every((n) => n.level !== 'error'), toolExecutionNotifications: notifications.length ? notifications : undefined }],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
