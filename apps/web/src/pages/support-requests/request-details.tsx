import { cityOf, formatDateTime, formatTime } from '../../format/time';
import { statusWords, type SupportRequest } from './support-queries';
import { deadlineStanding } from './time-left';

/** What the request asks, between whom, and where it stands. */
export function RequestDetails({ request, who }: { request: SupportRequest; who: (id: string | null) => string }) {
  return (
    <section aria-labelledby="details-heading" className="panel">
      <h2 id="details-heading">Details</h2>
      <p className="request-description">{request.description}</p>
      <dl className="facts">
        <dt>Status</dt>
        <dd>{statusWords(request.status)}</dd>
        <dt>Requesting</dt>
        <dd>
          {request.requestingOrganization}, {request.requestingUnit}
        </dd>
        <dt>Providing</dt>
        <dd>{request.providingOrganization}</dd>
        <dt>Cooperation area</dt>
        <dd>{request.area}</dd>
        <dt>A4P area</dt>
        <dd>{request.a4pArea}</dd>
        <dt>Priority</dt>
        <dd>{request.priority}</dd>
        <dt>Needed by</dt>
        <dd>{request.neededBy}</dd>
        <dt>Submitted by</dt>
        <dd>{who(request.submittedBy)}</dd>
        <dt>Assignee</dt>
        <dd>{request.assigneeId ? who(request.assigneeId) : 'Nobody yet'}</dd>
        {request.recommendation ? (
          <>
            <dt>Recommendation</dt>
            <dd>
              {request.recommendation.recommendation}, by {who(request.recommendation.by)}
              {request.recommendation.rationale ? `: ${request.recommendation.rationale}` : ''}
            </dd>
          </>
        ) : null}
        {request.decision ? (
          <>
            <dt>Decision</dt>
            <dd>
              {request.decision.decision}, by {who(request.decision.by)}
              {request.decision.rationale ? `: ${request.decision.rationale}` : ''}
            </dd>
          </>
        ) : null}
        {request.deliverySummary ? (
          <>
            <dt>Delivered</dt>
            <dd>{request.deliverySummary}</dd>
          </>
        ) : null}
        {request.links.length > 0 ? (
          <>
            <dt>Attachments</dt>
            <dd>
              <ul className="plain-list">
                {request.links.map((link) => (
                  <li key={link}>
                    <a href={link} rel="noreferrer noopener" target="_blank">
                      {link}
                    </a>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

/**
 * The service levels: each deadline's due time in my zone (and the providing organisation's local
 * time, `providerZone`), and where it stands: the working time left on that organisation's
 * calendar, as the API counts it.
 */
export function RequestDeadlines({
  request,
  timeZone,
  providerZone,
}: {
  request: SupportRequest;
  timeZone: string;
  providerZone?: string;
}) {
  return (
    <section aria-labelledby="deadlines-heading" className="panel">
      <h2 id="deadlines-heading">Deadlines</h2>
      {request.deadlines.length === 0 ? <p>None running.</p> : null}
      <ul className="plain-list">
        {request.deadlines.map((deadline) => (
          <li key={deadline.kind}>
            <strong>{deadline.kind === 'acknowledge' ? 'Acknowledgement' : 'Decision'}</strong>: {deadlineStanding(deadline)}
            {deadline.breached ? <span className="tag tag--breached"> breached</span> : null}
            <br />
            <span className="hint">
              due <time dateTime={deadline.dueAt}>{formatDateTime(deadline.dueAt, timeZone)}</time>
              {providerZone && formatTime(deadline.dueAt, providerZone) !== formatTime(deadline.dueAt, timeZone)
                ? ` (${formatTime(deadline.dueAt, providerZone)} ${cityOf(providerZone)} time)`
                : ''}
              {deadline.metAt ? `; met ${formatDateTime(deadline.metAt, timeZone)}` : ''}
            </span>
          </li>
        ))}
      </ul>
      <p className="hint">
        {`Time left is working time on ${request.providingOrganization}’s calendar: whole days, without its weekend days and holidays.`}
      </p>
    </section>
  );
}
