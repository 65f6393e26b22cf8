// How long diagnostics wait after an edit. Adaptive: an edit after a pause, in a file whose last
// analysis was cheap, is diagnosed at once; edits in a burst, and expensive files, wait the
// typing delay after the last edit (each edit restarts the wait, so a burst is analysed once).

/** An analysis this cheap (ms) runs at once after a pause. */
export const CHEAP_ANALYSIS_MS = 15;
/** An edit this long (ms) after the previous one follows a pause. */
export const TYPING_PAUSE_MS = 300;

export class TypingDelay {
  private readonly lastChangeAt = new Map<string, number>();

  constructor(public delayMs: number, public adaptive: boolean) {}

  /** The wait before diagnosing after an edit of `uri` at `now` (ms); `lastCostMs` is what its last analysis took. */
  afterChange(uri: string, now: number, lastCostMs: number | undefined): number {
    const previous = this.lastChangeAt.get(uri);
    this.lastChangeAt.set(uri, now);
    if (!this.adaptive) return this.delayMs;
    const paused = previous === undefined || now - previous >= TYPING_PAUSE_MS;
    return paused && lastCostMs !== undefined && lastCostMs <= CHEAP_ANALYSIS_MS ? 0 : this.delayMs;
  }

  forget(uri: string): void {
    this.lastChangeAt.delete(uri);
  }
}
