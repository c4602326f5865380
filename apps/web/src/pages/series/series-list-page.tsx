import { Button } from 'react-aria-components';
import { Link } from 'react-router';
import { messageOf } from '../../api/client';
import { useDocumentTitle } from '../../navigation/document-title';
import { ruleInWords } from './rule-in-words';
import { useSeriesList } from './series-queries';
import './pages.css';

/** Series (`/series`): the series the API lets me see, newest first. */
export default function SeriesListPage() {
  useDocumentTitle('Series');
  const list = useSeriesList();
  const series = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <div className="page-heading">
        <h1>Series</h1>
        <Link className="button" to="/series/new">
          New series
        </Link>
      </div>
      {list.isPending ? <p className="status">Loading the series…</p> : null}
      {list.isError ? (
        <p role="alert" className="error-text">
          {messageOf(list.error)}
        </p>
      ) : null}
      {list.data && series.length === 0 ? <p>No series you take part in or coordinate.</p> : null}
      <ul className="exchange-list">
        {series.map((item) => (
          <li key={item.id}>
            <article className={`exchange series-summary series-summary--${item.status}`}>
              <h2 className="exchange__title">
                <Link to={`/series/${item.id}`}>{item.title}</Link>
              </h2>
              <p>{ruleInWords(item)}</p>
              <p className="exchange__meta">
                <span className="tag">{item.status}</span> {item.organizations.join(', ')}
              </p>
            </article>
          </li>
        ))}
      </ul>
      {list.hasNextPage ? (
        <Button className="button button--quiet" isDisabled={list.isFetchingNextPage} onPress={() => void list.fetchNextPage()}>
          {list.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </Button>
      ) : null}
      {list.isFetchNextPageError ? (
        <p role="alert" className="error-text">
          {messageOf(list.error)}
        </p>
      ) : null}
    </>
  );
}
