// A virtualenv, site-packages, a `pip --user` tree or a `pip --prefix` tree holds packages for
// one interpreter on one libc: copied onto another python image it breaks (seed-001, seed-002).
import { copiesFromStages, environmentTreesInChain, normalizedPath, PythonImage, pythonImage, rootImage } from './python';
import { quote, Rule } from './rule';
import { stageLabel } from './insights';

export const PythonEnvironmentMismatch: Rule = {
  id: 'PythonEnvironmentMismatch',
  buildkit: false,
  defaultSeverity: 'information',
  description: 'A Python environment copied between stages whose python images differ in Python version, libc or Debian release.',
  check(context, report) {
    const { stages } = context.analysis;
    // Most stages are asked for many times (each COPY names two), and many share an image text: each is read once.
    const images = new Map<number, PythonImage | undefined>();
    const byText = new Map<string | undefined, PythonImage | undefined>();
    const imageOf = (stage: number) => {
      if (!images.has(stage)) {
        const text = rootImage(context, stage);
        if (!byText.has(text)) byText.set(text, pythonImage(text));
        images.set(stage, byText.get(text));
      }
      return images.get(stage);
    };
    for (const copy of copiesFromStages(context)) {
      const from = imageOf(copy.from);
      const into = imageOf(copy.info.stage);
      if (!from || !into) continue;
      const difference = differenceOf(from, into);
      if (!difference) continue;
      const trees = environmentTreesInChain(context, copy.from);
      for (const source of copy.sources) {
        const path = normalizedPath(source.text);
        if (!isPythonEnvironment(path, trees)) continue;
        report({
          range: context.index.rangeAt(source.start, source.end),
          severity: difference.certain ? 'warning' : undefined,
          message: `${quote(path)} is copied from ${stageLabel(stages[copy.from])} (${quote(from.text)}) into ${stageLabel(stages[copy.info.stage])} (${quote(into.text)}): ${difference.effect}.`,
        });
      }
    }
  },
};


function differenceOf(from: PythonImage, into: PythonImage): { certain: boolean; effect: string } | undefined {
  if (from.version && into.version && from.version !== into.version) {
    return { certain: true, effect: `its packages are installed for Python ${from.version}, which the target image does not run, so imports fail at run time` };
  }
  if (from.libc !== into.libc) {
    return { certain: false, effect: `compiled packages built against ${from.libc} will not load on ${into.libc}` };
  }
  if (from.release && into.release && from.release !== into.release) {
    return { certain: false, effect: `compiled packages linked against Debian ${from.release}'s libraries may not find them on ${into.release}` };
  }
  return undefined;
}

function isPythonEnvironment(path: string, trees: ReadonlySet<string>): boolean {
  if (trees.has(path)) return true;
  const parts = path.split('/');
  return parts.some((p) => p === 'venv' || p === '.venv' || p === 'virtualenv' || p === 'site-packages' || p === 'dist-packages' || p === '.local' || p.startsWith('venv') || p.endsWith('-venv') || p.endsWith('_venv'));
}
