import { Fix } from '../types';
import { exposedPorts } from './expose';
import { quote, Rule } from './rule';

export const ExposeProtoCasing: Rule = {
  id: 'ExposeProtoCasing',
  buildkit: true,
  defaultSeverity: 'warning',
  description: 'The protocol in EXPOSE should be lowercase: `80/tcp`.',
  check(context, report) {
    for (const port of exposedPorts(context)) {
      if (port.proto === port.proto.toLowerCase()) continue;
      const fixes: Fix[] = [];
      if (port.literal) {
        const at = port.range.start.character + port.literal.lastIndexOf('/') + 1;
        const range = { start: { line: port.range.start.line, character: at }, end: { line: port.range.start.line, character: at + port.proto.length } };
        fixes.push({ title: `Change to ${quote(port.proto.toLowerCase())}`, edits: [{ range, newText: port.proto.toLowerCase() }], preferred: true });
      }
      report({
        range: port.range,
        message: `Protocol ${quote(port.proto)} in ${quote(port.raw)} should be lowercase: ${quote(port.proto.toLowerCase())}.`,
        fixes,
      });
    }
  },
};
