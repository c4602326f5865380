import type { ReactNode } from 'react';
import { Button, Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { messageOf } from '../../api/client';

/**
 * A modal dialog (react-aria: focus kept inside, Escape closes, focus back to what opened it) with
 * a heading; `isOpen`/`onOpenChange` make it controlled.
 */
export function ModalDialog({
  isOpen,
  onOpenChange,
  title,
  children,
  role = 'dialog',
  isDismissable = true,
}: {
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  children: ReactNode;
  role?: 'dialog' | 'alertdialog';
  isDismissable?: boolean;
}) {
  return (
    <ModalOverlay className="modal-overlay" isOpen={isOpen} onOpenChange={onOpenChange} isDismissable={isDismissable}>
      <Modal className="modal">
        <Dialog className="dialog" role={role}>
          <Heading slot="title" className="dialog__title">
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
      {error ? (
        <p role="alert" className="error-text">
          {messageOf(error)}
        </p>
      ) : null}
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
