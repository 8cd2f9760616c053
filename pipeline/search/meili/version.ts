/**
 * The oldest Meilisearch server this engine runs against, checked once per engine at first use.
 * 1.18: the `meilisearch` client 0.62 sends `rename` in every index swap (the atomic reindex), a
 * field older servers do not know; `localizedAttributes` (1.10) and `showRankingScore` (1.3) are older.
 * @module
 */
import { PipelineError } from '../../errors.js';

export const MIN_MEILI_VERSION = '1.18.0';

type Version = [number, number, number];

/** `1.18.2` → [1, 18, 2]; a pre-release or build suffix is ignored; anything else is null. */
export function parseVersion(version: string): Version | null {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(version.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

function compare(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** Throws ENGINE_UNSUPPORTED, naming both versions, when the server is older than MIN_MEILI_VERSION or says no version. */
export function assertSupportedVersion(serverVersion: string): void {
  const have = parseVersion(serverVersion);
  if (have === null || compare(have, parseVersion(MIN_MEILI_VERSION)!) < 0) {
    throw new PipelineError('ENGINE_UNSUPPORTED', `Meilisearch "${serverVersion}" is older than ${MIN_MEILI_VERSION}, the oldest wenshi runs against: upgrade the server at MEILI_URL.`, 'index');
  }
}
