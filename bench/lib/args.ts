import { parseArgs } from 'node:util';

/** Flags every script takes, besides its own sizes. */
export interface CommonFlags {
  report: boolean;
}

/**
 * Parses `--name value` flags into numbers (or strings) with defaults, plus `--report` and `--help`.
 * Unknown flags are an error, so that a typo does not silently run the default size.
 */
export function parseFlags<T extends Record<string, number | string>>(
  script: string,
  defaults: T,
  help: Record<keyof T, string>,
): T & CommonFlags {
  const options = Object.fromEntries(Object.keys(defaults).map((name) => [name, { type: 'string' as const }]));
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { ...options, report: { type: 'boolean' }, help: { type: 'boolean' } },
    strict: true,
  });
  if (values.help) {
    const lines = Object.entries(help).map(([name, text]) => `  --${name.padEnd(14)} ${text} (default ${String(defaults[name])})`);
    process.stdout.write(
      `npm run ${script} -- [flags]\n${lines.join('\n')}\n  --report         also write a Markdown report and PNG charts to bench/results/\n`,
    );
    process.exit(0);
  }
  const parsed: Record<string, number | string | boolean> = { report: Boolean(values.report) };
  for (const [name, fallback] of Object.entries(defaults)) {
    const raw = (values as Record<string, unknown>)[name];
    if (raw === undefined || typeof raw !== 'string') {
      parsed[name] = fallback;
    } else if (typeof fallback === 'number') {
      const value = Number(raw);
      if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number ≥ 0, not "${raw}"`);
      parsed[name] = value;
    } else {
      parsed[name] = raw;
    }
  }
  return parsed as T & CommonFlags;
}

/** A comma-separated list of numbers: `1,2,4,8`. */
export function numberList(value: string, flag: string): number[] {
  const list = value.split(',').map((v) => Number(v.trim()));
  if (list.length === 0 || list.some((v) => !Number.isFinite(v) || v <= 0))
    throw new Error(`--${flag} must be numbers > 0 separated by commas`);
  return list;
}
