/**
 * A map from words to numbers held in typed arrays: the words' UTF-16 code units one after the
 * other, an open-addressing index over them, and the values. jieba's dictionary (349,000 words) as a
 * `Map<string, number>` took ~27 MB of a thread's heap, its keys keeping the 6 MB text they were
 * sliced from alive, and every full collection marked it; held here it takes ~11 MB outside the heap.
 * @module
 */

/** FNV-1a over the code units of `word`. */
function hashOf(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class WordTable {
  #units = new Uint16Array(1 << 20);
  #unitCount = 0;
  /** Where word i's code units start in #units; word i ends where word i + 1 starts. */
  #starts = new Uint32Array(1 << 16);
  /** Word i's hash, so the index can be rebuilt without the words as strings. */
  #hashes = new Uint32Array(1 << 16);
  #values = new Float64Array(1 << 16);
  #size = 0;
  /** Word number + 1 in each slot, 0 for a free one; kept at most half full. */
  #slots = new Int32Array(1 << 17);

  get size(): number {
    return this.#size;
  }

  /** Sets the value of `word`; a word set again keeps its place. */
  set(word: string, value: number): void {
    const hash = hashOf(word);
    const i = this.#find(word, hash);
    if (this.#slots[i] !== 0) {
      this.#values[this.#slots[i]! - 1] = value;
      return;
    }
    const w = this.#size++;
    if (this.#size >= this.#starts.length) {
      const length = this.#starts.length * 2;
      [this.#starts, this.#hashes, this.#values] = [grown(this.#starts, length), grown(this.#hashes, length), grown(this.#values, length)];
    }
    if (this.#unitCount + word.length > this.#units.length) this.#units = grown(this.#units, Math.max(this.#units.length * 2, this.#unitCount + word.length));
    for (let k = 0; k < word.length; k++) this.#units[this.#unitCount + k] = word.charCodeAt(k);
    this.#starts[w] = this.#unitCount;
    this.#unitCount += word.length;
    this.#starts[w + 1] = this.#unitCount;
    this.#hashes[w] = hash;
    this.#values[w] = value;
    this.#slots[i] = w + 1;
    if (this.#size * 2 > this.#slots.length) this.#rehash();
  }

  get(word: string): number | undefined {
    const n = this.#slots[this.#find(word, hashOf(word))]!;
    return n === 0 ? undefined : this.#values[n - 1];
  }

  /** The words and their values, in the order first set. */
  *entries(): Generator<[string, number]> {
    for (let w = 0; w < this.#size; w++) {
      yield [String.fromCharCode(...this.#units.subarray(this.#starts[w], this.#starts[w + 1])), this.#values[w]!];
    }
  }

  /** The slot holding the word, or the free slot where it would go. */
  #find(word: string, hash: number): number {
    const mask = this.#slots.length - 1;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const n = this.#slots[i]!;
      if (n === 0 || (this.#hashes[n - 1] === hash && this.#equals(n - 1, word))) return i;
    }
  }

  #equals(w: number, word: string): boolean {
    const from = this.#starts[w]!;
    if (this.#starts[w + 1]! - from !== word.length) return false;
    for (let k = 0; k < word.length; k++) if (this.#units[from + k] !== word.charCodeAt(k)) return false;
    return true;
  }

  /** Doubles the index. */
  #rehash(): void {
    this.#slots = new Int32Array(this.#slots.length * 2);
    const mask = this.#slots.length - 1;
    for (let w = 0; w < this.#size; w++) {
      let i = this.#hashes[w]! & mask;
      while (this.#slots[i] !== 0) i = (i + 1) & mask;
      this.#slots[i] = w + 1;
    }
  }

  /** Gives back the room the arrays grew beyond what they hold. */
  trim(): void {
    this.#units = this.#units.slice(0, this.#unitCount);
    this.#starts = this.#starts.slice(0, this.#size + 1);
    this.#hashes = this.#hashes.slice(0, this.#size);
    this.#values = this.#values.slice(0, this.#size);
  }
}

function grown<T extends Uint16Array | Uint32Array | Float64Array>(array: T, length: number): T {
  const next = new (array.constructor as new (n: number) => T)(length);
  next.set(array);
  return next;
}
