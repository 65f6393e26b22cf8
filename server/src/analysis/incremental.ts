// What makes a keystroke cheap: results computed per stage chunk, kept by the chunk's text (and
// the few inputs the chunk reads from outside it), least recently used first out. A keystroke
// then recomputes one chunk; inserting a line moves chunks, and their results are shifted into
// place rather than recomputed. See docs/ARCHITECTURE.md (data flow).

/** A map from chunk keys to results, bounded by the characters of the keys it holds. */
export class ChunkCache<T> {
  private readonly entries = new Map<string, T>();
  private chars = 0;

  constructor(private readonly limitChars: number) {}

  /** The value kept for `key`, or `compute`'s, kept; `compute` gets a copy of the key that holds on to nothing else. */
  get(key: string, compute: (ownKey: string) => T): T {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      // Refresh its place in the eviction order.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    // A key sliced out of a document keeps the whole document alive: one per keystroke, were it kept.
    const ownKey = detached(key);
    const value = compute(ownKey);
    this.entries.set(ownKey, value);
    this.chars += key.length;
    for (const [oldKey] of this.entries) {
      if (this.chars <= this.limitChars || this.entries.size <= 1) break;
      this.entries.delete(oldKey);
      this.chars -= oldKey.length;
    }
    return value;
  }

  clear(): void {
    this.entries.clear();
    this.chars = 0;
  }
}

/** A copy of `text` in a string of its own: V8 makes a slice a view into the string it was cut from. */
function detached(text: string): string {
  // Concatenating, then slicing, makes V8 flatten the pair into a new string of the text's own length.
  return (' ' + text).slice(1);
}

const caches: ChunkCache<unknown>[] = [];

/** A chunk cache that `clearChunkCaches` empties. */
export function chunkCache<T>(limitChars: number): ChunkCache<T> {
  const cache = new ChunkCache<T>(limitChars);
  caches.push(cache as ChunkCache<unknown>);
  return cache;
}

export function clearChunkCaches(): void {
  for (const cache of caches) cache.clear();
}

let incremental = true;

/** Runs `compute` with the analysis done the plain way: the whole text as one chunk, no cache. The property tests' reference. */
export function withoutIncremental<T>(compute: () => T): T {
  incremental = false;
  try {
    return compute();
  } finally {
    incremental = true;
  }
}

export function isIncremental(): boolean {
  return incremental;
}
