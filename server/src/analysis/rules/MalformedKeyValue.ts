import { argumentWords } from './arguments';
import { quote, Rule } from './rule';

// In `ENV a=1 b=2` / `LABEL a=1 b=2` every word must be a key=value pair; a stray word (an
// unquoted space in a value, a lost continuation) makes BuildKit stop: "can't find = in …".
export const MalformedKeyValue: Rule = {
  id: 'MalformedKeyValue',
  buildkit: false,
  defaultSeverity: 'error',
  scope: 'stage',
  description: 'An ENV or LABEL in key=value form has a word without `=`, or an ENV or LABEL has no value: BuildKit stops.',
  check(context, report) {
    const { index } = context;
    for (const instruction of context.analysis.instructions) {
      let keyword = instruction.keyword;
      // Only these can be an ENV or a LABEL: the others' words are not split for this rule.
      if (keyword !== 'ENV' && keyword !== 'LABEL' && keyword !== 'ONBUILD') continue;
      let words = argumentWords(context, instruction);
      // BuildKit parses an ONBUILD trigger with the file: `ONBUILD ENV a=1 b` fails the same way.
      if (keyword === 'ONBUILD' && words.length) {
        keyword = words[0].text.toUpperCase();
        words = words.slice(1);
      }
      if (keyword !== 'ENV' && keyword !== 'LABEL') continue;
      if (words.length === 0) continue;
      if (!words[0].text.includes('=')) {
        // `ENV key value` (no `=` in the first word) is the legacy form, LegacyKeyValueFormat's;
        // `ENV key` alone has no value at all.
        if (words.length === 1) {
          report({
            range: index.rangeAt(words[0].start, words[0].end),
            message: `'${keyword} ${words[0].text}' has no value: BuildKit stops with "${keyword} must have two arguments". Write '${keyword} ${words[0].text}=value'.`,
          });
        }
        continue;
      }
      const stray = words.find((w) => !w.text.includes('='));
      if (!stray) continue;
      report({
        range: index.rangeAt(stray.start, stray.end),
        message: `${quote(stray.text)} is no key=value pair: in '${keyword} key=value' form every word must be one, so BuildKit stops. Quote a value that has spaces ('KEY="a b"').`,
      });
    }
  },
};
