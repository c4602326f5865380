import { Link } from 'react-router';
import { messageOf } from '../../api/client';
import { formatDay } from '../../format/time';
import { useWeekExchanges } from './agenda-queries';
import { ExchangeSummary } from './exchange-summary';
import { byDay, startOfDay, type Week } from './week';

/** The week, Monday to Sunday in the reader's zone, a column per day (a list of days on a narrow screen). */
export function WeekGrid({ week, timeZone }: { week: Week; timeZone: string }) {
  const query = useWeekExchanges(week);
  const first = formatDay(week.from, timeZone);
  const last = formatDay(startOfDay(week.days[6], timeZone), timeZone);
  const weekLink = (days: number) => `?view=week&week=${week.start.add({ days }).toString()}`;
  return (
    <>
      <div className="week-nav">
        <h2 className="week-nav__title">
          Week of {first} – {last}
        </h2>
        <nav aria-label="Weeks" className="week-nav__links">
          <Link className="button button--quiet" to={weekLink(-7)}>
            Previous week
          </Link>
          <Link className="button button--quiet" to="?view=week">
            This week
          </Link>
          <Link className="button button--quiet" to={weekLink(7)}>
            Next week
          </Link>
        </nav>
      </div>
      {query.isPending ? <p className="status">Loading the week…</p> : null}
      {query.isError ? (
        <p role="alert" className="error-text">
          {messageOf(query.error)}
        </p>
      ) : null}
      {query.isSuccess ? (
        <ol className="week-grid">
          {byDay(week, query.data, timeZone).map(({ day, items }) => (
            <li key={day.toString()} className="week-grid__day">
              <h3 className="week-grid__date">{formatDay(startOfDay(day, timeZone), timeZone)}</h3>
              {items.length === 0 ? <p className="week-grid__empty">Nothing</p> : null}
              <ul className="exchange-list">
                {items.map((exchange) => (
                  <li key={exchange.id}>
                    <ExchangeSummary exchange={exchange} timeZone={timeZone} withDate={false} />
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      ) : null}
    </>
  );
}
