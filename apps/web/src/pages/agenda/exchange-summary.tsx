import { Link } from 'react-router';
import { formatDateTime, formatTimeRange, hostTime, zoneName } from '../../format/time';
import type { Exchange } from './agenda-queries';

/**
 * One exchange of the agenda: its title (a link to it), when it is in the reader's zone, the host's
 * local time beside it when that reads differently, and its status and place.
 */
export function ExchangeSummary({ exchange, timeZone, withDate }: { exchange: Exchange; timeZone: string; withDate: boolean }) {
  const when = withDate
    ? `${formatDateTime(exchange.startsAt, timeZone)} (${exchange.durationMinutes} min)`
    : formatTimeRange(exchange.startsAt, exchange.endsAt, timeZone);
  const host = hostTime(exchange.startsAt, exchange.endsAt, exchange.timezone, timeZone);
  return (
    <article className={`exchange exchange--${exchange.status}`}>
      <h3 className="exchange__title">
        <Link to={`/exchanges/${exchange.id}`}>{exchange.title}</Link>
      </h3>
      <p className="exchange__when">
        <time dateTime={exchange.startsAt}>{when}</time> {zoneName(exchange.startsAt, timeZone)}
        {host ? <span className="exchange__host"> · host: {host}</span> : null}
      </p>
      <p className="exchange__meta">
        <span className="tag">{exchange.status}</span> {exchange.organizations.join(', ')}
        {exchange.location ? ` · ${exchange.location}` : ''}
      </p>
    </article>
  );
}
