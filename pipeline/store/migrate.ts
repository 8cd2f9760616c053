/**
 * Bringing an existing archive up to the current schema. `CREATE TABLE IF NOT EXISTS` leaves an
 * older table as it was, so a column added to `SCHEMA` since would be missing from a data folder
 * made before it. The columns the schema declares are compared with the file's, and each missing
 * one is added with its declared type and default: nothing is rewritten or lost, and old rows
 * read the new column as its default (null for every column added so far).
 * @module
 */
import Database from 'better-sqlite3';

interface Column {
  name: string;
  type: string;
  notnull: 0 | 1;
  dflt_value: string | null;
}

/** Each table of the schema with its columns, as SQLite reads the schema text. */
function declaredTables(schema: string): Map<string, Column[]> {
  const scratch = new Database(':memory:');
  try {
    scratch.exec(schema);
    const tables = scratch.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    return new Map(tables.map((t) => [t, scratch.pragma(`table_info(${quoteName(t)})`) as Column[]]));
  } finally {
    scratch.close();
  }
}

function quoteName(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The declared columns the archive's tables lack, by table. */
function missingColumns(db: Database.Database, declared: ReadonlyMap<string, Column[]>): [string, Column][] {
  return [...declared].flatMap(([table, columns]) => {
    const present = new Set((db.pragma(`table_info(${quoteName(table)})`) as Column[]).map((c) => c.name));
    return columns.filter((c) => !present.has(c.name)).map((c): [string, Column] => [table, c]);
  });
}

/**
 * Adds to the archive every column `schema` declares that its tables lack; returns them as
 * `table.column`. An archive that is up to date is only read (readers never wait on the write
 * lock); otherwise the columns are added in one IMMEDIATE transaction that looks again first, so
 * two processes opening an old archive at once add each column once. A missing column that is
 * NOT NULL without a default cannot be filled for the rows already there: that is an error naming it.
 */
export function addMissingColumns(db: Database.Database, schema: string): string[] {
  const declared = declaredTables(schema);
  if (missingColumns(db, declared).length === 0) return [];
  return db.transaction(() => missingColumns(db, declared).map(([table, c]) => {
    if (c.notnull && c.dflt_value === null) {
      throw new Error(`The archive's table ${table} lacks column ${c.name}, which is NOT NULL without a default and cannot be added to existing rows.`);
    }
    const notNull = c.notnull ? ' NOT NULL' : '';
    const dflt = c.dflt_value === null ? '' : ` DEFAULT ${c.dflt_value}`;
    db.exec(`ALTER TABLE ${quoteName(table)} ADD COLUMN ${quoteName(c.name)} ${c.type}${notNull}${dflt}`);
    return `${table}.${c.name}`;
  })).immediate();
}
