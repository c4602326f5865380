import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { answer, api } from '../../api/client';
import { Choice, OneOf, TextInput } from '../../components/fields';
import { FormDialog } from '../../components/dialogs';
import { useRequestChanged, type Step, type SupportRequest } from './support-queries';

type Field = { name: string; label: string; kind: 'text' | 'decision' | 'assignee'; optional?: boolean; hint?: string };

/** Each step: its button, its dialog's title and what it asks (docs/support-requests.md, "Steps"). */
const STEPS: Record<Exclude<Step, 'raise'>, { label: string; title: string; fields: Field[]; danger?: boolean }> = {
  acknowledge: {
    label: 'Acknowledge',
    title: 'Acknowledge the request',
    fields: [{ name: 'assigneeId', label: 'Assignee', kind: 'assignee', optional: true }],
  },
  'request-information': {
    label: 'Request information',
    title: 'Ask the requester for information',
    fields: [{ name: 'question', label: 'Question', kind: 'text', hint: 'The decision deadline stands still until they answer.' }],
  },
  'provide-information': {
    label: 'Provide information',
    title: 'Answer the question',
    fields: [{ name: 'answer', label: 'Answer', kind: 'text' }],
  },
  recommend: {
    label: 'Recommend',
    title: 'Recommend a decision',
    fields: [
      { name: 'recommendation', label: 'Recommendation', kind: 'decision' },
      { name: 'rationale', label: 'Rationale', kind: 'text' },
    ],
  },
  decide: {
    label: 'Decide',
    title: 'Decide on the request',
    fields: [
      { name: 'decision', label: 'Decision', kind: 'decision' },
      {
        name: 'rationale',
        label: 'Rationale',
        kind: 'text',
        optional: true,
        hint: 'Required when the decision goes against the recommendation.',
      },
    ],
  },
  'start-delivery': { label: 'Start delivery', title: 'Start the delivery?', fields: [] },
  deliver: { label: 'Deliver', title: 'Mark as delivered', fields: [{ name: 'summary', label: 'What was delivered', kind: 'text' }] },
  close: { label: 'Close', title: 'Close the request?', fields: [] },
  withdraw: { label: 'Withdraw', title: 'Withdraw the request', fields: [{ name: 'reason', label: 'Reason', kind: 'text' }], danger: true },
};
const ORDER = Object.keys(STEPS) as Array<keyof typeof STEPS>;

/** The steps open to me, from the request's `actions`, as buttons; each opens a dialog with its form. */
export function RequestSteps({ request }: { request: SupportRequest }) {
  const open = ORDER.filter((step) => request.actions.includes(step));
  if (open.length === 0) return <p className="hint">No step is open to you on this request now.</p>;
  return (
    <div className="form-actions">
      {open.map((step) => (
        <StepDialog key={step} step={step} request={request} />
      ))}
    </div>
  );
}

function StepDialog({ step, request }: { step: keyof typeof STEPS; request: SupportRequest }) {
  const { label, title, fields, danger } = STEPS[step];
  const changed = useRequestChanged();
  const [values, setValues] = useState<Record<string, string>>({});
  const reset = () => setValues(Object.fromEntries(fields.filter((f) => f.kind === 'decision').map((f) => [f.name, 'approve'])));
  const submit = async () => {
    const body = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== ''));
    const path = `/v1/support-requests/{id}/${step}` as const;
    // Each step's body is the one its dialog's fields make (the API checks it and names a bad field).
    await answer(api.POST(path, { params: { path: { id: request.id } }, body: body as never }));
    await changed(request.id);
  };
  return (
    <FormDialog label={label} title={title} submitLabel={label} danger={danger} submit={submit} onOpen={reset}>
      {(problems) => (
        <>
          {fields.length === 0 ? <p>“{request.title}” moves on; this is on its timeline for both sides.</p> : null}
          {fields.map((field) => {
            const set = (value: string) => setValues((v) => ({ ...v, [field.name]: value }));
            const value = values[field.name] ?? '';
            if (field.kind === 'decision') {
              return (
                <OneOf
                  key={field.name}
                  label={field.label}
                  value={value || 'approve'}
                  onChange={set}
                  options={[
                    { id: 'approve', name: 'Approve' },
                    { id: 'decline', name: 'Decline' },
                  ]}
                  error={problems[field.name]}
                />
              );
            }
            if (field.kind === 'assignee') {
              return (
                <AssigneeChoice
                  key={field.name}
                  organization={request.providingOrganization}
                  value={value}
                  onChange={set}
                  error={problems[field.name]}
                />
              );
            }
            return (
              <TextInput
                key={field.name}
                label={field.optional ? `${field.label} (optional)` : field.label}
                description={field.hint}
                multiline
                isRequired={!field.optional}
                value={value}
                onChange={set}
                error={problems[field.name]}
              />
            );
          })}
        </>
      )}
    </FormDialog>
  );
}

/** The working-level people of the providing organisation the API lets me list, or myself (the default). */
function AssigneeChoice({
  organization,
  value,
  onChange,
  error,
}: {
  organization: string;
  value: string;
  onChange: (id: string) => void;
  error?: string;
}) {
  const people = useQuery({
    queryKey: ['people', 'organization', organization],
    queryFn: () => answer(api.GET('/v1/people', { params: { query: { organization, limit: 200 } } })),
  });
  const options = [
    { id: 'me', name: 'Me' },
    ...(people.data?.items ?? []).filter((p) => p.active && p.level === 'working').map((p) => ({ id: p.id, name: p.name })),
  ];
  return (
    <Choice
      label="Assignee"
      description={
        people.isError
          ? 'Liaison did not let you list the people of this organisation: you are the assignee.'
          : 'A working-level person of the providing organisation.'
      }
      value={value || 'me'}
      onChange={(id) => onChange(id === 'me' ? '' : id)}
      options={options}
      error={error}
    />
  );
}
