import { Link } from 'react-router';
import { messageOf } from '../../api/client';
import { formatDateTime, zoneName } from '../../format/time';
import { actionLabel, groupWaiting, isOverdue, waitingHref, type WaitingItem } from './waiting';
import { useWaiting } from './waiting-queries';
import './waiting.css';

/**
 * "Waiting for me": the steps the API says are open to me (confirmations, agenda items to accept,
 * minutes to approve, my action items, support-request steps), grouped by kind, each linking to the
 * page where it is done, due times in my zone.
 */
export function WaitingSection({ timeZone }: { timeZone: string }) {
  const query = useWaiting();
  return (
    <section className="waiting" aria-labelledby="waiting-heading">
      <h2 id="waiting-heading">Waiting for me</h2>
      {query.isPending ? <p className="status">Loading what is waiting for you…</p> : null}
      {query.isError ? (
        <p role="alert" className="error-text">
          {messageOf(query.error)}
        </p>
      ) : null}
      {query.isSuccess && query.data.items.length === 0 ? <p>Nothing is waiting for you.</p> : null}
      {query.isSuccess
        ? groupWaiting(query.data.items).map((group) => (
            <div key={group.kind} className="waiting__group">
              <h3 className="waiting__kind">
                {group.heading} <span className="waiting__count">({group.items.length})</span>
              </h3>
              <ul className="waiting__list">
                {group.items.map((item, index) => (
                  <li key={`${item.exchangeId ?? item.supportRequestId ?? ''}-${item.organization ?? ''}-${index}`}>
                    <WaitingEntry item={item} timeZone={timeZone} now={query.dataUpdatedAt} />
                  </li>
                ))}
              </ul>
            </div>
          ))
        : null}
    </section>
  );
}

function WaitingEntry({ item, timeZone, now }: { item: WaitingItem; timeZone: string; now: number }) {
  const overdue = isOverdue(item, now);
  return (
    <div className="waiting__item">
      <Link to={waitingHref(item)} className="waiting__title">
        {item.title}
      </Link>
      <span className="waiting__action">{actionLabel(item)}</span>
      {item.dueAt ? (
        <span className="waiting__due">
          Due <time dateTime={item.dueAt}>{formatDateTime(item.dueAt, timeZone)}</time> {zoneName(item.dueAt, timeZone)}
          {overdue ? <span className="tag tag--overdue">overdue</span> : null}
        </span>
      ) : (
        <span className="waiting__due">No due time</span>
      )}
    </div>
  );
}
