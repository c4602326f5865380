import type { CalendarDate, Time } from '@internationalized/date';
import { useState } from 'react';
import { FieldError, Input, Label, TextField } from 'react-aria-components';
import { answer, api, messageOf } from '../../api/client';
import { formatDateTime } from '../../format/time';
import { useSession } from '../../session/session';
import { ChoiceField } from './agenda-item-dialog';
import { DateTimeFields, instantOf } from '../../components/dates';
import {
  isOpen,
  useActionItems,
  useExchangeMutation,
  usePeopleById,
  useKnownPeople,
  type ActionItem,
  type Exchange,
} from './exchange-queries';
import { FormError } from '../../components/api-errors';
import { FormDialog } from '../../components/dialogs';
import { PersonName } from './participants-section';

const STATUSES = [
  { id: 'open', name: 'Open' },
  { id: 'done', name: 'Done' },
  { id: 'dropped', name: 'Dropped' },
];

/** The action items agreed at the exchange, by due time: add one, change one's status. */
export function ActionItemsSection({ exchange, timeZone }: { exchange: Exchange; timeZone: string }) {
  const query = useActionItems(exchange.id);
  return (
    <section aria-labelledby="exchange-action-items">
      <div className="section-heading">
        <h2 id="exchange-action-items">Action items</h2>
        {isOpen(exchange, 'add-action-item') ? <AddActionItemDialog exchange={exchange} timeZone={timeZone} /> : null}
      </div>
      {query.isPending ? <p className="status">Loading the action items…</p> : null}
      {query.isError ? (
        <p role="alert" className="error-text">
          {messageOf(query.error)}
        </p>
      ) : null}
      {query.data && query.data.items.length === 0 ? <p>No action items.</p> : null}
      <ul className="plain-list action-items">
        {query.data?.items.map((item) => (
          <li key={item.id}>
            <ActionItemEntry exchange={exchange} item={item} timeZone={timeZone} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function ActionItemEntry({ exchange, item, timeZone }: { exchange: Exchange; item: ActionItem; timeZone: string }) {
  const people = useKnownPeople(exchange);
  const change = useExchangeMutation(exchange.id, (status: ActionItem['status']) =>
    answer(
      api.PATCH('/v1/exchanges/{id}/action-items/{itemId}', { params: { path: { id: exchange.id, itemId: item.id } }, body: { status } }),
    ),
  );
  return (
    <article className="action-item" aria-labelledby={`action-item-${item.id}`}>
      <h3 id={`action-item-${item.id}`}>{item.title}</h3>
      <p className="facts__aside">
        Owner: <PersonName id={item.ownerId} people={people} /> · due{' '}
        <time dateTime={item.dueAt}>{formatDateTime(item.dueAt, timeZone)}</time>
      </p>
      <ChoiceField
        label={`Status of “${item.title}”`}
        name="status"
        options={STATUSES}
        value={item.status}
        onChange={(status) => {
          if (status !== item.status) change.mutate(status as ActionItem['status']);
        }}
      />
      <FormError error={change.error} />
    </article>
  );
}

function AddActionItemDialog({ exchange, timeZone }: { exchange: Exchange; timeZone: string }) {
  const { person } = useSession();
  const people = usePeopleById();
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState<string | null>(null);
  const [date, setDate] = useState<CalendarDate | null>(null);
  const [time, setTime] = useState<Time | null>(null);
  const add = useExchangeMutation(exchange.id, (body: { title: string; ownerId: string; dueAt: string }) =>
    answer(api.POST('/v1/exchanges/{id}/action-items', { params: { path: { id: exchange.id } }, body })),
  );
  const owners = [...(people.data?.values() ?? [])]
    .filter((p) => p.active && exchange.organizations.includes(p.organization))
    .map((p) => ({ id: p.id, name: `${p.name} (${p.organization})` }));
  if (!owners.some((o) => o.id === person.id)) owners.unshift({ id: person.id, name: `${person.name} (you)` });
  return (
    <FormDialog
      label="Add an action item"
      title="Add an action item"
      submitLabel="Add action item"
      closeLabel="Close"
      onOpen={() => {
        setTitle('');
        setOwner(person.id);
        setDate(null);
        setTime(null);
        add.reset();
      }}
      submit={() => {
        const dueAt = instantOf(date, time, timeZone);
        if (!dueAt || !owner) return undefined;
        return add.mutateAsync({ title: title.trim(), ownerId: owner, dueAt });
      }}
    >
      <TextField className="field" name="title" value={title} onChange={setTitle} isRequired maxLength={500}>
        <Label>Title</Label>
        <Input />
        <FieldError className="error-text" />
      </TextField>
      <ChoiceField label="Owner" name="ownerId" options={owners} value={owner} onChange={setOwner} isRequired />
      <DateTimeFields
        name="dueAt"
        date={date}
        time={time}
        onDateChange={setDate}
        onTimeChange={setTime}
        dateLabel="Due date"
        timeLabel="Due time"
        description={`In your time zone, ${timeZone}.`}
      />
    </FormDialog>
  );
}
