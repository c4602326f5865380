import { useState, type ReactNode } from 'react';
import { Button, Dialog, DialogTrigger, Form, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { FormError, fieldErrors } from './api-errors';
import './dialogs.css';

/**
 * A modal dialog (react-aria: focus kept inside, Escape closes, focus back to what opened it) with
 * a heading; `isOpen`/`onOpenChange` make it controlled, else a `DialogTrigger` around it opens it.
 */
export function ModalDialog({
  isOpen,
  onOpenChange,
  title,
  children,
  role = 'dialog',
  isDismissable = true,
  wide,
}: {
  isOpen?: boolean;
  onOpenChange?: (open: boolean) => void;
  title: string;
  children: ReactNode;
  role?: 'dialog' | 'alertdialog';
  isDismissable?: boolean;
  wide?: boolean;
}) {
  return (
    <ModalOverlay className="modal-overlay" isOpen={isOpen} onOpenChange={onOpenChange} isDismissable={isDismissable}>
      <Modal className={wide ? 'modal modal--wide' : 'modal'}>
        <Dialog className="dialog" role={role}>
          <Heading slot="title" level={2} className="dialog__title">
            {title}
          </Heading>
          {children}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

/**
 * "Are you sure?" before a change that cannot be taken back: what it does (`children`), the
 * confirming button, and the API's message in the dialog when it refuses.
 */
export function ConfirmDialog({
  isOpen,
  onOpenChange,
  title,
  children,
  confirmLabel,
  onConfirm,
  isPending,
  error,
}: {
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  isPending: boolean;
  error: unknown;
}) {
  return (
    <ModalDialog isOpen={isOpen} onOpenChange={onOpenChange} title={title} role="alertdialog">
      {children}
      <FormError error={error} />
      <div className="dialog__actions">
        <Button className="button button--quiet" onPress={() => onOpenChange(false)}>
          Cancel
        </Button>
        <Button className="button button--danger" isDisabled={isPending} onPress={onConfirm}>
          {confirmLabel}
        </Button>
      </div>
    </ModalDialog>
  );
}

interface FormDialogProps {
  /** The button that opens it. */
  label: string;
  /** The opening button's classes (a quiet button, or a danger one with `danger`, when not given). */
  triggerClassName?: string;
  title: string;
  submitLabel: string;
  /** The button that closes it unsent ("Close" where "Cancel" would read as a step of its own). */
  closeLabel?: string;
  /**
   * Sends the form: the dialog closes when it resolves and shows the API's refusal when it rejects;
   * nothing (undefined) when there is nothing to send yet, the fields saying what is missing.
   */
  submit: () => Promise<unknown> | undefined;
  /** The form's fields, or a function of the API's problems per field of the last refusal giving them. */
  children?: ReactNode | ((problems: Record<string, string>) => ReactNode);
  /** A change that cannot be taken back: both buttons in the danger colour. */
  danger?: boolean;
  wide?: boolean;
  onOpen?: () => void;
}

/**
 * A button opening a modal dialog with a form: its fields (each told its problem, by `name` or by
 * `children`'s argument), the API's refusal, the submit button and Cancel; the dialog stays open,
 * with the API's message, when refused.
 */
export function FormDialog(props: FormDialogProps) {
  const { label, triggerClassName, title, submitLabel, closeLabel = 'Cancel', submit, children, danger, wide, onOpen } = props;
  const [isOpen, setOpen] = useState(false);
  const [error, setError] = useState<unknown>();
  const [pending, setPending] = useState(false);
  const open = (next: boolean) => {
    setOpen(next);
    if (next) {
      setError(undefined);
      onOpen?.();
    }
  };
  const send = async () => {
    const sent = submit();
    if (!sent) return;
    setPending(true);
    setError(undefined);
    try {
      await sent;
      setOpen(false);
    } catch (e) {
      setError(e);
    } finally {
      setPending(false);
    }
  };
  const problems = fieldErrors(error);
  return (
    <DialogTrigger isOpen={isOpen} onOpenChange={open}>
      <Button className={triggerClassName ?? (danger ? 'button button--danger' : 'button button--quiet')}>{label}</Button>
      <ModalDialog title={title} isDismissable={!pending} wide={wide}>
        <Form
          className="form"
          validationBehavior="aria"
          validationErrors={problems}
          onSubmit={(event) => {
            event.preventDefault();
            void send();
          }}
        >
          {typeof children === 'function' ? children(problems) : children}
          <FormError error={error} />
          <div className="form-actions">
            <Button type="submit" className={danger ? 'button button--danger' : 'button'} isDisabled={pending}>
              {pending ? 'Sending…' : submitLabel}
            </Button>
            <Button className="button button--quiet" slot="close" isDisabled={pending}>
              {closeLabel}
            </Button>
          </div>
        </Form>
      </ModalDialog>
    </DialogTrigger>
  );
}
