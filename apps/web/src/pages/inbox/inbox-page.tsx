import { ToggleButton, ToggleButtonGroup, type Key } from 'react-aria-components';
import { useSearchParams } from 'react-router';
import { messageOf } from '../../api/client';
import { useDocumentTitle } from '../../navigation/document-title';
import { useSession } from '../../session/session';
import { useMarkRead, useNotifications } from './inbox-queries';
import { NotificationItem } from './notification-item';
import '../profile/panels.css';
import { MorePages } from '../../components/more-pages';

/**
 * My inbox (`/inbox`, `?unread=true` for the unread only): the in-app notifications, newest first,
 * each leading to the exchange or support request it is about; "Mark as read" updates the header's count.
 */
export default function InboxPage() {
  useDocumentTitle('Inbox');
  const { person } = useSession();
  const [params, setParams] = useSearchParams();
  const unread = params.get('unread') === 'true';
  const query = useNotifications(unread);
  const markRead = useMarkRead();
  const choose = (keys: Set<Key>) => setParams([...keys][0] === 'unread' ? { unread: 'true' } : {});
  const notifications = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <div className="page-heading">
        <h1>Inbox</h1>
        <ToggleButtonGroup
          aria-label="Show"
          className="segmented"
          selectionMode="single"
          disallowEmptySelection
          selectedKeys={[unread ? 'unread' : 'all']}
          onSelectionChange={choose}
        >
          <ToggleButton id="all" className="segmented__option">
            All
          </ToggleButton>
          <ToggleButton id="unread" className="segmented__option">
            Unread
          </ToggleButton>
        </ToggleButtonGroup>
      </div>
      <p className="hint">Times are in your time zone, {person.timezone}.</p>
      {query.isPending ? <p className="status">Loading your inbox…</p> : null}
      {query.isLoadingError ? (
        <p role="alert" className="error-text">
          {messageOf(query.error)}
        </p>
      ) : null}
      {markRead.isError ? (
        <p role="alert" className="error-text">
          {messageOf(markRead.error)}
        </p>
      ) : null}
      {query.isSuccess && notifications.length === 0 ? <p>{unread ? 'Nothing unread.' : 'Your inbox is empty.'}</p> : null}
      <ul className="rows">
        {notifications.map((notification) => (
          <li key={notification.id}>
            <NotificationItem
              notification={notification}
              timeZone={person.timezone}
              isMarking={markRead.isPending && markRead.variables === notification.id}
              onMarkRead={() => markRead.mutate(notification.id)}
            />
          </li>
        ))}
      </ul>
      <MorePages query={query} label="Load more" />
    </>
  );
}
