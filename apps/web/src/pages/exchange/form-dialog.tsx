import { useState, type ReactNode } from 'react';
import { Button, Dialog, DialogTrigger, Form, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { ApiError, messageOf } from '../../api/client';

/** The bad fields of a refusal (`details: [{ field, problems }]`), by field name, for the form to show beside each. */
export function fieldErrors(error: unknown): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return errors;
  for (const entry of error.details as Array<{ field?: unknown; problems?: unknown }>) {
    if (typeof entry?.field !== 'string') continue;
    const field = entry.field.split(/[.[]/)[0];
    const problems = Array.isArray(entry.problems) ? entry.problems.join('; ') : 'is not valid';
    errors[field] = errors[field] ? `${errors[field]}; ${problems}` : problems;
  }
  return errors;
}

/** The API's refusal, said where the person is looking. */
export function ErrorText({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p role="alert" className="error-text">
      {messageOf(error)}
    </p>
  );
}

interface FormDialogProps {
  /** The button that opens the dialog. */
  trigger: string;
  triggerClassName?: string;
  title: string;
  submit: string;
  /** Sends the form; resolves when the API has taken it (the dialog closes), rejects with its refusal (shown in the dialog). */
  onSubmit: () => Promise<unknown>;
  pending: boolean;
  error: unknown;
  onOpen?: () => void;
  children: ReactNode;
}

/** A button that opens a modal dialog holding a form: the fields, the API's refusal, Cancel and the submit button. */
export function FormDialog({ trigger, triggerClassName, title, submit, onSubmit, pending, error, onOpen, children }: FormDialogProps) {
  const [open, setOpen] = useState(false);
  return (
    <DialogTrigger
      isOpen={open}
      onOpenChange={(next) => {
        if (next) onOpen?.();
        setOpen(next);
      }}
    >
      <Button className={triggerClassName ?? 'button button--quiet'}>{trigger}</Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            <Heading slot="title" level={2}>
              {title}
            </Heading>
            <Form
              className="form"
              validationBehavior="aria"
              validationErrors={fieldErrors(error)}
              onSubmit={(event) => {
                event.preventDefault();
                onSubmit().then(
                  () => setOpen(false),
                  () => undefined,
                );
              }}
            >
              {children}
              <ErrorText error={error} />
              <div className="dialog__buttons">
                <Button type="submit" className="button" isPending={pending}>
                  {submit}
                </Button>
                <Button className="button button--quiet" slot="close">
                  Close
                </Button>
              </div>
            </Form>
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
