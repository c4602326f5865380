import { useState, type FormEvent, type ReactNode } from 'react';
import { Button, Dialog, DialogTrigger, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { FormError, problemsOf } from './fields';

interface Props {
  /** The button that opens it. */
  label: string;
  title: string;
  submitLabel: string;
  /** Sends the form; the dialog closes when it resolves, and shows the API's refusal when it rejects. */
  submit: () => Promise<unknown>;
  /** The form's fields, given the API's problems per field of the last refusal. */
  children?: (problems: Record<string, string>) => ReactNode;
  tone?: 'danger' | 'quiet';
  triggerTone?: 'danger' | 'quiet';
  wide?: boolean;
  onOpen?: () => void;
}

/** A button opening a modal dialog with a form: Cancel, or send it; the dialog stays open, with the API's message, when refused. */
export function FormDialog({ label, title, submitLabel, submit, children, tone, triggerTone = 'quiet', wide, onOpen }: Props) {
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
  const send = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      await submit();
      setOpen(false);
    } catch (e) {
      setError(e);
    } finally {
      setPending(false);
    }
  };
  return (
    <DialogTrigger isOpen={isOpen} onOpenChange={open}>
      <Button className={`button ${triggerTone === 'danger' ? 'button--danger' : 'button--quiet'}`}>{label}</Button>
      <ModalOverlay className="modal-overlay" isDismissable={!pending}>
        <Modal className={wide ? 'modal modal--wide' : 'modal'}>
          <Dialog className="dialog">
            {({ close }) => (
              <form className="form" onSubmit={(e) => void send(e)} noValidate>
                <Heading slot="title">{title}</Heading>
                {children?.(problemsOf(error))}
                <FormError error={error} />
                <div className="form-actions">
                  <Button type="submit" className={`button${tone === 'danger' ? ' button--danger' : ''}`} isDisabled={pending}>
                    {pending ? 'Sending…' : submitLabel}
                  </Button>
                  <Button className="button button--quiet" onPress={close} isDisabled={pending}>
                    Cancel
                  </Button>
                </div>
              </form>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}
