/**
 * Child process for the bounded-memory test: walks a whole archive the ways the server and the
 * archive-wide commands do (the document list, a page of it, a reindex into an engine that keeps
 * nothing) under the heap limit the test starts it with, and prints the largest heap it saw.
 * @module
 */
import { reindexAll } from '../../pipeline/indexing.js';
import type { SearchEngine } from '../../pipeline/search/types.js';
import { Archive } from '../../pipeline/store/archive.js';

const archive = new Archive(process.argv[2]!);
let peak = 0;
const sample = () => (peak = Math.max(peak, process.memoryUsage().heapUsed));

/** Takes every upsert and drops it: what is measured is the walk, not an index. */
const nullEngine: SearchEngine = {
  name: 'sqlite',
  ensureIndex: async () => {},
  upsert: async () => {
    sample();
  },
  delete: async () => {},
  search: async () => ({ total: 0, hits: [], facets: { type: {}, level: {}, region: {}, year: {}, issuer: {}, docNumber: {}, findingKind: {} } }),
  stats: async () => ({ engine: 'sqlite', documents: 0, clauses: 0, findings: 0, sizeBytes: 0 }),
  clear: async () => {},
  bulkLoad: (load) => load(),
  rebuild: (load) => load(),
  close: async () => {},
};

const listed = archive.listDocuments().length;
sample();
const page = archive.listDocuments({ q: '政' }, { limit: 5, offset: 3 }).length;
const total = archive.countDocuments({ q: '政' });
sample();
const reindexed = await reindexAll(archive, nullEngine);
archive.close();
process.stdout.write(JSON.stringify({ listed, page, total, reindexed, peakHeapMb: peak / 2 ** 20 }));
