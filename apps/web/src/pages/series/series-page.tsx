import { useParams, Link } from 'react-router';
import { messageOf } from '../../api/client';
import { cityOf, formatDateTime, formatTime, zoneName } from '../../format/time';
import { useDocumentTitle } from '../../navigation/document-title';
import { useSession } from '../../session/session';
import { Occurrences } from './occurrences';
import { ruleInWords } from './rule-in-words';
import { SeriesActions } from './series-actions';
import { useSeries, type Series } from './series-queries';
import './pages.css';

/** One series (`/series/:id`): its rule in words, what each occurrence gets, its next starts and occurrences, and what may be done with it. */
export default function SeriesPage() {
  const { id = '' } = useParams();
  const series = useSeries(id);
  useDocumentTitle(series.data?.title ?? 'Series');
  if (series.isPending) return <p className="status">Loading the series…</p>;
  if (series.isError) {
    return (
      <>
        <h1>Series</h1>
        <p role="alert" className="error-text">
          {messageOf(series.error)}
        </p>
      </>
    );
  }
  return <SeriesView series={series.data} />;
}

function SeriesView({ series }: { series: Series }) {
  const { person } = useSession();
  return (
    <>
      <p>
        <Link to="/series">All series</Link>
      </p>
      <div className="page-heading">
        <h1>{series.title}</h1>
        <span className="tag">{series.status}</span>
      </div>
      {series.marking === 'RESTRICTED' ? (
        <p className="marking-banner" role="note">
          RESTRICTED
        </p>
      ) : null}
      <p className="rule-words">{ruleInWords(series)}</p>
      <SeriesActions series={series} />
      <div className="two-columns">
        <section aria-labelledby="occurrences-heading">
          <h2 id="occurrences-heading">Occurrences</h2>
          <Occurrences series={series} timeZone={person.timezone} />
        </section>
        <section aria-labelledby="about-heading" className="panel">
          <h2 id="about-heading">About the series</h2>
          <dl className="facts">
            <dt>Level</dt>
            <dd>{series.level === 'senior' ? 'Senior level' : 'Working level'}</dd>
            <dt>Organisations</dt>
            <dd>{series.organizations.join(', ')}</dd>
            <dt>Hosts, in turn</dt>
            <dd>{series.hostRotation.join(', ')}</dd>
            <dt>Areas</dt>
            <dd>{series.areas.join(', ')}</dd>
            <dt>Duration</dt>
            <dd>{series.durationMinutes} minutes</dd>
            <dt>Location</dt>
            <dd>{series.location ?? 'Not set'}</dd>
            <dt>First start</dt>
            <dd>
              {series.dtstart.replace('T', ' ')} {cityOf(series.timezone)} time
            </dd>
            <dt>Rule</dt>
            <dd className="code">{series.rrule}</dd>
            {series.exdates.length > 0 ? (
              <>
                <dt>Left out</dt>
                <dd>{series.exdates.join(', ')}</dd>
              </>
            ) : null}
            <dt>Made ahead</dt>
            <dd>{series.horizon} occurrences</dd>
            <dt>Revision</dt>
            <dd>{series.revision}</dd>
          </dl>
          <h3>Next starts</h3>
          {series.upcoming.length === 0 ? <p>None.</p> : null}
          <ol className="plain-list">
            {series.upcoming.map((start) => (
              <li key={start}>
                <time dateTime={start}>{formatDateTime(start, person.timezone)}</time> {zoneName(start, person.timezone)}
                {formatTime(start, person.timezone) !== formatTime(start, series.timezone) ? (
                  <span className="hint">
                    {' '}
                    · {formatTime(start, series.timezone)} {cityOf(series.timezone)} time
                  </span>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      </div>
    </>
  );
}
