import { Link } from 'react-router';
import { messageOf } from '../../api/client';
import { formatDateTime, hostTime, zoneName } from '../../format/time';
import { useOccurrences, type Series } from './series-queries';
import { MorePages } from '../../components/more-pages';

/** The series' occurrences the API lets me see, each a link to its exchange, in my zone with the host's time beside it. */
export function Occurrences({ series, timeZone }: { series: Series; timeZone: string }) {
  const query = useOccurrences(series);
  if (query.isPending) return <p className="status">Loading the occurrences…</p>;
  if (query.isLoadingError) {
    return (
      <p role="alert" className="error-text">
        {messageOf(query.error)}
      </p>
    );
  }
  const items = query.data.pages.flatMap((page) => page.items);
  return (
    <>
      {items.length === 0 ? <p>No occurrence yet: the series makes them ahead of time, as its workflow runs.</p> : null}
      <ul className="exchange-list">
        {items.map((exchange) => {
          const host = hostTime(exchange.startsAt, exchange.endsAt, exchange.timezone, timeZone);
          return (
            <li key={exchange.id}>
              <article className={`exchange exchange--${exchange.status}`}>
                <h3 className="exchange__title">
                  <Link to={`/exchanges/${exchange.id}`}>
                    {exchange.title}, {formatDateTime(exchange.startsAt, timeZone)}
                  </Link>
                </h3>
                <p className="exchange__when">
                  {zoneName(exchange.startsAt, timeZone)}
                  {host ? <span className="exchange__host"> · host: {host}</span> : null}
                </p>
                <p className="exchange__meta">
                  <span className="tag">{exchange.status}</span> hosted by {exchange.hostOrganization}
                  {exchange.detached ? ' · changed on its own' : ''}
                </p>
              </article>
            </li>
          );
        })}
      </ul>
      <MorePages query={query} label="Show more" />
    </>
  );
}
