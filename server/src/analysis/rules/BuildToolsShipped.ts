// Compilers, -dev packages and build commands in the stages the image ships: they stay in its
// layers. The refactoring "Extract builder stage" moves them out (codeActions).
import { Word } from '../words';
import { argumentWords, splitFlags } from './arguments';
import { quote, Rule } from './rule';
import { bareWord, endsCommand, shippedStages, stageLabel } from './insights';

const PACKAGE_MANAGERS = new Set(['apt-get', 'apt', 'apk', 'yum', 'dnf', 'microdnf', 'zypper']);
const INSTALL_WORDS = new Set(['install', 'add']);
// Removing in the same RUN (`apk add --virtual .build-deps … && apk del .build-deps`) leaves nothing behind.
const REMOVE_WORDS = new Set(['del', 'remove', 'purge', 'autoremove', 'erase']);
const BUILD_PACKAGES = new Set([
  'build-essential', 'build-base', 'gcc', 'g++', 'gcc-c++', 'clang', 'cmake', 'make', 'autoconf', 'automake', 'libtool',
  'musl-dev', 'linux-headers', 'pkg-config', 'pkgconf', 'golang', 'rustc', 'cargo',
]);
const BUILD_PURPOSE = /^(dev|devel|development|devcontainer|test|tests|testing|lint|ci|build|builder|tools?|debug|toolchain)([-_.]|$)/;
/** Commands that build (two words each): the toolchain behind them ships with the image. */
const BUILD_COMMANDS: [string, string, string?][] = [
  ['go', 'build'], ['pip', 'wheel'], ['pip3', 'wheel'], ['npm', 'run', 'build'], ['yarn', 'build'], ['yarn', 'run', 'build'],
  ['pnpm', 'build'], ['pnpm', 'run', 'build'], ['cargo', 'build'], ['mvn', 'package'], ['gradle', 'build'], ['poetry', 'install'],
];

export const BuildToolsShipped: Rule = {
  id: 'BuildToolsShipped',
  buildkit: false,
  defaultSeverity: 'hint',
  description: 'Compilers, -dev packages, poetry or a build command (go build, npm run build, pip wheel) in a stage the image ships.',
  check(context, report) {
    const { stages } = context.analysis;
    const shipped = shippedStages(context);
    if (!shipped.length) return;
    const target = stages[shipped[0]];
    // A target named for building, testing or development is meant to carry its tools.
    if (target.key && BUILD_PURPOSE.test(target.key)) return;
    for (const index of shipped) {
      for (const info of stages[index].instructions) {
        if (info.keyword !== 'RUN') continue;
        const words = splitFlags(argumentWords(context, info)).rest;
        const tools = buildToolsIn(words);
        if (!tools.length) continue;
        const installed = tools.filter((t) => t.installs).map((t) => quote(t.name));
        const commands = tools.filter((t) => !t.installs).map((t) => quote(t.name));
        const what = [installed.length ? `installing ${installed.join(', ')}` : '', commands.length ? `running ${commands.join(', ')}` : ''].filter(Boolean).join(' and ');
        report({
          range: context.index.rangeAt(tools[0].word.start, tools[0].word.end),
          message: `This RUN in ${stageLabel(stages[index])} leaves build tools in the image of the target ${stageLabel(target)} (${what}): build in a separate stage and copy only the output.`,
        });
      }
    }
  },
};

export interface BuildTool {
  word: Word;
  name: string;
  /** A package installed, rather than a build command run. */
  installs: boolean;
}

/** The build packages a RUN installs (and does not remove again) and the build commands it runs. */
export function buildToolsIn(words: Word[]): BuildTool[] {
  const found: BuildTool[] = [];
  const texts = words.map((w) => bareWord(w.text));
  if (texts.some((t, i) => (PACKAGE_MANAGERS.has(t) || t === 'pip' || t === 'pip3') && REMOVE_WORDS.has(texts[i + 1] ?? '') || t === 'uninstall')) return found;
  // Each word is looked at a bounded number of times: a package list or a pip install is read to
  // the end of its command once, and the scan goes on after it.
  for (let i = 0; i < words.length; i++) {
    const t = texts[i];
    if (PACKAGE_MANAGERS.has(t)) {
      let j = i + 1;
      while (j < words.length && texts[j].startsWith('-') && !endsCommand(words[j].text)) j++;
      if (!INSTALL_WORDS.has(texts[j] ?? '')) continue;
      // The last package may carry the separator: `apt-get install -y gcc;`.
      for (j++; j < words.length; j++) {
        const name = texts[j].split('=')[0];
        if (BUILD_PACKAGES.has(name) || /^(gcc|g\+\+|clang)-[0-9.]+$/.test(name) || name.endsWith('-dev') || name.endsWith('-devel')) {
          found.push({ word: words[j], name, installs: true });
        }
        if (endsCommand(words[j].text)) break;
      }
      i = j;
      continue;
    }
    if ((t === 'pip' || t === 'pip3' || t === 'pipx') && texts[i + 1] === 'install') {
      let j = i + 2;
      for (; j < words.length; j++) {
        if (texts[j] === 'poetry' || texts[j].startsWith('poetry=')) {
          found.push({ word: words[i], name: 'poetry', installs: true });
          break;
        }
        if (endsCommand(words[j].text)) break;
      }
      i = j;
      continue;
    }
    for (const command of BUILD_COMMANDS) {
      if (command.every((part, k) => texts[i + k] === part)) {
        found.push({ word: words[i], name: command.join(' '), installs: false });
        break;
      }
    }
  }
  return found;
}
