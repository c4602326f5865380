import { ATTENDANCE_LABELS } from '../../api/vocabulary';
import { useSession } from '../../session/session';
import type { Exchange, NamedPerson } from './exchange-queries';

/** A person by the name the reader may see, or by the id the API gives when it does not show them the person. */
export function PersonName({ id, people }: { id: string; people?: Map<string, NamedPerson> }) {
  const { person: me } = useSession();
  const person = people?.get(id) ?? (me.id === id ? me : undefined);
  if (!person) return <span className="person-id">{id}</span>;
  return (
    <span>
      {person.name} <span className="facts__aside">({person.organization})</span>
    </span>
  );
}

const nameOf = (exchange: Exchange, id: string) => exchange.participants.find((p) => p.id === id)?.name ?? 'a colleague';

/**
 * The participants, by name and organisation, as the exchange's answer gives them, with each one's
 * attendance where the API shows it (to the coordinators of the exchange's organisations, and to
 * each participant their own).
 */
export function ParticipantsSection({ exchange }: { exchange: Exchange }) {
  return (
    <section aria-labelledby="exchange-participants">
      <h2 id="exchange-participants">Participants</h2>
      {exchange.participants.length === 0 ? <p>No participants are named.</p> : null}
      <ul className="plain-list">
        {exchange.participants.map((participant) => (
          <li key={participant.id}>
            {participant.name} <span className="facts__aside">({participant.organization})</span>
            {participant.attendance ? (
              <span className="attendance">
                {' '}
                ·{' '}
                {participant.delegatedTo
                  ? `delegated to ${nameOf(exchange, participant.delegatedTo)}`
                  : ATTENDANCE_LABELS[participant.attendance]}
                {participant.delegatedFrom ? <> (in place of {nameOf(exchange, participant.delegatedFrom)})</> : null}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
