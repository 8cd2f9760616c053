/**
 * Groups of near-duplicate documents as the archive records them (`near_duplicates`: each document
 * paired at ingest with the archived ones it near-duplicates), joined by single linkage as
 * `wenshi dups` joins its pairs. Read once and kept until the archive changes.
 * @module
 */
import type Database from 'better-sqlite3';

export class NearDuplicateGroups {
  readonly #db: Database.Database;
  #version = '';
  /** Document id → the key of its group (the group's smallest id); documents without copies are absent. */
  #keys = new Map<string, string>();

  constructor(db: Database.Database) {
    this.#db = db;
  }

  /** The group key of a document with near-duplicates, else undefined. */
  keyOf(id: string): string | undefined {
    this.#refresh();
    return this.#keys.get(id);
  }

  #refresh(): void {
    // data_version moves when another connection commits, total_changes() when this one writes.
    const version = `${String(this.#db.pragma('data_version', { simple: true }))}/${String(this.#db.prepare('SELECT total_changes()').pluck().get())}`;
    if (version === this.#version) return;
    const pairs = this.#db.prepare('SELECT doc_id, of_id FROM near_duplicates').raw(true).all() as [string, string][];
    const parent = new Map<string, string>();
    const find = (x: string): string => {
      let root = x;
      while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root)!;
      parent.set(x, root);
      return root;
    };
    for (const [a, b] of pairs) {
      if (!parent.has(a)) parent.set(a, a);
      if (!parent.has(b)) parent.set(b, b);
      const [ra, rb] = [find(a), find(b)];
      // The smaller id is the root, so a group's key does not depend on the order pairs are read.
      if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
    }
    this.#keys = new Map([...parent.keys()].map((id) => [id, find(id)]));
    this.#version = version;
  }
}
