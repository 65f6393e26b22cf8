// Writes the per-rule severity settings into package.json from the rule registry, so the
// settings UI lists every rule. Run after adding a rule: `npm run sync-manifest`.
const fs = require('fs');
const path = require('path');
const { RULES } = require('../out/server/src/analysis');
const { settingDescription } = require('../out/server/src/analysis/rules/rule');

const file = path.join(__dirname, '..', 'package.json');
const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
const properties = manifest.contributes.configuration.properties;
const severity = ['off', 'hint', 'information', 'warning', 'error'];
const rules = {};
for (const rule of [...RULES].sort((a, b) => a.id.localeCompare(b.id))) {
  rules[rule.id] = {
    type: 'string',
    enum: severity,
    markdownDescription: settingDescription(rule),
  };
}
properties['dockerfileStages.rules'] = {
  type: 'object',
  scope: 'resource',
  default: {},
  properties: rules,
  additionalProperties: { type: 'string', enum: severity },
  markdownDescription: 'Severity per rule: `off`, `hint`, `information`, `warning` or `error`. Each diagnostic links to the page of its rule.',
};
fs.writeFileSync(file, JSON.stringify(manifest, null, 2) + '\n');
console.log(`package.json: ${Object.keys(rules).length} rules`);
