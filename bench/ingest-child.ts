/**
 * Child process for the ingest bench: ingests a folder embedded and prints the summary with this
 * process's peak RSS, so memory is measured for the ingest alone.
 * @module
 */
import { Archive } from '../pipeline/store/archive.js';
import { ingestEmbedded } from '../workers/embedded.js';

const [input, data] = process.argv.slice(2);
const archive = new Archive(data!);
const summary = await ingestEmbedded([input!], archive);
archive.close();
process.stdout.write(JSON.stringify({ summary, maxRssKb: process.resourceUsage().maxRSS }));
