import { Button } from 'react-aria-components';
import { Link } from 'react-router';
import { formatDateTime } from '../../format/time';
import type { Notification } from './inbox-queries';

/** Where a notification leads: the exchange or the support request it is about, if any. */
function subjectOf(notification: Notification): { to: string } | undefined {
  if (notification.exchangeId) return { to: `/exchanges/${notification.exchangeId}` };
  if (notification.supportRequestId) return { to: `/support-requests/${notification.supportRequestId}` };
  return undefined;
}

/** One notification: its title (a link to what it is about), when it came, its text, and "Mark as read" while unread. */
export function NotificationItem({
  notification,
  timeZone,
  isMarking,
  onMarkRead,
}: {
  notification: Notification;
  timeZone: string;
  isMarking: boolean;
  onMarkRead: () => void;
}) {
  const subject = subjectOf(notification);
  const unread = notification.readAt === null;
  return (
    <article className={`row${unread ? ' row--unread' : ''}`}>
      <div className="row__main">
        <h2 className="notification__title">
          {subject ? <Link to={subject.to}>{notification.title}</Link> : notification.title}{' '}
          <span className={unread ? 'tag tag--strong' : 'tag'}>{unread ? 'Unread' : 'Read'}</span>
        </h2>
        <p className="row__meta">
          <time dateTime={notification.deliveredAt}>{formatDateTime(notification.deliveredAt, timeZone)}</time>
          {notification.dueAt ? ` · due ${formatDateTime(notification.dueAt, timeZone)}` : ''}
        </p>
        <p className="notification__body">{notification.body}</p>
      </div>
      {unread ? (
        <Button
          className="button button--quiet"
          aria-label={`Mark as read: ${notification.title}`}
          isDisabled={isMarking}
          onPress={onMarkRead}
        >
          Mark as read
        </Button>
      ) : null}
    </article>
  );
}
