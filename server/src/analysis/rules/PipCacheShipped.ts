// pip keeps every downloaded and built wheel in ~/.cache/pip: in a shipped stage that cache
// stays in the image's layer unless --no-cache-dir, PIP_NO_CACHE_DIR or a cache mount prevents it.
import { argumentWords, splitFlags } from './arguments';
import { baseChain } from './dispatch';
import { Rule } from './rule';
import { endsCommand } from './insights';


/** pip (optparse) takes any unambiguous prefix of a long option: `--no-cache` is `--no-cache-dir`. */
function isNoCacheDir(word: string): boolean {
  const option = word.split('=')[0];
  return option.length >= '--no-cache'.length && '--no-cache-dir'.startsWith(option);
}

export const PipCacheShipped: Rule = {
  id: 'PipCacheShipped',
  buildkit: false,
  defaultSeverity: 'information',
  description: 'pip install without --no-cache-dir (or PIP_NO_CACHE_DIR, or a cache mount) in a stage the image ships: the pip cache stays in the image.',
  check(context, report) {
    const { stages, graph, declarations } = context.analysis;
    if (graph.target < 0 || graph.unknownTarget) return;
    const chain = baseChain(stages, graph.target);
    const noCacheDir = declarations.filter((d) => d.name === 'PIP_NO_CACHE_DIR');
    for (const index of chain) {
      const ancestors = baseChain(stages, index).slice(1);
      for (const info of stages[index].instructions) {
        if (info.keyword !== 'RUN') continue;
        // PIP_NO_CACHE_DIR set before the RUN (in its stage or one it is built FROM) turns the cache off.
        if (noCacheDir.some((d) => ancestors.includes(d.scope) || (d.scope === index && d.range.start.line < info.range.start.line))) continue;
        const { flags, rest } = splitFlags(argumentWords(context, info));
        if (flags.some((f) => f.text.includes('type=cache'))) continue;
        const texts = rest.map((w) => w.text.replace(/^["'(]+|["';)]+$/g, ''));
        // A RUN that empties the cache itself leaves none behind.
        if (texts.some((t) => t.includes('.cache/pip') || t === '/root/.cache' || t === '~/.cache') || texts.includes('purge')) continue;
        for (let i = 0; i < texts.length; i++) {
          if (!/^(pip|pip3|pip3\.[0-9]+)$/.test(texts[i].slice(texts[i].lastIndexOf('/') + 1)) || texts[i + 1] !== 'install' || texts[i - 1] === 'uv') continue;
          let end = i + 2;
          while (end < texts.length && !endsCommand(rest[end].text)) end++;
          if (texts.slice(i + 2, end + 1).some(isNoCacheDir)) continue;
          const install = rest[i + 1];
          report({
            range: context.index.rangeAt(rest[i].start, install.end),
            message: `pip keeps the packages it downloads in its cache, which stays in the image: add '--no-cache-dir' or use a cache mount.`,
            fixes: [{ title: "Add '--no-cache-dir'", edits: [{ range: context.index.rangeAt(install.end, install.end), newText: ' --no-cache-dir' }], preferred: true }],
          });
        }
      }
    }
  },
};
