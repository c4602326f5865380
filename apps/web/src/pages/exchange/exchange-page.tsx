import { Link, useParams } from 'react-router';
import { messageOf } from '../../api/client';
import { useDocumentTitle } from '../../navigation/document-title';
import { useSession } from '../../session/session';
import { ActionItemsSection } from './action-items-section';
import { AttendanceSection } from './attendance-section';
import { AgendaSection } from './agenda-section';
import { ConfirmationsSection } from './confirmations-section';
import { ExchangeDetails } from './exchange-details';
import { CancelDialog, RescheduleDialog } from './exchange-dialogs';
import { isOpen, useExchange } from './exchange-queries';
import { MinutesSection } from './minutes-section';
import { ParticipantsSection } from './participants-section';
import { RemindersSection } from './reminders-section';
import './exchange.css';
import '../../components/fields.css';

/**
 * An exchange (`/exchanges/:id`): its marking, details, participants, confirmations, agenda,
 * minutes, action items and (for its coordinators) reminders, with what the API opens to the
 * reader: confirm, reschedule, cancel, propose and accept agenda items, draft and approve minutes.
 */
export default function ExchangePage() {
  const { id = '' } = useParams();
  const { person } = useSession();
  const query = useExchange(id);
  useDocumentTitle(query.data?.title ?? 'Exchange');

  if (query.isPending) return <p className="status">Loading the exchange…</p>;
  if (query.isError) {
    return (
      <>
        <h1>Exchange</h1>
        <p role="alert" className="error-text">
          {messageOf(query.error)}
        </p>
      </>
    );
  }
  const exchange = query.data;
  const timeZone = person.timezone;
  const restricted = exchange.marking === 'RESTRICTED';
  const reschedule = isOpen(exchange, 'reschedule');
  const cancel = isOpen(exchange, 'cancel');
  return (
    <article className="exchange-page">
      <p className={`marking-banner${restricted ? ' marking-banner--restricted' : ''}`}>
        <span className="visually-hidden">Marking: </span>
        {exchange.marking}
      </p>
      <div className="page-heading">
        <h1>{exchange.title}</h1>
        <p className={`status-tag status-tag--${exchange.status}`}>
          <span className="visually-hidden">Status: </span>
          {exchange.status}
        </p>
      </div>
      {reschedule || cancel ? (
        <div className="exchange-page__actions">
          {reschedule ? <RescheduleDialog exchange={exchange} timeZone={timeZone} /> : null}
          {cancel ? <CancelDialog exchange={exchange} /> : null}
        </div>
      ) : null}
      <ExchangeDetails exchange={exchange} timeZone={timeZone} />
      <p>
        <Link to="/exchanges/new">New exchange</Link>
      </p>
      <AttendanceSection exchange={exchange} />
      <ParticipantsSection exchange={exchange} />
      <ConfirmationsSection exchange={exchange} timeZone={timeZone} />
      <AgendaSection exchange={exchange} timeZone={timeZone} />
      <MinutesSection exchange={exchange} timeZone={timeZone} />
      <ActionItemsSection exchange={exchange} timeZone={timeZone} />
      <RemindersSection exchange={exchange} timeZone={timeZone} />
    </article>
  );
}
