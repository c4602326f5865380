import { formatDateTime } from '../../format/time';
import { statusWords, type SupportRequest, type TimelineEntry } from './support-queries';

const KINDS: Record<string, string> = {
  submit: 'Submitted',
  acknowledge: 'Acknowledged',
  'request-information': 'Asked for information',
  'provide-information': 'Provided information',
  recommend: 'Recommended',
  decide: 'Decided',
  'start-delivery': 'Started delivery',
  deliver: 'Delivered',
  close: 'Closed',
  withdraw: 'Withdrew',
  message: 'Wrote',
  raise: 'Raised it at an exchange',
  'deadline.reminder': 'Deadline reminder sent',
  'deadline.breach': 'Deadline missed',
  'deadline.escalation': 'Deadline escalated to the senior level',
};

/**
 * Who an actor is, as far as this page can tell: `You`, a name the API let me list, their part on
 * the request (the requester, the assignee…), Liaison itself, or the admin token.
 */
export function actorName(entry: Pick<TimelineEntry, 'actor'>, request: SupportRequest, me: string, names: Map<string, string>): string {
  const { type, id } = entry.actor;
  if (type === 'system') return 'Liaison';
  if (type === 'admin-token' || !id) return 'An administrator';
  if (id === me) return 'You';
  const name = names.get(id);
  if (name) return name;
  if (id === request.submittedBy) return 'The requester';
  if (id === request.assigneeId) return 'The assignee';
  if (id === request.recommendation?.by) return 'The recommender';
  if (id === request.decision?.by) return 'The decider';
  return `Someone (${id.slice(0, 8)})`;
}

interface Props {
  request: SupportRequest;
  timeZone: string;
  me: string;
  names: Map<string, string>;
}

/** The request's timeline, oldest first: when, who, what (with the status it moved from and to) and the text. */
export function RequestTimeline({ request, timeZone, me, names }: Props) {
  const entries = request.timeline ?? [];
  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Timeline</h2>
      {entries.length === 0 ? <p>Nothing yet.</p> : null}
      <ol className="timeline">
        {entries.map((entry) => (
          <li key={entry.id} className={`timeline__entry timeline__entry--${entry.kind.replace('.', '-')}`}>
            <p className="timeline__head">
              <strong>{actorName(entry, request, me, names)}</strong> · {KINDS[entry.kind] ?? entry.kind}
              {entry.fromStatus !== entry.toStatus && entry.toStatus ? (
                <span className="timeline__status">
                  {' '}
                  · {entry.fromStatus ? `${statusWords(entry.fromStatus)} → ` : ''}
                  {statusWords(entry.toStatus)}
                </span>
              ) : null}
              {entry.kind === 'decide' || entry.kind === 'recommend' ? <DecisionWord details={entry.details} /> : null}
            </p>
            <p className="hint">
              <time dateTime={entry.at}>{formatDateTime(entry.at, timeZone)}</time>
            </p>
            {entry.body ? <p className="timeline__body">{entry.body}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

function DecisionWord({ details }: { details: TimelineEntry['details'] }) {
  const word = details?.decision ?? details?.recommendation;
  return typeof word === 'string' ? <span>: {word}</span> : null;
}
