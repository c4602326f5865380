import { Injectable } from '@nestjs/common';
import { LatenessRow, MonitoringRepository } from '@liaison/persistence';

/** One exchange on one participating organisation's row of the timeline. */
export interface UpcomingExchange {
  id: string;
  title: string;
  status: string;
  startsAt: Date;
  durationMinutes: number;
  organization: string;
  organizationName: string;
  /** This organisation hosts it. */
  host: boolean;
}

export interface Upcoming {
  from: Date;
  to: Date;
  items: UpcomingExchange[];
  /** More rows than UPCOMING_LIMIT matched; the timeline shows the first ones. */
  truncated: boolean;
}

/** Seconds between a reminder's due time and its delivery. */
export interface LatenessStats {
  sent: number;
  p50: number;
  p95: number;
  max: number;
}

export interface Lateness {
  /** The 24 hours, oldest first, each with its stats or null when nothing was sent in it. */
  hours: Array<{ start: Date; stats: LatenessStats | null }>;
  /** Over the whole 24 hours; null when nothing was sent. */
  overall: LatenessStats | null;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
export const UPCOMING_DAYS = 30;
/** Exchange-organisation pairs the timeline draws at most. */
export const UPCOMING_LIMIT = 1000;

/** What the admin page reads from Postgres: the coming exchanges and how late reminders went out. */
@Injectable()
export class AdminPageQueries {
  constructor(private readonly rows: MonitoringRepository) {}

  /** Exchanges not cancelled starting within UPCOMING_DAYS, once per participating organisation. */
  async upcomingExchanges(now = new Date()): Promise<Upcoming> {
    const from = now;
    const to = new Date(now.getTime() + UPCOMING_DAYS * DAY_MS);
    const rows = await this.rows.upcomingExchanges(from, to, UPCOMING_LIMIT + 1);
    return {
      from,
      to,
      truncated: rows.length > UPCOMING_LIMIT,
      items: rows.slice(0, UPCOMING_LIMIT).map((row) => ({
        id: row.id,
        title: row.title,
        status: row.status,
        startsAt: row.starts_at,
        durationMinutes: row.duration_minutes,
        organization: row.organization,
        organizationName: row.organization_name,
        host: row.host,
      })),
    };
  }

  /** p50, p95 and max lateness of the reminders sent in the current hour and the 23 before it, per UTC hour and overall. */
  async reminderLateness(now = new Date()): Promise<Lateness> {
    const firstHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS - 23 * HOUR_MS;
    const rows = await this.rows.reminderLateness(new Date(firstHour));
    const stats = (row: LatenessRow): LatenessStats => ({ sent: row.sent, p50: row.p50, p95: row.p95, max: row.max });
    const byHour = new Map(rows.filter((row) => row.hour !== null).map((row) => [row.hour!.getTime(), stats(row)]));
    // The empty grouping set yields a row (count 0) even when nothing was sent.
    const overall = rows.find((row) => row.hour === null && row.sent > 0);
    return {
      hours: Array.from({ length: 24 }, (_, i) => {
        const start = firstHour + i * HOUR_MS;
        return { start: new Date(start), stats: byHour.get(start) ?? null };
      }),
      overall: overall ? stats(overall) : null,
    };
  }
}
