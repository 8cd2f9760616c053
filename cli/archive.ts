/**
 * Opening the archive, apart from context.ts so that a command that only searches (`wenshi search`)
 * does not load the archive's modules.
 * @module
 */
import { Archive } from '../pipeline/store/archive.js';
import { dataDir } from './context.js';

export function openArchive(flag: string | undefined): Archive {
  return new Archive(dataDir(flag));
}
