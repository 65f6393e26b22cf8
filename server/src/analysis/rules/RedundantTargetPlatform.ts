import { Fix } from '../types';
import { fromPlatforms } from './platform';
import { quote, Rule } from './rule';

// BuildKit's condition (dockerfile2llb/validations.go): TARGETPLATFORM is the one variable the
// value uses, and the value is exactly TARGETPLATFORM's, so `--platform=$TARGETPLATFORM`.
export const RedundantTargetPlatform: Rule = {
  id: 'RedundantTargetPlatform',
  buildkit: true,
  defaultSeverity: 'warning',
  description: '`FROM --platform=$TARGETPLATFORM` says what BuildKit does by default.',
  check(context, report) {
    const { index } = context;
    for (const { flag, value, word, env } of fromPlatforms(context)) {
      if (word.matched.size !== 1 || word.unmatched.size !== 0 || !word.matched.has('TARGETPLATFORM') || word.value !== env('TARGETPLATFORM')) continue;
      const range = flag.getRange();
      // The flag and the blanks after it, so `FROM --platform=$TARGETPLATFORM alpine` becomes `FROM alpine`.
      let end = index.offsetAt(range.end);
      while (index.text[end] === ' ' || index.text[end] === '\t') end++;
      const fix: Fix = { title: `Remove ${quote(`--platform=${value}`)}`, edits: [{ range: { start: range.start, end: index.positionAt(end) }, newText: '' }], preferred: true };
      report({
        range,
        message: `'--platform=${value}' is redundant: BuildKit pulls the base image for the target platform by default.`,
        tags: ['unnecessary'],
        fixes: [fix],
      });
    }
  },
};
