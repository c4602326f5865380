/**
 * How many cases a property test runs: `runs`, unless PROPERTY_RUNS caps it. `npm run test:mutation`
 * sets the cap (scripts/mutation.ts), because each of hundreds of mutants runs the specs again; every
 * other run, test:all's included, runs the full count.
 */
export function propertyRuns(runs: number): number {
  const cap = Number(process.env.PROPERTY_RUNS);
  return Number.isInteger(cap) && cap > 0 ? Math.min(runs, cap) : runs;
}
