import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { RULES } from '../../server/src/analysis';
import { settingDescription } from '../../server/src/analysis/rules/rule';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { repoRoot } from '../support/paths';

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8'));
const properties = manifest.contributes.configuration.properties;

test('package.json lists a severity setting for every rule (run `npm run sync-manifest` after adding one)', () => {
  assert.deepEqual(Object.keys(properties['dockerfileStages.rules'].properties).sort(), RULES.map((r) => r.id).sort());
});

test('each rule setting says what the rule says of itself and its default severity (npm run sync-manifest writes them)', () => {
  const rules = properties['dockerfileStages.rules'].properties;
  for (const rule of RULES) assert.equal(rules[rule.id]?.markdownDescription, settingDescription(rule), rule.id);
});

test('every server setting is declared in package.json', () => {
  for (const key of Object.keys(DEFAULT_SETTINGS)) {
    assert.ok(properties[`dockerfileStages.${key}`], `dockerfileStages.${key} is not declared`);
  }
});

test('the extension activates on the dockerfile language and claims Dockerfile and Containerfile names', () => {
  assert.ok(manifest.activationEvents.includes('onLanguage:dockerfile'));
  const language = manifest.contributes.languages.find((l: { id: string }) => l.id === 'dockerfile');
  assert.deepEqual(language.filenames.sort(), ['Containerfile', 'Dockerfile']);
  for (const pattern of ['Dockerfile.*', 'Containerfile.*', '*.Dockerfile', '*.dockerfile']) assert.ok(language.filenamePatterns.includes(pattern), pattern);
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
  assert.equal(manifest.capabilities.virtualWorkspaces, true);
});

test('bundles are what package.json points at', () => {
  assert.equal(manifest.main, './dist/extension.js');
  assert.equal(manifest.bin['dockerfile-stages'], 'dist/cli.js');
  assert.equal(manifest.bin['dockerfile-stages-language-server'], 'dist/server.js');
});
