import { useState } from 'react';
import { Button, Input, Label, TextField } from 'react-aria-components';
import { messageOf } from '../../api/client';
import { formatDateTime } from '../../format/time';
import { CopyButton } from './copy-button';
import { ConfirmDialog } from '../../components/dialogs';
import { useCalendar, useRotateCalendar } from './profile-queries';

/**
 * My calendar subscription (`GET /v1/me/calendar`): its address, shown by the API only when it is
 * made (the first read, or a rotation), with "Copy"; "Rotate" for a new one, the old one stopping.
 */
export function CalendarSection({ timeZone }: { timeZone: string }) {
  const calendar = useCalendar();
  const rotate = useRotateCalendar();
  const [confirming, setConfirming] = useState(false);
  const onOpenChange = (open: boolean) => {
    setConfirming(open);
    if (!open) rotate.reset();
  };
  return (
    <section aria-labelledby="calendar-heading" className="panel">
      <h2 id="calendar-heading">Calendar subscription</h2>
      <p className="hint">Subscribe to this address in your calendar application to see your exchanges there.</p>
      {calendar.isPending ? <p className="status">Loading your calendar address…</p> : null}
      {calendar.isError ? (
        <p role="alert" className="error-text">
          {messageOf(calendar.error)}
        </p>
      ) : null}
      {calendar.data?.url ? (
        <div className="copy-row">
          <TextField className="field copy-row__field" value={calendar.data.url} isReadOnly>
            <Label>Calendar address</Label>
            <Input className="secret" />
          </TextField>
          <CopyButton text={calendar.data.url} label="the calendar address" />
        </div>
      ) : null}
      {calendar.data && !calendar.data.url ? (
        <p>
          Your address was made on {formatDateTime(calendar.data.createdAt, timeZone)}. Liaison shows it only once, when it is made: rotate
          it for a new one.
        </p>
      ) : null}
      {calendar.data ? (
        <Button className="button button--quiet" onPress={() => setConfirming(true)}>
          Rotate
        </Button>
      ) : null}
      <ConfirmDialog
        isOpen={confirming}
        onOpenChange={onOpenChange}
        title="Rotate your calendar address?"
        confirmLabel="Rotate address"
        isPending={rotate.isPending}
        error={rotate.error}
        onConfirm={() => rotate.mutate(undefined, { onSuccess: () => setConfirming(false) })}
      >
        <p>
          Liaison makes a new address. The old one stops working at once: calendars subscribed to it stop updating until you subscribe them
          to the new one.
        </p>
      </ConfirmDialog>
    </section>
  );
}
