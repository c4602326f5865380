import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFlags } from './lib/args';
import { REFERENCE_DIR, REFERENCE_FILE } from './lib/paths';
import { Report } from './lib/report';
import { stopAll } from './lib/stack';
import { closeTemporal } from './lib/temporal';
import { measureRuns, RUNS_DEFAULT, RUNS_HELP } from './lib/repeat';
import { API_DEFAULTS, apiSection } from './api';
import { EVENT_DEFAULTS, eventsSection } from './events';
import { runGrowth } from './growth';
import { REMINDER_DEFAULTS, remindersSection } from './reminders';
import { SCALE_DEFAULTS, scaleSection } from './scale';

/**
 * The reference report: the benchmarks one after the other (reminders, API, scale, growth and
 * events), at the sizes of the issues unless told otherwise, into bench/REFERENCE.md with its
 * charts in bench/reference/. Growth runs at a quarter, a half and the whole of the reminder and
 * request sizes. Every section but growth runs `--runs` times (3), each run on fresh stacks,
 * reported as medians with their spread; growth runs once (its three sizes are its repeats). Each section is kept in its own file (bench/reference/<section>.md, with the
 * machine and commit it was measured at), so that `--sections` can measure one again and
 * REFERENCE.md is put together from all of them.
 */
const SECTIONS = ['reminders', 'api', 'scale', 'growth', 'events'] as const;
type Section = (typeof SECTIONS)[number];

const flags = parseFlags(
  'bench:reference',
  {
    reminders: REMINDER_DEFAULTS.reminders,
    requests: API_DEFAULTS.requests,
    series: SCALE_DEFAULTS.series,
    sample: SCALE_DEFAULTS.sample,
    years: SCALE_DEFAULTS.years,
    eventRate: EVENT_DEFAULTS.rate,
    eventSeconds: EVENT_DEFAULTS.seconds,
    sections: SECTIONS.join(','),
    runs: RUNS_DEFAULT,
  },
  {
    reminders: 'reminders per wave (timeliness, and the largest growth size)',
    requests: 'API requests per concurrency level (and the largest growth size)',
    series: 'series of the scale benchmark',
    sample: 'series driven through simulated years',
    years: 'simulated years',
    eventRate: 'events offered per second (events)',
    eventSeconds: 'seconds the events are offered for',
    sections: "sections to measure (again); the others are kept as last measured ('': none, only rewrite REFERENCE.md)",
    runs: `${RUNS_HELP} (not growth: once)`,
  },
);

const TITLES: Record<Section, string> = {
  reminders: 'Reminder timeliness',
  api: 'API throughput',
  scale: 'Scale',
  growth: 'Cost growth',
  events: 'Events for integrators',
};

async function main(): Promise<void> {
  const chosen = flags.sections
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = chosen.filter((name) => !(SECTIONS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`--sections: unknown ${unknown.join(', ')} (known: ${SECTIONS.join(', ')})`);
  const sizes = (whole: number) => [whole / 4, whole / 2, whole].map(Math.round).join(',');
  const run: Record<Section, (report: Report) => Promise<unknown>> = {
    reminders: (report) =>
      measureRuns(remindersSection({ ...REMINDER_DEFAULTS, reminders: flags.reminders, burst: flags.reminders }), flags.runs, report),
    api: (report) => measureRuns(apiSection({ ...API_DEFAULTS, requests: flags.requests }), flags.runs, report),
    scale: (report) => measureRuns(scaleSection({ series: flags.series, sample: flags.sample, years: flags.years }), flags.runs, report),
    growth: (report) =>
      runGrowth({ reminderSizes: sizes(flags.reminders), apiSizes: sizes(flags.requests * 2), apiConcurrency: 8 }, report),
    events: (report) =>
      measureRuns(eventsSection({ ...EVENT_DEFAULTS, rate: flags.eventRate, seconds: flags.eventSeconds }), flags.runs, report),
  };
  for (const section of SECTIONS.filter((name) => chosen.includes(name))) {
    const report = new Report(`${TITLES[section]}: measured`);
    await run[section](report);
    // Written after each section, so that a failure later keeps what was measured.
    report.write(join(REFERENCE_DIR, `${section}.md`), REFERENCE_DIR);
    compose();
  }
  // `--sections ''` measures nothing and only puts REFERENCE.md together again.
  if (chosen.length === 0) compose();
  process.stdout.write(`\nreference report: ${REFERENCE_FILE}\n`);
}

/** REFERENCE.md: every section measured so far, in order, each under its own machine and commit. */
function compose(): void {
  const parts = [
    '# Liaison benchmarks: reference report',
    'Made with `npm run bench:reference` (see docs/performance.md and bench/README.md for the methods). Each section below was measured in one run, on the machine and at the commit its table names; `npm run bench:reference -- --sections <name>` measures one again.',
  ];
  const missed: string[] = [];
  for (const section of SECTIONS) {
    const file = join(REFERENCE_DIR, `${section}.md`);
    if (!existsSync(file)) {
      parts.push(`## ${TITLES[section]}: not measured yet`);
      continue;
    }
    const text = readFileSync(file, 'utf8')
      .trim()
      .replace(/^(#+) /gm, '#$1 ')
      .replace(/\]\(\.\//g, '](reference/');
    parts.push(text);
    // The rows of each section's targets table that say NO.
    for (const [, target, measured] of text.matchAll(/^\| (.+?) \| (.+?) \| NO \|$/gm)) {
      missed.push(`| ${TITLES[section]} | ${target} | ${measured} |`);
    }
  }
  if (missed.length > 0) {
    parts.push(
      '## Targets not met',
      ['| section | target | measured |', '| --- | --- | ---: |', ...missed].join('\n'),
      'Where the time goes is in each section\'s CPU table above; the profiles behind them, and what would close each gap, are in [bench/README.md](README.md#what-would-close-the-remaining-gaps), "What would close the remaining gaps".',
    );
  }
  writeFileSync(REFERENCE_FILE, `${parts.join('\n\n')}\n`);
}

main()
  .catch(async (error: unknown) => {
    process.stderr.write(`\nbench:reference failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
    await stopAll();
  })
  .finally(() => closeTemporal());
