import { Button, Input, Label, TextField } from 'react-aria-components';
import { formatDateTime } from '../../format/time';
import { CopyButton } from './copy-button';
import { ModalDialog } from '../../components/dialogs';

/** What the API answered with a secret in it: the bearer token and when it stops working. */
export interface Secret {
  token: string;
  expiresAt: string;
}

/**
 * A bearer token the API shows once: in a read-only field with "Copy", when it expires, and
 * `warning` (the earlier tokens revoked, say). Closing it forgets the token: it is never shown again.
 */
export function SecretDialog({
  secret,
  title,
  warning,
  timeZone,
  onClose,
}: {
  secret: Secret | undefined;
  title: string;
  warning?: string;
  timeZone: string;
  onClose: () => void;
}) {
  return (
    <ModalDialog isOpen={secret !== undefined} onOpenChange={(open) => (open ? undefined : onClose())} title={title} isDismissable={false}>
      {secret ? (
        <>
          <p className="notice">
            <strong>Copy it now: Liaison shows it only once.</strong> It works until {formatDateTime(secret.expiresAt, timeZone)}.
          </p>
          {warning ? <p className="notice notice--warning">{warning}</p> : null}
          <TextField className="field" value={secret.token} isReadOnly>
            <Label>API token</Label>
            <Input className="secret" />
          </TextField>
          <div className="dialog__actions">
            <CopyButton text={secret.token} label="the API token" />
            <Button className="button" onPress={onClose}>
              Done
            </Button>
          </div>
        </>
      ) : null}
    </ModalDialog>
  );
}
