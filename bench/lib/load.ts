import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { commandOf, cpuSeconds } from './cpu';
import { sleep } from './progress';
import { fmt } from './stats';

/**
 * How busy the machine was just before a measured run: figures measured right after the test
 * suite had run were twice as bad, so every run records what else was using the CPU.
 */
export interface LoadRecord {
  /** 1, 5 and 15 minute load averages. */
  loadAverage: [number, number, number];
  /** Share of all cores' time not idle over the sample, 0-1. */
  busy: number;
  sampleSeconds: number;
  cores: number;
  /** The processes that used the most CPU over the sample (when it was busy), share of one core. */
  top: Array<{ pid: number; name: string; share: number }>;
}

const SAMPLE_MS = 5000;
/** Above this share of all cores, the processes behind it are named. */
const NAME_ABOVE = 0.1;
/** Above this share of all cores, the figures are not to be trusted: said out loud. */
const BUSY_ABOVE = 0.25;

/** Busy and total jiffies of all cores together (/proc/stat's first line). */
function cpuTimes(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((sum, v) => sum + v, 0);
  // idle and iowait
  return { busy: total - fields[3] - (fields[4] ?? 0), total };
}

/** CPU seconds used so far by every process, and its name (cpu.ts reads both). */
function processTimes(): Map<number, { name: string; seconds: number }> {
  const times = new Map<number, { name: string; seconds: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    times.set(pid, { name: commandOf(pid), seconds: cpuSeconds(pid) });
  }
  return times;
}

/** Samples the machine for 5 s; prints the record, loudly when the machine is busy. */
export async function recordLoad(label: string): Promise<LoadRecord> {
  process.stderr.write(`[bench] ${label}: sampling the machine's load for ${SAMPLE_MS / 1000} s …\n`);
  const cpuBefore = cpuTimes();
  const processesBefore = processTimes();
  const started = Date.now();
  await sleep(SAMPLE_MS);
  const cpuAfter = cpuTimes();
  const processesAfter = processTimes();
  const seconds = (Date.now() - started) / 1000;
  const busy = (cpuAfter.busy - cpuBefore.busy) / Math.max(1, cpuAfter.total - cpuBefore.total);
  const cores = cpus().length;
  const top =
    busy <= NAME_ABOVE
      ? []
      : [...processesAfter.entries()]
          .map(([pid, after]) => ({
            pid,
            name: after.name,
            share: (after.seconds - (processesBefore.get(pid)?.seconds ?? 0)) / seconds,
          }))
          .filter((p) => p.share >= 0.02)
          .sort((a, b) => b.share - a.share)
          .slice(0, 5);
  const record: LoadRecord = { loadAverage: loadavg() as [number, number, number], busy, sampleSeconds: seconds, cores, top };
  process.stderr.write(`[bench] load before ${label}: ${describeLoad(record)}\n`);
  if (busy > BUSY_ABOVE) {
    process.stderr.write(
      `\n[bench] ***** WARNING: the machine was ${fmt(busy * 100)}% busy (of ${cores} cores) before ${label}, ` +
        `with nothing of this bench running. Its figures will be worse than on a quiet machine. *****\n\n`,
    );
  }
  return record;
}

/** One line: `load 0.52 / 0.40 / 0.33, 12% busy over 5 s (node 8%, postgres 3%)`. */
export function describeLoad(record: LoadRecord): string {
  const average = record.loadAverage.map((v) => fmt(v, 2)).join(' / ');
  const top = record.top.length > 0 ? ` (${record.top.map((p) => `${p.name} ${p.pid} ${fmt(p.share * 100)}%`).join(', ')})` : '';
  const loud = record.busy > BUSY_ABOVE ? ' BUSY' : '';
  return `load ${average}, ${fmt(record.busy * 100)}% of ${record.cores} cores busy over ${fmt(record.sampleSeconds)} s${top}${loud}`;
}
