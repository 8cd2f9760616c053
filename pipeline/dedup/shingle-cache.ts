/**
 * Shingle sets of archived documents kept in memory, least recently used dropped first, bounded by
 * the shingles held. Verifying a near-duplicate candidate needs its exact set; rebuilding it from the
 * text each time a batch of similar files brings the same candidate again cost more than all the
 * other stages of storing a document together.
 * @module
 */
/** About 16 MiB of shingles: every document of a batch of a few thousand ordinary ones. */
const DEFAULT_CAPACITY = 4_000_000;

export class ShingleCache {
  readonly #sets = new Map<string, Uint32Array>();
  #held = 0;

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  /** The shingle set of document `id`, made by `make()` (called only when not cached). */
  get(id: string, make: () => Uint32Array): Uint32Array {
    const cached = this.#sets.get(id);
    if (cached) {
      // Re-inserted, so the map's order stays least recently used first.
      this.#sets.delete(id);
      this.#sets.set(id, cached);
      return cached;
    }
    const set = make();
    this.#sets.set(id, set);
    this.#held += set.length;
    for (const [oldest, old] of this.#sets) {
      if (this.#held <= this.capacity || oldest === id) break;
      this.#sets.delete(oldest);
      this.#held -= old.length;
    }
    return set;
  }
}
