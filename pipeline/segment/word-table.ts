/**
 * A map from words to numbers held in typed arrays: the words' UTF-16 code units one after the
 * other, an open-addressing index over them, and the values. jieba's dictionary (349,000 words) as a
 * `Map<string, number>` took ~27 MB of a thread's heap, its keys keeping the 6 MB text they were
 * sliced from alive, and every full collection marked it; held here it takes ~10 MB outside the heap.
 * @module
 */

/** FNV-1a over the code units of `text` from `start` to `end`. */
function hashUnits(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class WordTable {
  #units = new Uint16Array(1 << 20);
  #unitCount = 0;
  /** Where word i's code units start in #units; word i ends where word i + 1 starts. */
  #starts = new Uint32Array(1 << 16);
  #values = new Float64Array(1 << 16);
  #size = 0;
  /** Word number + 1 in each slot, 0 for a free one; kept at most half full. */
  #slots = new Int32Array(1 << 17);

  get size(): number {
    return this.#size;
  }

  /** Sets the value of the word `text.slice(start, end)`, without making that string; a word set again keeps its place. */
  set(text: string, start: number, end: number, value: number): void {
    const i = this.#find(text, start, end);
    if (this.#slots[i] !== 0) {
      this.#values[this.#slots[i]! - 1] = value;
      return;
    }
    const word = this.#size++;
    if (this.#size >= this.#starts.length) {
      this.#starts = grown(this.#starts, this.#starts.length * 2);
      this.#values = grown(this.#values, this.#starts.length);
    }
    const length = end - start;
    if (this.#unitCount + length > this.#units.length) this.#units = grown(this.#units, Math.max(this.#units.length * 2, this.#unitCount + length));
    for (let k = 0; k < length; k++) this.#units[this.#unitCount + k] = text.charCodeAt(start + k);
    this.#starts[word] = this.#unitCount;
    this.#unitCount += length;
    this.#starts[word + 1] = this.#unitCount;
    this.#values[word] = value;
    this.#slots[i] = word + 1;
    if (this.#size * 2 > this.#slots.length) this.#rehash();
  }

  get(word: string): number | undefined {
    const n = this.#slots[this.#find(word, 0, word.length)]!;
    return n === 0 ? undefined : this.#values[n - 1];
  }

  /** The words and their values, in the order first set. */
  *entries(): Generator<[string, number]> {
    for (let w = 0; w < this.#size; w++) {
      yield [String.fromCharCode(...this.#units.subarray(this.#starts[w], this.#starts[w + 1])), this.#values[w]!];
    }
  }

  /** The slot holding the word, or the free slot where it would go. */
  #find(text: string, start: number, end: number): number {
    const mask = this.#slots.length - 1;
    const length = end - start;
    for (let i = hashUnits(text, start, end) & mask; ; i = (i + 1) & mask) {
      const n = this.#slots[i]!;
      if (n === 0 || this.#equals(n - 1, text, start, length)) return i;
    }
  }

  #equals(word: number, text: string, start: number, length: number): boolean {
    const from = this.#starts[word]!;
    if (this.#starts[word + 1]! - from !== length) return false;
    for (let k = 0; k < length; k++) if (this.#units[from + k] !== text.charCodeAt(start + k)) return false;
    return true;
  }

  /** Doubles the index. */
  #rehash(): void {
    this.#slots = new Int32Array(this.#slots.length * 2);
    const mask = this.#slots.length - 1;
    for (let w = 0; w < this.#size; w++) {
      let h = 0x811c9dc5;
      for (let k = this.#starts[w]!; k < this.#starts[w + 1]!; k++) h = Math.imul(h ^ this.#units[k]!, 0x01000193);
      let i = (h >>> 0) & mask;
      while (this.#slots[i] !== 0) i = (i + 1) & mask;
      this.#slots[i] = w + 1;
    }
  }

  /** Gives back the room the arrays grew beyond what they hold. */
  trim(): void {
    this.#units = this.#units.slice(0, this.#unitCount);
    this.#starts = this.#starts.slice(0, this.#size + 1);
    this.#values = this.#values.slice(0, this.#size);
  }
}

function grown<T extends Uint16Array | Uint32Array | Float64Array>(array: T, length: number): T {
  const next = new (array.constructor as new (n: number) => T)(length);
  next.set(array);
  return next;
}
