/**
 * A cap on concurrent work shared by every request: at most `limit` runs at once, the rest wait in
 * arrival order. The server puts every upload and retry batch through one gate, so ten uploads at
 * once are ten batches in a line, not ten sets of ingest lanes and OCR processes side by side.
 * @module
 */
export class Gate {
  #active = 0;
  #peak = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`a gate's limit must be a whole number ≥ 1, not ${limit}`);
  }

  /** The most runs that were ever inside at once. */
  get peak(): number {
    return this.#peak;
  }

  /** Runs waiting for their turn. */
  get waiting(): number {
    return this.#waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    // A run leaving hands its place straight to the next in line, so none can slip in between.
    if (this.#active < this.limit) this.#active += 1;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#peak = Math.max(this.#peak, this.#active);
    try {
      return await task();
    } finally {
      const next = this.#waiting.shift();
      if (next) next();
      else this.#active -= 1;
    }
  }
}
