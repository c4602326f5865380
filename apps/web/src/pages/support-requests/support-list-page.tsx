import { Link, useSearchParams } from 'react-router';
import { messageOf } from '../../api/client';
import { formatDateTime } from '../../format/time';
import { useDocumentTitle } from '../../navigation/document-title';
import { useSession } from '../../session/session';
import { filtersOf, SupportFiltersForm } from './support-filters';
import { statusWords, useSupportRequests, type SupportRequest } from './support-queries';
import { deadlineStanding, nextOpenDeadline } from './time-left';
import '../series/pages.css';
import { MorePages } from '../../components/more-pages';

/** Support requests (`/support-requests`): what the API lets me see, filtered by the URL's search params. */
export default function SupportListPage() {
  useDocumentTitle('Support requests');
  const { person } = useSession();
  const [params, setParams] = useSearchParams();
  const query = useSupportRequests(filtersOf(params));
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <div className="page-heading">
        <h1>Support requests</h1>
        <Link className="button" to="/support-requests/new">
          New request
        </Link>
      </div>
      <SupportFiltersForm params={params} setParams={setParams} />
      <h2>Requests</h2>
      {query.isPending ? <p className="status">Loading the requests…</p> : null}
      {query.isLoadingError ? (
        <p role="alert" className="error-text">
          {messageOf(query.error)}
        </p>
      ) : null}
      {query.isSuccess && items.length === 0 ? <p>No request matches.</p> : null}
      <ul className="exchange-list">
        {items.map((request) => (
          <li key={request.id}>
            <RequestSummary request={request} timeZone={person.timezone} />
          </li>
        ))}
      </ul>
      <MorePages query={query} label="Show more" />
    </>
  );
}

function RequestSummary({ request, timeZone }: { request: SupportRequest; timeZone: string }) {
  const deadline = nextOpenDeadline(request.deadlines);
  return (
    <article className={`exchange support-summary${request.overdue ? ' support-summary--overdue' : ''}`}>
      <h3 className="exchange__title">
        <Link to={`/support-requests/${request.id}`}>{request.title}</Link>
      </h3>
      <p className="exchange__meta">
        <span className="tag">{statusWords(request.status)}</span> <span className="tag">{request.priority}</span>
        {request.marking === 'RESTRICTED' ? <span className="tag tag--marking">RESTRICTED</span> : null}{' '}
        {`${request.requestingOrganization} (${request.requestingUnit}) → ${request.providingOrganization} · ${request.area} / ${request.a4pArea}`}
      </p>
      {deadline ? (
        <p>
          {deadline.kind === 'acknowledge' ? 'Acknowledgement' : 'Decision'} <strong>{deadlineStanding(deadline)}</strong>{' '}
          <span className="hint">
            (<time dateTime={deadline.dueAt}>{formatDateTime(deadline.dueAt, timeZone)}</time>)
          </span>
        </p>
      ) : (
        <p className="hint">No open deadline.</p>
      )}
    </article>
  );
}
