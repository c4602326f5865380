import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds by part of the system (by name). */
export type CpuUse = Record<string, number>;

/** CPU seconds used so far by each process, with the part it belongs to. */
export type CpuSnapshot = Map<number, { part: string; seconds: number }>;

const TICKS_PER_SECOND = 100;

/**
 * Where the CPU goes during a phase: the bench's own processes by pid (the stack's own Temporal dev
 * server among them), and the backing services (every Postgres and Redis process) found by name in
 * /proc. Other Temporal dev servers (the shared one, a test's) are not the run's: not counted.
 * Only reads.
 */
export function cpuSnapshot(processes: Record<string, number>): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map();
  for (const [part, pid] of Object.entries(processes)) snapshot.set(pid, { part, seconds: cpuSeconds(pid) });
  snapshot.set(process.pid, { part: 'bench (load generator)', seconds: cpuSeconds(process.pid) });
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || snapshot.has(Number(entry))) continue;
    const pid = Number(entry);
    const command = commandOf(pid);
    const part = command === 'postgres' ? 'Postgres (all databases)' : command === 'redis-server' ? 'Redis' : null;
    if (part) snapshot.set(pid, { part, seconds: cpuSeconds(pid) });
  }
  return snapshot;
}

/**
 * CPU seconds per part between two snapshots, process by process: one that started in between
 * counts whole; one that ended in between is not seen (Postgres backends live as long as their pool).
 */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot): CpuUse {
  const use: CpuUse = {};
  for (const [pid, { part, seconds }] of after) use[part] = (use[part] ?? 0) + Math.max(0, seconds - (before.get(pid)?.seconds ?? 0));
  return use;
}

/** CPU seconds (user and system) a process has used so far; 0 once it has gone. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces) start after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** A process's command name (/proc/<pid>/comm); '' once it has gone. */
export function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/** A table row per part, busiest first: CPU seconds, share of all, and cores kept busy over `wallSeconds`. */
export function cpuRows(use: CpuUse, wallSeconds: number): string[][] {
  const total = Object.values(use).reduce((sum, s) => sum + s, 0);
  return Object.entries(use)
    .sort((a, b) => b[1] - a[1])
    .map(([name, seconds]) => [
      name,
      seconds.toFixed(1),
      `${((seconds / (total || 1)) * 100).toFixed(0)}%`,
      (seconds / wallSeconds).toFixed(2),
    ]);
}

export const CPU_HEADERS = ['process', 'CPU s', 'share', 'cores busy'];
