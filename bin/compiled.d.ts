/** Whether dist/ holds the compiled code of every current source file. */
export function compiledIsCurrent(): boolean;
/** Imports the package's module at `path` (`cli/main.ts`): its compiled twin when dist/ is current, else the source through tsx. */
export function importCurrent(path: string): Promise<Record<string, unknown>>;
