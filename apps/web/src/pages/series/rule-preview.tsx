import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { answer, api, messageOf } from '../../api/client';
import { cityOf, formatDateTime, formatTime, zoneName } from '../../format/time';

const COUNT = 6;

/** `value`, once it has stayed the same for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

interface Props {
  rrule: string;
  dtstart: string;
  timezone: string;
  /** The reader's zone (the session's person). */
  readerZone: string;
}

/**
 * The rule's next dates from `POST /v1/series/preview`, asked ~300 ms after the last change: each in
 * the reader's zone, with the series' local time beside it when that reads differently.
 */
export function RulePreview(props: Props) {
  const { rrule, dtstart, timezone } = useDebounced({ rrule: props.rrule, dtstart: props.dtstart, timezone: props.timezone }, 300);
  const complete = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(dtstart) && timezone !== '';
  const preview = useQuery({
    queryKey: ['series-preview', rrule, dtstart, timezone],
    queryFn: () => answer(api.POST('/v1/series/preview', { body: { rrule, dtstart, timezone, count: COUNT } })),
    enabled: complete,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
  return (
    <section className="panel preview-panel" aria-labelledby="preview-heading" aria-busy={preview.isFetching}>
      <h2 id="preview-heading">Next dates</h2>
      <p className="hint">In your time zone, {props.readerZone}.</p>
      {!complete ? <p className="status">Choose a first date, a time and a time zone.</p> : null}
      {complete && preview.isPending ? <p className="status">Working out the dates…</p> : null}
      {preview.isError ? (
        <p className="error-text" aria-live="polite">
          {messageOf(preview.error)}
        </p>
      ) : null}
      {preview.data && !preview.isError ? (
        <ol className="plain-list preview-list" aria-live="polite">
          {preview.data.starts.map((start) => (
            <li key={start}>
              <time dateTime={start}>{formatDateTime(start, props.readerZone)}</time> {zoneName(start, props.readerZone)}
              {formatTime(start, props.readerZone) !== formatTime(start, preview.data.timezone) ||
              zoneName(start, props.readerZone) !== zoneName(start, preview.data.timezone) ? (
                <span className="hint">
                  {' '}
                  · {formatTime(start, preview.data.timezone)} {cityOf(preview.data.timezone)} time
                </span>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
      {preview.data?.starts.length === 0 ? <p>The rule gives no date.</p> : null}
    </section>
  );
}
