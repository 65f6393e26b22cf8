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
  for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) {
    // A group such as `outline` is declared key by key (`outline.maxItems`).
    const keys = properties[`dockerfileStages.${key}`] || !value || typeof value !== 'object' ? [key] : Object.keys(value).map((inner) => `${key}.${inner}`);
    for (const name of keys) assert.ok(properties[`dockerfileStages.${name}`], `dockerfileStages.${name} is not declared`);
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

// What `vsce package` asks about at a prompt when it is missing, and what a Marketplace listing shows.
test('the listing is complete: repository, homepage, bugs, a 128x128 PNG icon in the VSIX, banner, keywords, categories', () => {
  const project = 'https://github.com/dockerfile-stages/dockerfile-stages';
  assert.equal(manifest.repository.url, `${project}.git`);
  assert.ok(manifest.homepage.startsWith(project));
  assert.ok(manifest.bugs.url.startsWith(project));
  const icon = fs.readFileSync(path.join(repoRoot(), manifest.icon));
  assert.equal(icon.subarray(1, 4).toString('latin1'), 'PNG');
  assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [128, 128], 'IHDR width and height');
  const vscodeignore = fs.readFileSync(path.join(repoRoot(), '.vscodeignore'), 'utf8').split('\n');
  assert.ok(vscodeignore.includes(`!${manifest.icon}`), '.vscodeignore lets the icon into the VSIX');
  assert.match(manifest.galleryBanner.color, /^#[0-9a-f]{6}$/i);
  assert.ok(manifest.keywords.length >= 3 && manifest.keywords.length <= 30);
  const marketplace = ['Programming Languages', 'Snippets', 'Linters', 'Themes', 'Debuggers', 'Formatters', 'Keymaps', 'SCM Providers', 'Other', 'Extension Packs', 'Language Packs', 'Data Science', 'Machine Learning', 'Visualization', 'Notebooks', 'Education', 'Testing', 'AI', 'Chat'];
  for (const category of manifest.categories) assert.ok(marketplace.includes(category), category);
});

test('README links outside the VSIX work there: vsce rewrites relative links to the repository', () => {
  const readme = fs.readFileSync(path.join(repoRoot(), 'README.md'), 'utf8');
  const relative = [...readme.matchAll(/\]\(([^)#\s]+)[^)]*\)/g)].map((m) => m[1]).filter((href) => !/^[a-z]+:/i.test(href));
  for (const href of relative) assert.ok(fs.existsSync(path.join(repoRoot(), href)), `README links to ${href}, which is missing`);
  if (relative.length) assert.doesNotMatch(manifest.scripts.package, /--no-rewrite-relative-links/);
});

test('the README lists every setting package.json declares, and says how the JSON output counts positions', () => {
  const readme = fs.readFileSync(path.join(repoRoot(), 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('Settings (all under `dockerfileStages.`)'));
  const rows = table.slice(0, table.indexOf('\n\n', table.indexOf('|'))).split('\n').filter((l) => l.startsWith('| `'));
  const listed = rows.map((row) => /^\| `([^`]+)`/.exec(row)![1]).sort();
  assert.deepEqual(listed, Object.keys(properties).map((key) => key.replace(/^dockerfileStages\./, '')).sort());
  assert.match(readme, /--format json[\s\S]*0-based/);
});
