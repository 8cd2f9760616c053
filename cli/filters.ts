/**
 * The document filters `wenshi search` and `wenshi compile --query` share: the flags, and the
 * engine filters they make. Values are checked by the engine (types and levels are codes;
 * 发文字号 may be written with 〔〕, [], () or （）), whose RangeError is a usage mistake here.
 * @module
 */
import type { SearchFilters } from '../pipeline/search/types.js';
import { UsageError } from './context.js';

/** parseArgs options for the filters. */
export const FILTER_OPTIONS = {
  type: { type: 'string' }, level: { type: 'string' }, region: { type: 'string' }, issuer: { type: 'string' },
  'doc-number': { type: 'string' },
} as const;

type FilterValues = Partial<Record<keyof typeof FILTER_OPTIONS, string>>;

/** The engine filters the flags set. */
export function documentFilters(values: FilterValues): SearchFilters {
  return {
    ...(values.type ? { type: values.type } : {}), ...(values.level ? { level: values.level } : {}),
    ...(values.region ? { region: values.region } : {}), ...(values.issuer ? { issuer: values.issuer } : {}),
    ...(values['doc-number'] ? { docNumber: values['doc-number'] } : {}),
  };
}

/** An engine's refusal of an option (a RangeError naming it) as a usage mistake: message, usage, exit code 2. */
export function asUsageError(err: unknown): never {
  throw err instanceof RangeError ? new UsageError(err.message) : err;
}
