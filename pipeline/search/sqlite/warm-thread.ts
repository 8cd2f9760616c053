/**
 * The warming thread's side of {@link warmItems}: opens the search file read-only and makes the
 * top list of each query it is sent, with the match plan made by the engine (no jieba dictionary
 * here), posting the lists back for the engine to write.
 * @module
 */
import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { tableSet } from './schema.js';
import { SqliteSearcher } from './search.js';
import type { WarmReply, WarmRequest } from './warmer.js';

const port = parentPort;
if (!port) throw new Error('warm-thread runs only as a worker thread');
let db: Database.Database | null = null;
let searcher: SqliteSearcher | null = null;
port.on('message', (request: WarmRequest) => {
  if ('open' in request) {
    db = new Database(request.open.path, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    searcher = new SqliteSearcher(db, tableSet(request.open.gen), true);
    return;
  }
  const { index, query, plan } = request;
  let reply: WarmReply;
  try {
    const kept = db!.transaction(() => searcher!.warm(query, plan))();
    reply = { index, kept, lists: searcher!.takeLists() };
  } catch (err) {
    reply = { index, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
