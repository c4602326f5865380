import { Button } from 'react-aria-components';
import { formatDateTime } from '../../format/time';
import type { Person } from './people-queries';

/** One person: name, e-mail, level, roles, active or since when deactivated, and "Deactivate" or "Reactivate". */
export function PersonRow({ person, timeZone, onToggle }: { person: Person; timeZone: string; onToggle: () => void }) {
  return (
    <article className="row">
      <div className="row__main">
        <h2 className="person__name">
          {person.name} <span className={person.active ? 'tag tag--strong' : 'tag'}>{person.active ? 'Active' : 'Deactivated'}</span>
        </h2>
        <p>
          <a href={`mailto:${person.email}`}>{person.email}</a>
        </p>
        <p className="row__meta">
          {person.organization} · {person.level} level · {person.roles.join(', ')} · {person.timezone}
          {person.deactivatedAt ? ` · deactivated ${formatDateTime(person.deactivatedAt, timeZone)}` : ''}
        </p>
      </div>
      <Button
        className="button button--quiet"
        aria-label={`${person.active ? 'Deactivate' : 'Reactivate'} ${person.name}`}
        onPress={onToggle}
      >
        {person.active ? 'Deactivate' : 'Reactivate'}
      </Button>
    </article>
  );
}
