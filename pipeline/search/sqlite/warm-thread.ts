/**
 * The warming thread's side of {@link shareTasks} (warmer.ts): opens the search file read-only,
 * scans the pieces of the vocabulary, counts the phrases (ranking.ts) and makes the top lists it is sent, lists with the match plan
 * made by the engine (no jieba dictionary here), and posts the results back for the engine to
 * write.
 * @module
 */
import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { tableSet, type TableSet } from './schema.js';
import { SqliteSearcher } from './search.js';
import { bodyWordUnits } from './toplists.js';
import type { WarmReply, WarmRequest } from './warmer.js';

const port = parentPort;
if (!port) throw new Error('warm-thread runs only as a worker thread');
let db: Database.Database | null = null;
let t: TableSet | null = null;
let searcher: SqliteSearcher | null = null;
port.on('message', (request: WarmRequest) => {
  if ('open' in request) {
    db = new Database(request.open.path, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    t = tableSet(request.open.gen);
    searcher = new SqliteSearcher(db, t, true);
    return;
  }
  let reply: WarmReply;
  try {
    if ('range' in request) {
      reply = { index: request.index, terms: db!.transaction(() => bodyWordUnits(db!, t!, request.minUnits, request.range))() };
    } else if ('phrases' in request) {
      reply = { index: request.index, counted: db!.transaction(() => searcher!.countPhrases(request.phrases))() };
    } else {
      const kept = db!.transaction(() => searcher!.warm(request.query, request.plan))();
      reply = { index: request.index, kept, lists: searcher!.takeLists() };
    }
  } catch (err) {
    reply = { index: request.index, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
