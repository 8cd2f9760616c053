/**
 * MinHash minima with WebAssembly SIMD: the functions `(a·x + b) mod 2³²` four to a 128-bit lane
 * (`i32x4.mul`, `i32x4.add` wrap as `Math.imul` and `>>> 0` do; `i32x4.min_u` compares unsigned),
 * four lanes per pass over the set, so one load of a shingle serves sixteen functions. The same
 * minima as the scalar loop in minhash.ts, bit for bit; ~4× faster on the scale corpus's shingle sets.
 * The module is a few hundred bytes assembled here (no toolchain); where WebAssembly SIMD is not
 * available, {@link simdMinima} is null and the scalar loop runs.
 *
 * Memory layout: the multipliers at 0, the offsets at {@link B_AT}, the minima written at
 * {@link SIG_AT}, the set from {@link SET_AT} on (grown to hold it).
 * @module
 */

/** Functions per pass: 4 lanes of 4. */
export const SIMD_GROUP = 16;
/** Room for this many functions (padded): 512 bytes each of multipliers, offsets and minima. */
const MAX_FUNCTIONS = 128;
const B_AT = 4 * MAX_FUNCTIONS;
const SIG_AT = 2 * B_AT;
const SET_AT = 3 * B_AT;

function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
}

const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const LOCAL_TEE = 0x22;
const SIMD = 0xfd;
const v128Load = (offset: number) => [SIMD, 0x00, 4, ...leb(offset)];
const v128Store = (offset: number) => [SIMD, 0x0b, 4, ...leb(offset)];
const load32Splat = (offset: number) => [SIMD, 0x09, 2, ...leb(offset)];
const I32X4_ADD = [SIMD, ...leb(0xae)];
const I32X4_MUL = [SIMD, ...leb(0xb5)];
const I32X4_MIN_U = [SIMD, ...leb(0xb7)];

/**
 * `minima(from, end, g)`: params 0 `from` and 1 `end`, byte offsets into the set (from SET_AT);
 * 2 `g`, the byte offset of the group's first multiplier. Locals 3–6 multipliers, 7–10 offsets,
 * 11–14 minima, 15 the shingle splatted.
 */
function body(): number[] {
  const [from, end, g] = [0, 1, 2];
  const a = (k: number) => 3 + k, b = (k: number) => 7 + k, m = (k: number) => 11 + k, x = 15;
  const code: number[] = [];
  for (let k = 0; k < 4; k++) code.push(LOCAL_GET, g, ...v128Load(16 * k), LOCAL_SET, a(k));
  for (let k = 0; k < 4; k++) code.push(LOCAL_GET, g, ...v128Load(B_AT + 16 * k), LOCAL_SET, b(k));
  code.push(SIMD, 0x0c, ...new Array(16).fill(0xff), LOCAL_TEE, m(0), LOCAL_TEE, m(1), LOCAL_TEE, m(2), LOCAL_SET, m(3));
  // block; if from >= end: br 0; loop … end; end
  code.push(0x02, 0x40, LOCAL_GET, from, LOCAL_GET, end, 0x4f /* i32.ge_u */, 0x0d, 0, 0x03, 0x40);
  code.push(LOCAL_GET, from, ...load32Splat(SET_AT), LOCAL_SET, x);
  for (let k = 0; k < 4; k++) {
    code.push(LOCAL_GET, m(k), LOCAL_GET, a(k), LOCAL_GET, x, ...I32X4_MUL, LOCAL_GET, b(k), ...I32X4_ADD, ...I32X4_MIN_U, LOCAL_SET, m(k));
  }
  code.push(LOCAL_GET, from, 0x41, 4 /* i32.const 4 */, 0x6a /* i32.add */, LOCAL_TEE, from, LOCAL_GET, end, 0x49 /* i32.lt_u */, 0x0d, 0 /* br_if loop */);
  code.push(0x0b, 0x0b);
  for (let k = 0; k < 4; k++) code.push(LOCAL_GET, g, LOCAL_GET, m(k), ...v128Store(SIG_AT + 16 * k));
  code.push(0x0b);
  const locals = [1, 13, 0x7b]; // one run of 13 v128 locals
  return [...leb(locals.length + code.length), ...locals, ...code];
}

const section = (id: number, content: number[]) => [id, ...leb(content.length), ...content];
const name = (s: string) => [s.length, ...Buffer.from(s, 'ascii')];

function moduleBytes(): Uint8Array<ArrayBuffer> {
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 3, 0x7f, 0x7f, 0x7f, 0]),
    ...section(3, [1, 0]),
    ...section(5, [1, 0, 1]),
    ...section(7, [2, ...name('mem'), 2, 0, ...name('minima'), 0, 0]),
    ...section(10, [1, ...body()]),
  ]);
}

export type Minima = (set: Uint32Array, a: Uint32Array, b: Uint32Array) => Uint32Array;

function instantiate(): Minima | null {
  const bytes = moduleBytes();
  if (typeof WebAssembly === 'undefined' || !WebAssembly.validate(bytes)) return null;
  const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes));
  const memory = exports.mem as WebAssembly.Memory;
  const minima = exports.minima as (from: number, end: number, g: number) => void;
  let loaded: Uint32Array | undefined;
  return (set, a, b) => {
    const need = SET_AT + 4 * set.length;
    if (need > memory.buffer.byteLength) memory.grow(Math.ceil((need - memory.buffer.byteLength) / 65536));
    const words = new Uint32Array(memory.buffer);
    if (loaded !== a) {
      words.set(a, 0);
      words.set(b, B_AT / 4);
      loaded = a;
    }
    words.set(set, SET_AT / 4);
    for (let g = 0; g < a.length; g += SIMD_GROUP) minima(0, 4 * set.length, 4 * g);
    return words.slice(SIG_AT / 4, SIG_AT / 4 + a.length);
  };
}

let made: Minima | null | undefined;

/**
 * The minima of every function over a set, or null without WebAssembly SIMD. `a` and `b` hold a
 * multiple of {@link SIMD_GROUP} functions, at most 128; one pair is kept loaded between calls
 * (a hasher's arrays are never changed).
 */
export function simdMinima(): Minima | null {
  if (made === undefined) {
    try {
      made = instantiate();
    } catch {
      made = null;
    }
  }
  return made;
}

export const SIMD_MAX_FUNCTIONS = MAX_FUNCTIONS;
