import { Link } from 'react-router';
import { formatDateTime, hostTime, zoneName } from '../../format/time';
import { capitalised, type Exchange } from './exchanges-queries';

/**
 * One exchange of the list, as the API gave it: its title (a link to it), its marking when
 * RESTRICTED, when it starts in the reader's zone with the host's local time beside it when that
 * reads differently, its status, level, host and organisations.
 */
export function ExchangeRow({ exchange, timeZone }: { exchange: Exchange; timeZone: string }) {
  const host = hostTime(exchange.startsAt, exchange.endsAt, exchange.timezone, timeZone);
  return (
    <article className={`exchange exchange--${exchange.status}`}>
      <h3 className="exchange__title">
        <Link to={`/exchanges/${exchange.id}`}>{exchange.title}</Link>
        {exchange.marking === 'RESTRICTED' ? <span className="tag tag--marking exchange-row__marking">RESTRICTED</span> : null}
      </h3>
      <p className="exchange__when">
        <time dateTime={exchange.startsAt}>{formatDateTime(exchange.startsAt, timeZone)}</time> {zoneName(exchange.startsAt, timeZone)} (
        {exchange.durationMinutes} min)
        {host ? <span className="exchange__host"> · host: {host}</span> : null}
      </p>
      <p className="exchange__meta">
        <span className="tag">{exchange.status}</span> <span className="tag">{capitalised(exchange.level)} level</span> Hosted by{' '}
        {exchange.hostOrganization} · with {exchange.organizations.join(', ')}
        {exchange.location ? ` · ${exchange.location}` : ''}
      </p>
    </article>
  );
}
