/** Runs named suites (all, or those asked for), each under a heading. @module */
export async function runSuites(
  kind: string,
  suites: Record<string, () => Promise<{ run: () => Promise<void> }>>,
  wanted: string[],
): Promise<void> {
  const unknown = wanted.filter((w) => !(w in suites));
  if (unknown.length) throw new Error(`unknown ${kind} ${unknown.join(', ')}; known: ${Object.keys(suites).join(', ')}`);
  for (const name of wanted.length ? wanted : Object.keys(suites)) {
    console.log(`\n=== ${kind}: ${name} ===`);
    await (await suites[name]!()).run();
  }
}
