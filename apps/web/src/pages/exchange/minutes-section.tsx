import { useState } from 'react';
import { Button, FieldError, Label, TextArea, TextField } from 'react-aria-components';
import { answer, api, messageOf } from '../../api/client';
import { formatDateTime } from '../../format/time';
import { useSession } from '../../session/session';
import { isOpen, useExchangeMutation, useMinutes, useKnownPeople, type Exchange } from './exchange-queries';
import { FormError } from '../../components/api-errors';
import { FormDialog } from '../../components/dialogs';
import { MinutesDiff } from './minutes-diff';
import { PersonName } from './participants-section';

/** The minutes: the current version, who approved it, drafting (a new version) and approval for my organisation; and the versions compared. */
export function MinutesSection({ exchange, timeZone }: { exchange: Exchange; timeZone: string }) {
  const { person } = useSession();
  const people = useKnownPeople(exchange);
  const query = useMinutes(exchange.id);
  const approve = useExchangeMutation(exchange.id, (version: number) =>
    answer(
      api.POST('/v1/exchanges/{id}/minutes/approve', {
        params: { path: { id: exchange.id } },
        body: { organization: person.organization, version },
      }),
    ),
  );
  const minutes = query.data;
  const canApprove =
    !!minutes && minutes.status === 'draft' && minutes.awaiting.includes(person.organization) && isOpen(exchange, 'approve-minutes');
  return (
    <section aria-labelledby="exchange-minutes">
      <div className="section-heading">
        <h2 id="exchange-minutes">Minutes</h2>
        {minutes && isOpen(exchange, 'draft-minutes') ? (
          <DraftMinutesDialog exchange={exchange} text={minutes.text} version={minutes.version} />
        ) : null}
      </div>
      {query.isPending ? <p className="status">Loading the minutes…</p> : null}
      {query.isError ? (
        <p role="alert" className="error-text">
          {messageOf(query.error)}
        </p>
      ) : null}
      {minutes && minutes.status === 'none' ? <p>No minutes drafted yet.</p> : null}
      {minutes && minutes.text !== null ? (
        <>
          <p className="hint">
            Version {minutes.version}
            {minutes.draftedAt ? (
              <>
                , drafted <time dateTime={minutes.draftedAt}>{formatDateTime(minutes.draftedAt, timeZone)}</time>
              </>
            ) : null}
            {minutes.draftedBy ? (
              <>
                {' '}
                by <PersonName id={minutes.draftedBy} people={people} />
              </>
            ) : null}
            {minutes.status === 'locked' ? ' · approved by every organisation, locked' : ''}
          </p>
          <div className="minutes-text">{minutes.text}</div>
          <p>
            {minutes.approvals.length > 0
              ? `Approved by ${minutes.approvals.map((a) => a.organization).join(', ')}`
              : 'Not approved by any organisation yet'}
            {minutes.awaiting.length > 0 ? `; awaiting ${minutes.awaiting.join(', ')}.` : '.'}
          </p>
          {canApprove ? (
            <Button className="button" isPending={approve.isPending} onPress={() => approve.mutate(minutes.version)}>
              Approve version {minutes.version} for {person.organization}
            </Button>
          ) : null}
          <FormError error={approve.error} />
          {minutes.versions.length > 1 ? <MinutesDiff key={minutes.version} versions={minutes.versions} /> : null}
        </>
      ) : null}
    </section>
  );
}

/** Write the minutes (`PUT …/minutes`), from the current version: a new version, which the organisations approve again. */
function DraftMinutesDialog({ exchange, text, version }: { exchange: Exchange; text: string | null; version: number }) {
  const [draft, setDraft] = useState('');
  const save = useExchangeMutation(exchange.id, (body: { text: string; baseVersion: number }) =>
    answer(api.PUT('/v1/exchanges/{id}/minutes', { params: { path: { id: exchange.id } }, body })),
  );
  return (
    <FormDialog
      label={version === 0 ? 'Draft minutes' : 'Edit minutes'}
      title={version === 0 ? 'Draft the minutes' : `Edit the minutes (version ${version})`}
      submitLabel={`Save as version ${version + 1}`}
      closeLabel="Close"
      onOpen={() => {
        setDraft(text ?? '');
        save.reset();
      }}
      submit={() => save.mutateAsync({ text: draft, baseVersion: version })}
    >
      <TextField className="field" name="text" value={draft} onChange={setDraft} isRequired maxLength={100_000}>
        <Label>Minutes</Label>
        <TextArea rows={12} />
        <FieldError className="error-text" />
      </TextField>
    </FormDialog>
  );
}
