import { parseAbsolute, toCalendarDate, toTime, type CalendarDate, type Time } from '@internationalized/date';
import { useState } from 'react';
import { FieldError, Label, TextArea, TextField } from 'react-aria-components';
import { answer, api } from '../../api/client';
import { DateTimeFields, instantOf } from '../../components/dates';
import { useExchangeMutation, type Exchange } from './exchange-queries';
import { FormDialog } from '../../components/dialogs';

function Reason({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  return (
    <TextField className="field" name="reason" value={value} onChange={onChange} isRequired maxLength={1000}>
      <Label>Reason</Label>
      <TextArea rows={3} />
      <FieldError className="error-text" />
    </TextField>
  );
}

/** Move the exchange (`POST …/reschedule`): a new start, read in the reader's zone, and a reason. */
export function RescheduleDialog({ exchange, timeZone }: { exchange: Exchange; timeZone: string }) {
  const [date, setDate] = useState<CalendarDate | null>(null);
  const [time, setTime] = useState<Time | null>(null);
  const [reason, setReason] = useState('');
  const reschedule = useExchangeMutation(exchange.id, (body: { startsAt: string; reason: string }) =>
    answer(api.POST('/v1/exchanges/{id}/reschedule', { params: { path: { id: exchange.id } }, body })),
  );
  return (
    <FormDialog
      label="Reschedule"
      title="Reschedule the exchange"
      submitLabel="Reschedule"
      closeLabel="Close"
      onOpen={() => {
        const start = parseAbsolute(exchange.startsAt, timeZone);
        setDate(toCalendarDate(start));
        setTime(toTime(start));
        setReason('');
        reschedule.reset();
      }}
      submit={() => {
        const startsAt = instantOf(date, time, timeZone);
        if (!startsAt) return undefined;
        return reschedule.mutateAsync({ startsAt, reason: reason.trim() });
      }}
    >
      <DateTimeFields
        name="startsAt"
        date={date}
        time={time}
        onDateChange={setDate}
        onTimeChange={setTime}
        dateLabel="New date"
        timeLabel="New time"
        description={`In your time zone, ${timeZone}.`}
      />
      <Reason value={reason} onChange={setReason} />
    </FormDialog>
  );
}

/** Cancel the exchange (`POST …/cancel`) with a reason. */
export function CancelDialog({ exchange }: { exchange: Exchange }) {
  const [reason, setReason] = useState('');
  const cancel = useExchangeMutation(exchange.id, (body: { reason: string }) =>
    answer(api.POST('/v1/exchanges/{id}/cancel', { params: { path: { id: exchange.id } }, body })),
  );
  return (
    <FormDialog
      label="Cancel exchange"
      title="Cancel the exchange"
      submitLabel="Cancel exchange"
      closeLabel="Close"
      onOpen={() => {
        setReason('');
        cancel.reset();
      }}
      submit={() => cancel.mutateAsync({ reason: reason.trim() })}
    >
      <p>Every participant is told, and the reminders still to come are not sent.</p>
      <Reason value={reason} onChange={setReason} />
    </FormDialog>
  );
}
