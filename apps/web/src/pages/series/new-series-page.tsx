import { today } from '@internationalized/date';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button } from 'react-aria-components';
import { Link, useNavigate } from 'react-router';
import { answer, api, messageOf } from '../../api/client';
import { useDocumentTitle } from '../../navigation/document-title';
import { useSession } from '../../session/session';
import { fieldErrors, FormError } from '../../components/api-errors';
import { Choices, NumberInput, OneOf, TextInput } from '../../components/fields';
import { HostRotation } from './host-rotation';
import { RuleBuilder, ruleFields, type RuleState } from './rule-builder';
import { DEFAULT_DRAFT, weekdayOf } from './rule-model';
import { RulePreview } from './rule-preview';
import { useAreas, useOrganizations, usePeople } from './series-queries';
import './pages.css';

interface Details {
  title: string;
  level: 'senior' | 'working';
  organizations: string[];
  areas: string[];
  hostRotation: string[];
  /** Until the hosts are edited by hand, they follow the organisations. */
  hostsEdited: boolean;
  durationMinutes: number;
  location: string;
  participantIds: string[];
  marking: 'UNMARKED' | 'RESTRICTED';
  horizon: number;
}

/** New series (`/series/new`): the details, the rule builder with the rule in words, and the next dates as you type. */
export default function NewSeriesPage() {
  useDocumentTitle('New series');
  const { person } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const firstDate = today(person.timezone).add({ days: 7 }).toString();
  const [rule, setRule] = useState<RuleState>({
    draft: { ...DEFAULT_DRAFT, weekdays: [weekdayOf(firstDate)] },
    startDate: firstDate,
    time: '10:00',
    timezone: person.timezone,
  });
  const [details, setDetails] = useState<Details>({
    title: '',
    level: 'working',
    organizations: [person.organization],
    areas: [],
    hostRotation: [person.organization],
    hostsEdited: false,
    durationMinutes: 60,
    location: '',
    participantIds: [],
    marking: 'UNMARKED',
    horizon: 2,
  });
  const set = (changes: Partial<Details>) => setDetails((d) => ({ ...d, ...changes }));
  const create = useMutation({
    mutationFn: () => {
      const { hostsEdited: _edited, location, ...body } = details;
      return answer(api.POST('/v1/series', { body: { ...body, ...ruleFields(rule), ...(location ? { location } : {}) } }));
    },
    onSuccess: async (series) => {
      await queryClient.invalidateQueries({ queryKey: ['series'] });
      await navigate(`/series/${series.id}`);
    },
  });
  const problems = fieldErrors(create.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <>
      <p>
        <Link to="/series">All series</Link>
      </p>
      <h1>New series</h1>
      <form className="form" onSubmit={submit} noValidate>
        <div className="two-columns">
          <div className="form">
            <DetailsFields details={details} set={set} problems={problems} />
            <RuleBuilder value={rule} onChange={setRule} hostRotation={details.hostRotation} problems={problems} />
          </div>
          <RulePreview {...ruleFields(rule)} readerZone={person.timezone} />
        </div>
        <FormError error={create.error} />
        <Button type="submit" className="button" isDisabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create series'}
        </Button>
      </form>
    </>
  );
}

function DetailsFields({
  details,
  set,
  problems,
}: {
  details: Details;
  set: (changes: Partial<Details>) => void;
  problems: Record<string, string>;
}) {
  const organizations = useOrganizations();
  const areas = useAreas();
  const people = usePeople();
  const chooseOrganizations = (codes: string[]) =>
    set(details.hostsEdited ? { organizations: codes } : { organizations: codes, hostRotation: codes });
  return (
    <fieldset className="form-section">
      <legend>What it is</legend>
      <TextInput label="Title" isRequired value={details.title} onChange={(title) => set({ title })} error={problems.title} />
      <OneOf
        label="Level"
        value={details.level}
        onChange={(level) => set({ level: level as Details['level'] })}
        options={[
          { id: 'working', name: 'Working level' },
          { id: 'senior', name: 'Senior level' },
        ]}
        error={problems.level}
      />
      {organizations.isError ? <p className="error-text">{messageOf(organizations.error)}</p> : null}
      <Choices
        label="Organisations"
        value={details.organizations}
        onChange={chooseOrganizations}
        options={(organizations.data ?? []).map((o) => ({ id: o.code, name: `${o.code} (${o.name})` }))}
        error={problems.organizations}
      />
      <HostRotation
        value={details.hostRotation}
        onChange={(hostRotation) => set({ hostRotation, hostsEdited: true })}
        organizations={details.organizations}
        error={problems.hostRotation}
      />
      {areas.isError ? <p className="error-text">{messageOf(areas.error)}</p> : null}
      <Choices
        label="Cooperation areas"
        value={details.areas}
        onChange={(chosen) => set({ areas: chosen })}
        options={(areas.data ?? []).map((a) => ({ id: a.code, name: a.name }))}
        error={problems.areas}
      />
      <NumberInput
        label="Duration (minutes)"
        value={details.durationMinutes}
        minValue={1}
        maxValue={1440}
        onChange={(durationMinutes) => set({ durationMinutes })}
        error={problems.durationMinutes}
      />
      <TextInput
        label="Location or meeting link"
        value={details.location}
        onChange={(location) => set({ location })}
        error={problems.location}
      />
      {people.isSuccess ? (
        <Choices
          label="Participants"
          description="The people Liaison lets you list; other organisations add their own on each occurrence."
          value={details.participantIds}
          onChange={(participantIds) => set({ participantIds })}
          options={people.data.items.filter((p) => p.active).map((p) => ({ id: p.id, name: `${p.name} (${p.organization})` }))}
          error={problems.participantIds}
        />
      ) : null}
      <OneOf
        label="Marking"
        value={details.marking}
        onChange={(marking) => set({ marking: marking as Details['marking'] })}
        options={[
          { id: 'UNMARKED', name: 'Unmarked' },
          { id: 'RESTRICTED', name: 'Restricted' },
        ]}
        error={problems.marking}
      />
      <NumberInput
        label="Occurrences made ahead"
        description="How many future occurrences exist as exchanges at any time."
        value={details.horizon}
        minValue={1}
        maxValue={24}
        onChange={(horizon) => set({ horizon })}
        error={problems.horizon}
      />
    </fieldset>
  );
}
