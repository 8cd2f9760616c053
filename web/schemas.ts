/**
 * JSON-schema pieces the routes share. Fastify validates every request against them before a
 * handler runs (unknown parameters included), so handlers see typed, bounded values.
 * @module
 */
import { DOC_TYPES, LEVELS } from '../pipeline/types.js';

/** Document ids are hex hashes; anything else (slashes, dots) never reaches the archive. */
export const DOC_ID = { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } as const;

/** One value or several (`?type=a&type=b`); a single value arrives as a one-item list. */
export const many = <T extends object>(item: T) => ({ type: 'array', items: item, maxItems: 50 }) as const;

export const DOC_TYPE = { type: 'string', enum: DOC_TYPES } as const;
export const LEVEL = { type: 'string', enum: LEVELS } as const;
export const SHORT_TEXT = { type: 'string', maxLength: 200 } as const;
export const YEAR = { type: 'integer', minimum: 1, maximum: 9999 } as const;
/** An on/off switch in a query string: `0`/`false` or `1`/`true` (ajv coerces only `true`/`false` to booleans). */
export const SWITCH = { type: 'string', enum: ['0', '1', 'false', 'true'] } as const;
export const switchOn = (v: string | undefined, fallback: boolean) => (v === undefined ? fallback : v === '1' || v === 'true');
export const PAGE = { type: 'integer', minimum: 1, maximum: 100000, default: 1 } as const;
export const limit = (max: number, fallback: number) => ({ type: 'integer', minimum: 1, maximum: max, default: fallback }) as const;

/** A querystring object that rejects parameters it does not list. */
export function query(properties: Record<string, object>, required: string[] = []) {
  return { type: 'object', additionalProperties: false, properties, required } as const;
}
