import { messageOf } from '../../api/client';
import { ExchangeSummary } from './exchange-summary';
import { useUpcomingExchanges } from './agenda-queries';
import { MorePages } from '../../components/more-pages';

/** The exchanges from today on, by start time, fifty at a time. */
export function AgendaList({ from, timeZone }: { from: string; timeZone: string }) {
  const query = useUpcomingExchanges(from);
  if (query.isPending) return <p className="status">Loading your exchanges…</p>;
  // A failed "Show more" keeps the pages already shown (and says so below them).
  if (query.isLoadingError) {
    return (
      <p role="alert" className="error-text">
        {messageOf(query.error)}
      </p>
    );
  }
  const exchanges = query.data.pages.flatMap((page) => page.items);
  return (
    <>
      <h2>Upcoming exchanges</h2>
      {exchanges.length === 0 ? <p>No exchanges from today on.</p> : null}
      <ul className="exchange-list">
        {exchanges.map((exchange) => (
          <li key={exchange.id}>
            <ExchangeSummary exchange={exchange} timeZone={timeZone} withDate />
          </li>
        ))}
      </ul>
      <MorePages query={query} label="Show more" />
    </>
  );
}
