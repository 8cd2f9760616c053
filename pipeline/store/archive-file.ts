/** Where a data folder keeps its archive: a module of its own, for readers that load no more of the store. */
import { join } from 'node:path';

export function archiveFile(dataDir: string): string {
  return join(dataDir, 'archive.sqlite');
}
