/**
 * Facets shared by the engines.
 * @module
 */
import type { Facets } from './types.js';

/** Facets with no counts yet. */
export function emptyFacets(): Facets {
  return { type: {}, level: {}, region: {}, year: {}, issuer: {}, docNumber: {}, findingKind: {} };
}
