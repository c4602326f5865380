import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from 'react-aria-components';
import { answer, api } from '../../api/client';
import { ATTENDANCE_LABELS } from '../../api/vocabulary';
import { FormError } from '../../components/api-errors';
import { FormDialog } from '../../components/dialogs';
import { Choice } from '../../components/fields';
import { useSession } from '../../session/session';
import { exchangeKey, isOpen, useExchangeMutation, type Exchange } from './exchange-queries';

type Answer = 'accepted' | 'tentative' | 'declined';
const ANSWERS: Array<{ status: Answer; label: string }> = [
  { status: 'accepted', label: 'Accept' },
  { status: 'tentative', label: 'Maybe' },
  { status: 'declined', label: 'Decline' },
];

/**
 * The reader's own attendance, when they take part: their answer, and (while the API opens
 * `answer-attendance`) Accept, Maybe, Decline, or Delegate to a colleague of their organisation.
 */
export function AttendanceSection({ exchange }: { exchange: Exchange }) {
  const { person } = useSession();
  const own = exchange.participants.find((p) => p.id === person.id);
  const send = useExchangeMutation(exchange.id, (body: { status: Answer | 'delegated'; delegateId?: string }) =>
    answer(api.POST('/v1/exchanges/{id}/attendance', { params: { path: { id: exchange.id } }, body })),
  );
  if (!own?.attendance) return null;
  const answering = isOpen(exchange, 'answer-attendance');
  return (
    <section aria-labelledby="exchange-attendance">
      <h2 id="exchange-attendance">Your attendance</h2>
      <p>
        You: <strong>{ATTENDANCE_LABELS[own.attendance]}</strong>
        {own.delegatedTo ? (
          <>
            {' '}
            (<DelegateName exchange={exchange} id={own.delegatedTo} />)
          </>
        ) : null}
      </p>
      {answering ? (
        <div className="button-row">
          {ANSWERS.map(({ status, label }) => (
            <Button
              key={status}
              className={own.attendance === status ? 'button' : 'button button--quiet'}
              aria-pressed={own.attendance === status}
              isPending={send.isPending && send.variables?.status === status}
              onPress={() => send.mutate({ status })}
            >
              {label}
            </Button>
          ))}
          <DelegateDialog exchange={exchange} onDelegate={(delegateId) => send.mutateAsync({ status: 'delegated', delegateId })} />
        </div>
      ) : null}
      <FormError error={send.error} />
    </section>
  );
}

function DelegateName({ exchange, id }: { exchange: Exchange; id: string }) {
  const name = exchange.participants.find((p) => p.id === id)?.name;
  return <>{name ?? 'a colleague'}</>;
}

/** Hand the place to a colleague (`delegated`): the API lists whom (`…/attendance/delegates`: the reader's organisation). */
function DelegateDialog({ exchange, onDelegate }: { exchange: Exchange; onDelegate: (delegateId: string) => Promise<unknown> }) {
  const [delegateId, setDelegateId] = useState<string | null>(null);
  const [asked, setAsked] = useState(false);
  const delegates = useQuery({
    enabled: asked,
    queryKey: [...exchangeKey(exchange.id), 'delegates'],
    queryFn: () => answer(api.GET('/v1/exchanges/{id}/attendance/delegates', { params: { path: { id: exchange.id } } })),
  });
  const options = (delegates.data ?? []).map((p) => ({ id: p.id, name: p.name }));
  return (
    <FormDialog
      label="Delegate to a colleague"
      title="Delegate to a colleague"
      submitLabel="Delegate"
      onOpen={() => {
        setAsked(true);
        setDelegateId(null);
      }}
      submit={() => (delegateId ? onDelegate(delegateId) : undefined)}
    >
      {(problems) => (
        <>
          <p>Your colleague takes your place: they become a participant, get the invitation and the reminders, and answer from then on.</p>
          {delegates.isPending ? <p className="status">Loading your colleagues…</p> : null}
          {delegates.isSuccess && options.length === 0 ? <p>Nobody else in your organisation can take your place.</p> : null}
          <Choice label="Colleague" value={delegateId} onChange={setDelegateId} options={options} isRequired error={problems.delegateId} />
        </>
      )}
    </FormDialog>
  );
}
