import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from 'react-aria-components';
import { Link, useParams } from 'react-router';
import { answer, api, messageOf } from '../../api/client';
import { useDocumentTitle } from '../../navigation/document-title';
import { useSession } from '../../session/session';
import { fieldErrors, FormError } from '../../components/api-errors';
import { TextInput } from '../../components/fields';
import { RequestDeadlines, RequestDetails } from './request-details';
import { RequestSteps } from './request-steps';
import { actorName, RequestTimeline } from './request-timeline';
import { statusWords, useRequestChanged, useSupportRequest, useZones, type SupportRequest } from './support-queries';
import '../series/pages.css';

/** One support request (`/support-requests/:id`): marking, details, deadlines, the steps open to me, the timeline and the thread. */
export default function SupportPage() {
  const { id = '' } = useParams();
  const request = useSupportRequest(id);
  useDocumentTitle(request.data?.title ?? 'Support request');
  if (request.isPending) return <p className="status">Loading the request…</p>;
  if (request.isError) {
    return (
      <>
        <h1>Support request</h1>
        <p role="alert" className="error-text">
          {messageOf(request.error)}
        </p>
      </>
    );
  }
  return <RequestView request={request.data} />;
}

/** Names of the people the API lets me list (a coordinator: their organisation's), for the timeline; none for others. */
function usePeopleNames() {
  return useQuery({
    queryKey: ['people', 'all'],
    queryFn: () => answer(api.GET('/v1/people', { params: { query: { limit: 200 } } })),
    select: (page) => new Map(page.items.map((p) => [p.id, p.name])),
    retry: false,
  });
}

function RequestView({ request }: { request: SupportRequest }) {
  const { person } = useSession();
  const zones = useZones();
  const names = usePeopleNames().data ?? new Map<string, string>();
  const who = (id: string | null) => actorName({ actor: { type: id ? 'person' : 'admin-token', id } }, request, person.id, names);
  return (
    <>
      <p>
        <Link to="/support-requests">All support requests</Link>
      </p>
      <p className={`marking-banner marking-banner--${request.marking.toLowerCase()}`} role="note">
        {request.marking === 'RESTRICTED'
          ? 'RESTRICTED: only the people named on it, both organisations’ coordinators and the providing side’s senior level see it'
          : 'UNMARKED'}
      </p>
      <div className="page-heading">
        <h1>{request.title}</h1>
        <span className="tag">{statusWords(request.status)}</span>
      </div>
      <section aria-labelledby="steps-heading">
        <h2 id="steps-heading">What you can do</h2>
        <RequestSteps request={request} />
      </section>
      <div className="two-columns">
        <div>
          <RequestTimeline request={request} timeZone={person.timezone} me={person.id} names={names} />
          <MessageBox request={request} />
        </div>
        <div className="form">
          <RequestDeadlines request={request} timeZone={person.timezone} providerZone={zones.data?.get(request.providingOrganization)} />
          <RequestDetails request={request} who={who} />
        </div>
      </div>
    </>
  );
}

/** A message in the request's thread (`POST …/messages`): anyone who sees the request may write. */
function MessageBox({ request }: { request: SupportRequest }) {
  const [body, setBody] = useState('');
  const changed = useRequestChanged();
  const send = useMutation({
    mutationFn: () => answer(api.POST('/v1/support-requests/{id}/messages', { params: { path: { id: request.id } }, body: { body } })),
    onSuccess: async () => {
      setBody('');
      await changed(request.id);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate();
  };
  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby="message-heading">
      <h2 id="message-heading">Write a message</h2>
      <TextInput label="Message" multiline isRequired value={body} onChange={setBody} error={fieldErrors(send.error).body} />
      <FormError error={send.error} />
      <Button type="submit" className="button" isDisabled={send.isPending}>
        {send.isPending ? 'Sending…' : 'Send message'}
      </Button>
    </form>
  );
}
