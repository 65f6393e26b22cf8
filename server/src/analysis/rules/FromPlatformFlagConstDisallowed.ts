import { fromPlatforms, parsePlatform } from './platform';
import { Rule } from './rule';

// BuildKit's exceptions (dockerfile2llb/validations.go): a value with any variable, a value it cannot
// parse (the build fails on it anyway), and a stage whose name contains the OS or the architecture
// (`build_amd64`): such a stage is meant for that platform only.
export const FromPlatformFlagConstDisallowed: Rule = {
  id: 'FromPlatformFlagConstDisallowed',
  buildkit: true,
  defaultSeverity: 'warning',
  description: 'A constant `FROM --platform` pins the stage to one platform and defeats multi-platform builds.',
  check(context, report) {
    const { model } = context;
    for (const { info, flag, word } of fromPlatforms(context)) {
      if (word.matched.size || word.unmatched.size) continue;
      const platform = parsePlatform(word.value);
      if (!platform) continue;
      const stageName = model.stages.find((s) => s.fromRange === info.range)?.key ?? '';
      if (stageName.includes(platform.os) || stageName.includes(platform.architecture)) continue;
      report({
        range: flag.getValueRange() ?? flag.getRange(),
        message: `'FROM --platform=${word.value}' pins this stage to one platform: leave --platform out (and pass it to the build), use a variable such as '$BUILDPLATFORM', or name the stage after the platform.`,
      });
    }
  },
};
