import { formatDateTime } from '../../format/time';
import { isOpen, useReminders, useKnownPeople, type Exchange } from './exchange-queries';
import { PersonName } from './participants-section';

/** The reminder rows (`GET …/reminders`) for those the API shows them to; nothing when it refuses. */
export function RemindersSection({ exchange, timeZone }: { exchange: Exchange; timeZone: string }) {
  const offered = isOpen(exchange, 'view-reminders');
  const query = useReminders(exchange.id, offered);
  const people = useKnownPeople(exchange);
  if (!offered || !query.data) return null;
  const rows = query.data.items;
  return (
    <section aria-labelledby="exchange-reminders">
      <h2 id="exchange-reminders">Reminders</h2>
      {rows.length === 0 ? <p>No reminders planned.</p> : null}
      {rows.length > 0 ? (
        <div className="table-scroll" role="region" aria-labelledby="exchange-reminders" tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Due</th>
                <th scope="col">Kind</th>
                <th scope="col">To</th>
                <th scope="col">Channel</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <time dateTime={row.dueAt}>{formatDateTime(row.dueAt, timeZone)}</time>
                  </td>
                  <td>
                    {row.kind}
                    {row.kind === 'exchange' ? ` (${row.offset})` : ''}
                  </td>
                  <td>
                    <PersonName id={row.personId} people={people} />
                  </td>
                  <td>{row.channel}</td>
                  <td>
                    {row.status}
                    {row.lastError ? `: ${row.lastError}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
