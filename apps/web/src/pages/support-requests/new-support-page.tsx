import type { Schemas } from '@liaison/client';
import { today } from '@internationalized/date';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from 'react-aria-components';
import { Link, useNavigate } from 'react-router';
import { answer, api, messageOf } from '../../api/client';
import { useDocumentTitle } from '../../navigation/document-title';
import { useSession } from '../../session/session';
import { fieldErrors, FormError } from '../../components/api-errors';
import { DateChoice } from '../../components/dates';
import { Choice, OneOf, TextInput } from '../../components/fields';
import { useAreas, useOrganizations } from '../series/series-queries';
import { PRIORITIES } from '../../api/vocabulary';
import { useA4pAreas } from './support-queries';

type Body = Schemas['CreateSupportRequestDto'];

/** New support request (`/support-requests/new`): `POST /v1/support-requests`, the API's problems next to their fields. */
export default function NewSupportPage() {
  useDocumentTitle('New support request');
  const { person } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const organizations = useOrganizations();
  const areas = useAreas();
  const a4pAreas = useA4pAreas();
  const [form, setForm] = useState({
    title: '',
    description: '',
    requestingOrganization: person.organization,
    requestingUnit: '',
    providingOrganization: '',
    area: '',
    a4pArea: '',
    priority: 'routine' as Body['priority'],
    neededBy: today(person.timezone).add({ days: 30 }).toString(),
    marking: 'UNMARKED' as NonNullable<Body['marking']>,
    links: '',
  });
  const set = (changes: Partial<typeof form>) => setForm((f) => ({ ...f, ...changes }));
  const create = useMutation({
    mutationFn: () => {
      const links = form.links
        .split(/\s+/)
        .map((link) => link.trim())
        .filter(Boolean);
      const body: Body = { ...form, links };
      return answer(api.POST('/v1/support-requests', { body }));
    },
    onSuccess: async (request) => {
      await queryClient.invalidateQueries({ queryKey: ['support-requests'] });
      await navigate(`/support-requests/${request.id}`);
    },
  });
  const problems = fieldErrors(create.error);
  const organizationOptions = (organizations.data ?? []).map((o) => ({ id: o.code, name: `${o.code} (${o.name})` }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <>
      <p>
        <Link to="/support-requests">All support requests</Link>
      </p>
      <h1>New support request</h1>
      {[organizations, areas, a4pAreas].map((q, i) =>
        q.isError ? (
          <p key={i} className="error-text">
            {messageOf(q.error)}
          </p>
        ) : null,
      )}
      <form className="form narrow-form" onSubmit={submit} noValidate>
        <TextInput label="Title" isRequired value={form.title} onChange={(title) => set({ title })} error={problems.title} />
        <TextInput
          label="Description"
          multiline
          isRequired
          value={form.description}
          onChange={(description) => set({ description })}
          error={problems.description}
        />
        <Choice
          label="Requesting organisation"
          isRequired
          value={form.requestingOrganization || null}
          onChange={(requestingOrganization) => set({ requestingOrganization })}
          options={organizationOptions}
          error={problems.requestingOrganization}
        />
        <TextInput
          label="Requesting mission or unit"
          description="For example MINUSCA."
          isRequired
          value={form.requestingUnit}
          onChange={(requestingUnit) => set({ requestingUnit })}
          error={problems.requestingUnit}
        />
        <Choice
          label="Providing organisation"
          isRequired
          value={form.providingOrganization || null}
          onChange={(providingOrganization) => set({ providingOrganization })}
          options={organizationOptions}
          error={problems.providingOrganization}
        />
        <Choice
          label="Cooperation area"
          isRequired
          value={form.area || null}
          onChange={(area) => set({ area })}
          options={(areas.data ?? []).map((a) => ({ id: a.code, name: a.name }))}
          error={problems.area}
        />
        <Choice
          label="A4P commitment area"
          isRequired
          value={form.a4pArea || null}
          onChange={(a4pArea) => set({ a4pArea })}
          options={(a4pAreas.data ?? []).map((a) => ({ id: a.code, name: a.name }))}
          error={problems.a4pArea}
        />
        <OneOf
          label="Priority"
          value={form.priority}
          onChange={(priority) => set({ priority: priority as Body['priority'] })}
          options={PRIORITIES.map((p) => ({ id: p, name: p[0].toUpperCase() + p.slice(1) }))}
          error={problems.priority}
        />
        <DateChoice
          label="Needed by"
          isRequired
          value={form.neededBy}
          onChange={(neededBy) => set({ neededBy })}
          error={problems.neededBy}
        />
        <OneOf
          label="Marking"
          value={form.marking}
          onChange={(marking) => set({ marking: marking as typeof form.marking })}
          options={[
            { id: 'UNMARKED', name: 'Unmarked' },
            { id: 'RESTRICTED', name: 'Restricted: only the people named on it, both coordinators and the deciders' },
          ]}
          error={problems.marking}
        />
        <TextInput
          label="Links to attachments"
          description="One http(s) address per line; up to 20."
          multiline
          value={form.links}
          onChange={(links) => set({ links })}
          error={problems.links}
        />
        <FormError error={create.error} />
        <Button type="submit" className="button" isDisabled={create.isPending}>
          {create.isPending ? 'Submitting…' : 'Submit request'}
        </Button>
      </form>
    </>
  );
}
