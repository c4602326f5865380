import { parseFlags } from './lib/args';
import { REFERENCE_DIR, REFERENCE_FILE } from './lib/paths';
import { Report } from './lib/report';
import { stopAll } from './lib/stack';
import { closeTemporal } from './lib/temporal';
import { API_DEFAULTS, runApi } from './api';
import { runGrowth } from './growth';
import { REMINDER_DEFAULTS, runReminders } from './reminders';
import { runScale, SCALE_DEFAULTS } from './scale';

/**
 * The reference report: the four benchmarks one after the other, at the sizes of the issue unless
 * told otherwise, into bench/REFERENCE.md with its charts in bench/reference/. Growth runs at a
 * quarter, a half and the whole of the reminder and request sizes.
 */
const flags = parseFlags(
  'bench:reference',
  {
    reminders: REMINDER_DEFAULTS.reminders,
    requests: API_DEFAULTS.requests,
    series: SCALE_DEFAULTS.series,
    sample: SCALE_DEFAULTS.sample,
    years: SCALE_DEFAULTS.years,
  },
  {
    reminders: 'reminders per wave (timeliness, and the largest growth size)',
    requests: 'API requests per concurrency level (and the largest growth size)',
    series: 'series of the scale benchmark',
    sample: 'series driven through simulated years',
    years: 'simulated years',
  },
);

async function main(): Promise<void> {
  const report = new Report('Liaison benchmarks: reference report');
  report.text(
    'Made with `npm run bench:reference` (see the README, "Performance"). Every figure below was measured in this run; each section can be run alone with its own npm script.',
  );
  const sizes = (whole: number) => [whole / 4, whole / 2, whole].map(Math.round).join(',');
  const sections = [
    () => runReminders({ ...REMINDER_DEFAULTS, reminders: flags.reminders, burst: flags.reminders }, report),
    () => runApi({ ...API_DEFAULTS, requests: flags.requests }, report),
    () => runScale({ series: flags.series, sample: flags.sample, years: flags.years }, report),
    () => runGrowth({ reminderSizes: sizes(flags.reminders), apiSizes: sizes(flags.requests * 2), apiConcurrency: 8 }, report),
  ];
  for (const section of sections) {
    await section();
    // Written after each section, so that a failure later keeps what was measured.
    report.write(REFERENCE_FILE, REFERENCE_DIR);
  }
  process.stdout.write(`\nreference report: ${REFERENCE_FILE}\n`);
}

main()
  .catch(async (error: unknown) => {
    process.stderr.write(`\nbench:reference failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
    await stopAll();
  })
  .finally(() => closeTemporal());
