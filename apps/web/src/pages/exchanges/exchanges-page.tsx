import { Link, useSearchParams } from 'react-router';
import { messageOf } from '../../api/client';
import { useDocumentTitle } from '../../navigation/document-title';
import { useSession } from '../../session/session';
import { ExchangeFiltersForm } from './exchange-filters';
import { filtersOf } from './filters';
import { ExchangeRow } from './exchange-row';
import { useExchangeList } from './exchanges-queries';
import '../../components/fields.css';
import '../series/pages.css';
import './exchanges.css';
import { MorePages } from '../../components/more-pages';

/**
 * Exchanges (`/exchanges`): every exchange the API lets me see, by start time, filtered by the
 * URL's search params (`?status=confirmed&level=senior&from=2026-12-01`), fifty at a time, times in
 * my zone with the host's beside them.
 */
export default function ExchangesPage() {
  useDocumentTitle('Exchanges');
  const { person } = useSession();
  const timeZone = person.timezone;
  const [params, setParams] = useSearchParams();
  const query = useExchangeList(filtersOf(params, timeZone));
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <div className="page-heading">
        <h1>Exchanges</h1>
        <Link className="button" to="/exchanges/new">
          New exchange
        </Link>
      </div>
      <ExchangeFiltersForm params={params} setParams={setParams} timeZone={timeZone} />
      {params.size > 0 ? (
        <p>
          <Link to="/exchanges">Clear the filters</Link>
        </p>
      ) : null}
      <h2>Matching exchanges</h2>
      <p className="hint">Times are in your time zone, {timeZone}.</p>
      {query.isPending ? <p className="status">Loading the exchanges…</p> : null}
      {query.isLoadingError ? (
        <p role="alert" className="error-text">
          {messageOf(query.error)}
        </p>
      ) : null}
      {query.isSuccess && items.length === 0 ? <p>No exchange matches.</p> : null}
      <ul className="exchange-list">
        {items.map((exchange) => (
          <li key={exchange.id}>
            <ExchangeRow exchange={exchange} timeZone={timeZone} />
          </li>
        ))}
      </ul>
      <MorePages query={query} label="Load more" />
    </>
  );
}
