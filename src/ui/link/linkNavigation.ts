/**
 * One application of a link at a time, and one per navigation. Back / forward fire both `popstate` and
 * `hashchange` for the same hash; a hand-edited hash fires `hashchange` alone. Each event asks for the hash it
 * sees: a hash already applied (or being applied) last is skipped, and a new one waits for the application before
 * it, so two links are never applied concurrently.
 */
export class LinkNavigation {
  private last: string | null = null;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly applyHash: (hash: string) => Promise<void>) {}

  /** Applies `hash` after the applications already asked for, unless it is the one asked for last. */
  request(hash: string): Promise<void> {
    if (hash === this.last) return this.queue;
    this.last = hash;
    this.queue = this.queue.then(() => this.applyHash(hash)).catch((error: unknown) => console.error(error));
    return this.queue;
  }

  /** Applies `hash` even when it was the last asked for (opening a demo, the first load). */
  force(hash: string): Promise<void> {
    this.last = null;
    return this.request(hash);
  }

  /** The page wrote `hash` itself (its settings changed): navigating back to an earlier hash applies it again. */
  wrote(hash: string): void {
    this.last = hash;
  }
}
