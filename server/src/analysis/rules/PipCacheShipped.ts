// pip keeps every downloaded and built wheel in ~/.cache/pip: in a shipped stage that cache
// stays in the image's layer unless --no-cache-dir, PIP_NO_CACHE_DIR or a cache mount prevents it.
import { argumentWords, splitFlags } from './arguments';
import { Rule } from './rule';
import { bareWord, endsCommand, shippedStages } from './insights';


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
    const { stages, declarations } = context.analysis;
    const chain = shippedStages(context);
    // PIP_NO_CACHE_DIR set before the RUN (in its stage or one it is built FROM) turns the cache off:
    // the first line each stage sets it on, and whether a stage further down the chain does.
    const noCacheFrom = new Map<number, number>();
    for (const d of declarations) if (d.name === 'PIP_NO_CACHE_DIR' && !noCacheFrom.has(d.scope)) noCacheFrom.set(d.scope, d.range.start.line);
    const inAncestor: boolean[] = [];
    for (let k = chain.length - 1, below = false; k >= 0; k--) {
      inAncestor[k] = below;
      below ||= noCacheFrom.has(chain[k]);
    }
    for (const [k, index] of chain.entries()) {
      if (inAncestor[k]) continue;
      const setOn = noCacheFrom.get(index) ?? Infinity;
      for (const info of stages[index].instructions) {
        if (info.keyword !== 'RUN') continue;
        if (setOn < info.range.start.line) continue;
        const { flags, rest } = splitFlags(argumentWords(context, info));
        if (flags.some((f) => f.text.includes('type=cache'))) continue;
        const texts = rest.map((w) => bareWord(w.text));
        // A RUN that empties the cache itself leaves none behind.
        if (texts.some((t) => t.includes('.cache/pip') || t === '/root/.cache' || t === '~/.cache') || texts.includes('purge')) continue;
        for (let i = 0; i < texts.length; i++) {
          if (!/^(pip|pip3|pip3\.[0-9]+)$/.test(texts[i].slice(texts[i].lastIndexOf('/') + 1)) || texts[i + 1] !== 'install' || texts[i - 1] === 'uv') continue;
          let end = i + 2;
          while (end < texts.length && !endsCommand(rest[end].text)) end++;
          const command = texts.slice(i + 2, end + 1);
          // The scan goes on after this command: each word is read once.
          const pip = rest[i];
          const install = rest[i + 1];
          i = end;
          if (command.some(isNoCacheDir)) continue;
          report({
            range: context.index.rangeAt(pip.start, install.end),
            message: `pip keeps the packages it downloads in its cache, which stays in the image: add '--no-cache-dir' or use a cache mount.`,
            fixes: [{ title: "Add '--no-cache-dir'", edits: [{ range: context.index.rangeAt(install.end, install.end), newText: ' --no-cache-dir' }], preferred: true }],
          });
        }
      }
    }
  },
};
