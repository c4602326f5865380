import { Button } from 'react-aria-components';
import { answer, api, messageOf } from '../../api/client';
import { formatDateTime } from '../../format/time';
import { useSession } from '../../session/session';
import { AgendaItemDialog } from './agenda-item-dialog';
import { isOpen, useAgenda, useExchangeMutation, useKnownPeople, type AgendaItem, type Exchange } from './exchange-queries';
import { FormError } from '../../components/api-errors';
import { PersonName } from './participants-section';

const SOURCES: Record<AgendaItem['source'], string> = {
  proposed: 'proposed',
  carried: 'carried from an earlier occurrence',
  'action-item': 'open action item of an earlier occurrence',
  'support-request': 'support request',
};

/** The agenda in order: each item's proposer, owner and acceptances; propose, edit, accept, carry forward. */
export function AgendaSection({ exchange, timeZone }: { exchange: Exchange; timeZone: string }) {
  const query = useAgenda(exchange.id);
  const agenda = query.data;
  // Proposing, changing and accepting items are open together: to a coordinator, while the agenda is open.
  const writable = isOpen(exchange, 'propose-agenda-item');
  return (
    <section aria-labelledby="exchange-agenda">
      <div className="section-heading">
        <h2 id="exchange-agenda">Agenda</h2>
        {writable ? <AgendaItemDialog exchange={exchange} /> : null}
      </div>
      {query.isPending ? <p className="status">Loading the agenda…</p> : null}
      {query.isError ? (
        <p role="alert" className="error-text">
          {messageOf(query.error)}
        </p>
      ) : null}
      {agenda ? (
        <>
          <p className="hint">
            {agenda.frozen ? 'Frozen since' : 'Freezes'}{' '}
            <time dateTime={agenda.freezesAt}>{formatDateTime(agenda.freezesAt, timeZone)}</time>.
          </p>
          {agenda.items.length === 0 ? <p>No items yet.</p> : null}
          <ol className="agenda-items">
            {agenda.items.map((item, index) => (
              <li key={item.id ?? `entry-${index}`}>
                <AgendaEntry exchange={exchange} item={item} writable={writable} />
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}

function AgendaEntry({ exchange, item, writable }: { exchange: Exchange; item: AgendaItem; writable: boolean }) {
  const { person } = useSession();
  const people = useKnownPeople(exchange);
  const accept = useExchangeMutation(exchange.id, (itemId: string) =>
    answer(
      api.POST('/v1/exchanges/{id}/agenda/{itemId}/accept', {
        params: { path: { id: exchange.id, itemId } },
        body: { organization: person.organization },
      }),
    ),
  );
  const carry = useExchangeMutation(exchange.id, (itemId: string) =>
    answer(api.POST('/v1/exchanges/{id}/agenda/{itemId}/carry-forward', { params: { path: { id: exchange.id, itemId } } })),
  );
  const canAccept = writable && item.id && item.awaiting.includes(person.organization);
  const canEdit = writable && item.id && item.source !== 'action-item';
  const canCarry = exchange.seriesId && item.id && item.state === 'open';
  return (
    <article className="agenda-item" aria-labelledby={`agenda-item-${item.position}`}>
      <h3 id={`agenda-item-${item.position}`}>{item.title}</h3>
      <p className="facts__aside">
        {item.area} · proposed by {item.proposingOrganization} · owner: <PersonName id={item.ownerId} people={people} />
        {item.source !== 'proposed' ? ` · ${SOURCES[item.source]}` : ''}
        {item.state === 'carried' ? ' · carried forward to the next occurrence' : ''}
      </p>
      <p>
        {item.accepted ? 'Accepted by every organisation' : `Accepted by ${item.acceptedBy.join(', ') || 'none'}`}
        {item.awaiting.length > 0 ? `; awaiting ${item.awaiting.join(', ')}` : ''}
      </p>
      {canAccept || canEdit || canCarry ? (
        <div className="button-row">
          {canAccept && item.id ? (
            <Button className="button button--small" isPending={accept.isPending} onPress={() => accept.mutate(item.id as string)}>
              Accept for {person.organization}
            </Button>
          ) : null}
          {canEdit ? <AgendaItemDialog exchange={exchange} item={item} /> : null}
          {canCarry && item.id ? (
            <Button
              className="button button--quiet button--small"
              isPending={carry.isPending}
              onPress={() => carry.mutate(item.id as string)}
            >
              Carry forward to the next occurrence
            </Button>
          ) : null}
        </div>
      ) : null}
      <FormError error={accept.error ?? carry.error} />
    </article>
  );
}
