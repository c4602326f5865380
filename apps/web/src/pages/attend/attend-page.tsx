import { useMutation, useQuery } from '@tanstack/react-query';
import { Button } from 'react-aria-components';
import { useSearchParams } from 'react-router';
import { answer, api, messageOf } from '../../api/client';
import { ATTENDANCE_LABELS } from '../../api/vocabulary';
import { formatDateTime } from '../../format/time';
import { useDocumentTitle } from '../../navigation/document-title';

type LinkAnswer = 'accepted' | 'tentative' | 'declined';
const BUTTONS: Record<LinkAnswer, string> = {
  accepted: 'Yes, I will attend',
  tentative: 'I may attend',
  declined: 'No, I will not attend',
};
const isLinkAnswer = (value: string | null): value is LinkAnswer => value !== null && value in BUTTONS;

/**
 * Where an attendance link of an invitation e-mail lands (`/attend?token=…&answer=…`), without
 * sign-in. Opening it changes nothing (`GET /v1/attendance/link`: mail scanners open every link);
 * the one button posts the answer (`POST /v1/attendance/link`).
 */
export default function AttendPage() {
  useDocumentTitle('Attendance');
  const [params] = useSearchParams();
  const token = params.get('token');
  const wanted = params.get('answer');
  const link = useQuery({
    enabled: Boolean(token),
    queryKey: ['attendance-link', token],
    queryFn: () => answer(api.GET('/v1/attendance/link', { params: { query: { token: token ?? '' } } })),
    retry: false,
  });
  const send = useMutation({
    mutationFn: (choice: LinkAnswer) => answer(api.POST('/v1/attendance/link', { body: { token: token ?? '', answer: choice } })),
  });

  if (!token || !isLinkAnswer(wanted)) {
    return (
      <section className="narrow">
        <h1>This attendance link is incomplete</h1>
        <p>Open the whole link from the invitation e-mail, or answer on the exchange’s page once signed in.</p>
      </section>
    );
  }
  if (link.isPending) return <p className="status">Loading…</p>;
  if (link.isError) {
    return (
      <section className="narrow">
        <h1>This attendance link cannot be used</h1>
        <p role="alert" className="error-text">
          {messageOf(link.error)}
        </p>
      </section>
    );
  }
  const about = send.data ?? link.data;
  const zone = about.timezone;
  return (
    <section className="narrow">
      <h1>Will you attend?</h1>
      <p>
        For <strong>{about.personName}</strong>: {about.title ?? 'a RESTRICTED exchange'}, from{' '}
        <time dateTime={about.startsAt}>{formatDateTime(about.startsAt, zone)}</time> to{' '}
        <time dateTime={about.endsAt}>{formatDateTime(about.endsAt, zone)}</time> ({zone}).
      </p>
      <p role="status">
        Your answer now: <strong>{ATTENDANCE_LABELS[about.attendance]}</strong>
      </p>
      {send.isError ? (
        <p role="alert" className="error-text">
          {messageOf(send.error)}
        </p>
      ) : null}
      {send.isSuccess ? (
        <p>Thank you: your answer is recorded. You can close this page.</p>
      ) : (
        <Button className="button" isDisabled={send.isPending} onPress={() => send.mutate(wanted)}>
          {BUTTONS[wanted]}
        </Button>
      )}
    </section>
  );
}
