import { useState } from 'react';
import { Button } from 'react-aria-components';
import { messageOf } from '../../api/client';
import { useDocumentTitle } from '../../navigation/document-title';
import { useSession } from '../../session/session';
import { ConfirmDialog } from '../../components/dialogs';
import { SecretDialog } from '../profile/secret-dialog';
import { AddPersonDialog } from './add-person-dialog';
import { usePeople, useSetActive, type Person } from './people-queries';
import { PersonRow } from './person-row';
import '../../components/fields.css';
import '../profile/controls.css';
import '../profile/panels.css';

/**
 * The people of my organisation (`/people`) as the API lists them to me, with "Add person",
 * "Deactivate" and "Reactivate"; the API decides who may, and its refusal is shown as it says it.
 */
export default function PeoplePage() {
  useDocumentTitle('People');
  const { person: me } = useSession();
  const people = usePeople();
  const setActive = useSetActive();
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<{ name: string; token: string; expiresAt: string }>();
  const [toggling, setToggling] = useState<Person>();
  const list = people.data?.pages.flatMap((page) => page.items) ?? [];
  const closeToggle = (open: boolean) => {
    if (open) return;
    setToggling(undefined);
    setActive.reset();
  };
  return (
    <>
      <div className="page-heading">
        <h1>People</h1>
        <Button className="button" onPress={() => setAdding(true)}>
          Add person
        </Button>
      </div>
      {people.isPending ? <p className="status">Loading the people…</p> : null}
      {people.isLoadingError ? (
        <p role="alert" className="error-text">
          {messageOf(people.error)}
        </p>
      ) : null}
      {people.isSuccess && list.length === 0 ? <p>Nobody to show.</p> : null}
      <ul className="rows">
        {list.map((person) => (
          <li key={person.id}>
            <PersonRow person={person} timeZone={me.timezone} onToggle={() => setToggling(person)} />
          </li>
        ))}
      </ul>
      {people.hasNextPage ? (
        <Button className="button button--quiet" isDisabled={people.isFetchingNextPage} onPress={() => void people.fetchNextPage()}>
          {people.isFetchingNextPage ? 'Loading more…' : 'Load more'}
        </Button>
      ) : null}
      {people.isFetchNextPageError ? (
        <p role="alert" className="error-text">
          {messageOf(people.error)}
        </p>
      ) : null}
      <AddPersonDialog
        isOpen={adding}
        onOpenChange={setAdding}
        organization={me.organization}
        timeZone={me.timezone}
        onAdded={(person) => setAdded({ name: person.name, token: person.token, expiresAt: person.tokenExpiresAt })}
      />
      <SecretDialog
        secret={added}
        title={added ? `${added.name} is added: their API token` : 'API token'}
        warning="They can also sign in to the web app with their e-mail address; give them this token only if they need the API."
        timeZone={me.timezone}
        onClose={() => setAdded(undefined)}
      />
      <ConfirmDialog
        isOpen={toggling !== undefined}
        onOpenChange={closeToggle}
        title={toggling?.active ? `Deactivate ${toggling.name}?` : `Reactivate ${toggling?.name ?? ''}?`}
        confirmLabel={toggling?.active ? 'Deactivate' : 'Reactivate'}
        isPending={setActive.isPending}
        error={setActive.error}
        onConfirm={() =>
          toggling && setActive.mutate({ id: toggling.id, active: !toggling.active }, { onSuccess: () => closeToggle(false) })
        }
      >
        {toggling?.active ? (
          <p>Liaison stops their access, tokens, calendar feed, webhook and reminders at once, until they are reactivated.</p>
        ) : (
          <p>Their access comes back, and their unexpired tokens and calendar feed work again.</p>
        )}
      </ConfirmDialog>
    </>
  );
}
