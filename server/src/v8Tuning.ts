// V8 settings for processes that run the analysis (the server and the CLI).
import * as v8 from 'v8';

/**
 * A first analysis runs mostly in code V8 has not optimized yet, and optimizing it with inlining
 * makes compile jobs of up to 190 ms each (placedParts, buildChunkModel) that hold the cores the
 * analysis needs. Without inlining a 10,000-line file's first analysis took 0.36 s instead of
 * 0.49 s on two cores, and checking the corpus with the CLI 0.41 s instead of 0.48 s; typing costs
 * about 5% more (`npm run bench`). The flag is read at each compile, so it holds from here on.
 */
export function tuneCompilerForAnalysis(): void {
  v8.setFlagsFromString('--no-turbo-inlining');
}
