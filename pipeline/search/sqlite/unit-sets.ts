/**
 * A document's units as the search file keeps them (`docs.units`, see schema.ts): one value per
 * document, where a row per unit (id, path, offsets, finding id) took 0.42 of the text at 10 % of
 * the scale corpus. A hit reads its own record at a fixed place, without decoding the rest: deflated
 * JSON of the whole list was smaller by 0.01 of the text but cost 0.1 ms a hit to inflate and parse.
 *
 * Layout: a header (record width W, 2 or 4 bytes; the unit count; the ord of the first finding),
 * then a record per unit in ord order (start, end − start, path number × 2 + extra), then the
 * 8 bytes of each finding's id (16 hex digits, as analyze makes them). A unit's ord is its place
 * in the list, so ids are not stored. Paths are numbered in the generation's `names`; a unit with
 * its own text, or a finding id of another form, has the extra bit and a row in `unit_extras`.
 * @module
 */
import type { Unit } from '../types.js';

const HEADER = 9;
const ID_BYTES = 8;
const HEX_ID = /^[0-9a-f]{16}$/;

/** A unit's record, as read from its document's value. */
export interface UnitRecord {
  start: number;
  end: number;
  path: number;
  /** True when `unit_extras` holds the unit's own text and its finding id (then not read from here). */
  extra: boolean;
  findingId: string | null;
}

/** What a unit with the extra bit keeps outside its record: its own text (when not the document's between its offsets), its finding id. */
export interface UnitExtra {
  ord: number;
  text: string | null;
  findingId: string | null;
}

/**
 * A document's unit records before its paths are numbered: what {@link packUnits} packs, made where
 * the document is prepared (a content thread), so the writing thread only numbers the paths and
 * copies the records into place (see {@link packUnitRecords}).
 */
export interface UnitRecords {
  /** Per unit in ord order: start, end − start, and its path's place in `paths` × 2 + the extra bit. */
  fields: Uint32Array;
  /** The paths of the units, each once, in the order first met. */
  paths: string[];
  /** The ord of the first finding (the unit count when there is none): the units before it are clauses. */
  findingsFrom: number;
  /** The 8 bytes of each finding's id (zeros where its id is of another form, kept in `extras`). */
  ids: Uint8Array;
  extras: UnitExtra[];
}

/** The records of a document's units (in ord order) and their extras, their paths not numbered yet. */
export function unitRecords(units: readonly Unit[], docText: string): UnitRecords {
  const firstFinding = units.findIndex((u) => u.kind === 'finding');
  const findingsFrom = firstFinding < 0 ? units.length : firstFinding;
  const extras: UnitExtra[] = [];
  const paths: string[] = [];
  const placeOf = new Map<string, number>();
  const fields = new Uint32Array(3 * units.length);
  const ids = new Uint8Array(ID_BYTES * (units.length - findingsFrom));
  units.forEach((u, ord) => {
    if (u.ord !== ord) throw new Error(`Unit ${u.ord} of a document is at place ${ord}: units are packed in ord order.`);
    if (u.kind === 'clause' && ord >= findingsFrom) throw new Error(`Clause ${ord} of a document comes after its findings.`);
    const text = u.text === docText.slice(u.start, u.end) ? null : u.text;
    const idInRecord = u.findingId === null || (ord >= findingsFrom && HEX_ID.test(u.findingId));
    const extra = text !== null || !idInRecord;
    if (extra) extras.push({ ord, text, findingId: u.findingId });
    let place = placeOf.get(u.path);
    if (place === undefined) {
      place = paths.push(u.path) - 1;
      placeOf.set(u.path, place);
    }
    fields[3 * ord] = u.start;
    fields[3 * ord + 1] = u.end - u.start;
    fields[3 * ord + 2] = place * 2 + (extra ? 1 : 0);
    if (ord >= findingsFrom && u.findingId !== null && HEX_ID.test(u.findingId)) ids.set(Buffer.from(u.findingId, 'hex'), (ord - findingsFrom) * ID_BYTES);
  });
  return { fields, paths, findingsFrom, ids, extras };
}

/** The packed value of a document's unit records, `codes[i]` the number of `paths[i]` in the generation's `names`. */
export function packUnitRecords({ fields, findingsFrom, ids }: UnitRecords, codes: readonly number[]): Buffer {
  const count = fields.length / 3;
  const values = new Float64Array(fields.length);
  let wide = false;
  for (let i = 0; i < fields.length; i++) {
    const v = i % 3 === 2 ? codes[fields[i]! >>> 1]! * 2 + (fields[i]! & 1) : fields[i]!;
    values[i] = v;
    if (v >= 2 ** 16) wide = true;
  }
  const width = wide ? 4 : 2;
  const buf = Buffer.alloc(HEADER + 3 * width * count + ids.length);
  buf.writeUInt8(width, 0);
  buf.writeUInt32LE(count, 1);
  buf.writeUInt32LE(findingsFrom, 5);
  for (let i = 0; i < values.length; i++) buf.writeUIntLE(values[i]!, HEADER + i * width, width);
  buf.set(ids, HEADER + 3 * width * count);
  return buf;
}

/**
 * The packed value of a document's units (in ord order) and their extras; `pathNumber` numbers a
 * path in the generation's `names`.
 */
export function packUnits(units: readonly Unit[], docText: string, pathNumber: (path: string) => number): { units: Buffer; extras: UnitExtra[] } {
  const records = unitRecords(units, docText);
  return { units: packUnitRecords(records, records.paths.map(pathNumber)), extras: records.extras };
}

/** The record of the unit at `ord` in a document's packed value. */
export function unitRecord(buf: Buffer, ord: number): UnitRecord {
  const width = buf.readUInt8(0);
  const count = buf.readUInt32LE(1);
  const findingsFrom = buf.readUInt32LE(5);
  if (ord >= count) throw new RangeError(`Unit ${ord} is not in its document's ${count} units.`);
  const at = HEADER + 3 * width * ord;
  const start = buf.readUIntLE(at, width);
  const path = buf.readUIntLE(at + 2 * width, width);
  const extra = (path & 1) === 1;
  const idAt = HEADER + 3 * width * count + (ord - findingsFrom) * ID_BYTES;
  return {
    start,
    end: start + buf.readUIntLE(at + width, width),
    path: path >>> 1,
    extra,
    findingId: ord >= findingsFrom && !extra ? buf.toString('hex', idAt, idAt + ID_BYTES) : null,
  };
}
