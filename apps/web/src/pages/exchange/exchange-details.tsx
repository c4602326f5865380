import { Link } from 'react-router';
import { formatDateTime, hostTime, zoneName } from '../../format/time';
import type { Exchange } from './exchange-queries';

/** The exchange's facts: when (in the reader's zone, the host's beside it), where, who, what. */
export function ExchangeDetails({ exchange, timeZone }: { exchange: Exchange; timeZone: string }) {
  const host = hostTime(exchange.startsAt, exchange.endsAt, exchange.timezone, timeZone);
  return (
    <section aria-labelledby="exchange-details">
      <h2 id="exchange-details">Details</h2>
      <dl className="facts">
        <dt>Starts</dt>
        <dd>
          <time dateTime={exchange.startsAt}>{formatDateTime(exchange.startsAt, timeZone)}</time> {zoneName(exchange.startsAt, timeZone)}
          {host ? <span className="facts__aside"> (host: {host})</span> : null}
        </dd>
        <dt>Ends</dt>
        <dd>
          <time dateTime={exchange.endsAt}>{formatDateTime(exchange.endsAt, timeZone)}</time> {zoneName(exchange.endsAt, timeZone)} (
          {exchange.durationMinutes} min)
        </dd>
        <dt>Host</dt>
        <dd>
          {exchange.hostOrganization} <span className="facts__aside">({exchange.timezone})</span>
        </dd>
        <dt>Organisations</dt>
        <dd>{exchange.organizations.join(', ')}</dd>
        <dt>Location</dt>
        <dd>{exchange.location ?? 'Not given'}</dd>
        <dt>Status</dt>
        <dd>
          {exchange.status}
          {exchange.cancelReason ? ` (reason: ${exchange.cancelReason})` : ''}
        </dd>
        <dt>Level</dt>
        <dd>{exchange.level}</dd>
        <dt>Areas</dt>
        <dd>{exchange.areas.join(', ')}</dd>
        <dt>Marking</dt>
        <dd>{exchange.marking}</dd>
        {exchange.scheduleRevision > 1 ? (
          <>
            <dt>Rescheduled</dt>
            <dd>{exchange.scheduleRevision - 1} time(s)</dd>
          </>
        ) : null}
        {exchange.seriesId ? (
          <>
            <dt>Series</dt>
            <dd>
              <Link to={`/series/${exchange.seriesId}`}>An occurrence of a series</Link>
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
