import type { Schemas } from '@liaison/client';
import { useState } from 'react';
import { answer, api } from '../../api/client';
import { useSession } from '../../session/session';
import { NumberInput, TextInput } from '../../components/fields';
import { FormDialog } from '../../components/dialogs';
import { HostRotation } from './host-rotation';
import { RuleBuilder, ruleFields, type RuleState } from './rule-builder';
import { DEFAULT_DRAFT, draftFromRrule, weekdayOf } from './rule-model';
import { RulePreview } from './rule-preview';
import { useSeriesChanged, type Series } from './series-queries';

interface Form {
  rule: RuleState;
  /** A rule the builder cannot show (daily, BYSETPOS…) is kept as it is unless the builder is used. */
  ruleTouched: boolean;
  title: string;
  durationMinutes: number;
  location: string;
  hostRotation: string[];
  horizon: number;
}

function formOf(series: Series): Form {
  const startDate = series.dtstart.slice(0, 10);
  const draft = draftFromRrule(series.rrule) ?? { ...DEFAULT_DRAFT, weekdays: [weekdayOf(startDate)] };
  return {
    rule: { draft, startDate, time: series.dtstart.slice(11, 16) || '00:00', timezone: series.timezone },
    ruleTouched: false,
    title: series.title,
    durationMinutes: series.durationMinutes,
    location: series.location ?? '',
    hostRotation: series.hostRotation,
    horizon: series.horizon,
  };
}

/** Only what was changed, as `PATCH /v1/series/{id}` takes it: occurrences not yet started follow. */
function changesOf(series: Series, form: Form): Schemas['AmendSeriesDto'] {
  const changes: Schemas['AmendSeriesDto'] = {};
  const rule = ruleFields(form.rule);
  if (form.ruleTouched && rule.rrule !== series.rrule) changes.rrule = rule.rrule;
  if (rule.dtstart !== series.dtstart.slice(0, 16)) changes.dtstart = rule.dtstart;
  if (form.title !== series.title) changes.title = form.title;
  if (form.durationMinutes !== series.durationMinutes) changes.durationMinutes = form.durationMinutes;
  if (form.location !== (series.location ?? '') && form.location !== '') changes.location = form.location;
  if (form.hostRotation.join() !== series.hostRotation.join()) changes.hostRotation = form.hostRotation;
  if (form.horizon !== series.horizon) changes.horizon = form.horizon;
  return changes;
}

/** Amend the series in a dialog that reuses the rule builder, with the rule in words and the next dates. */
export function AmendDialog({ series }: { series: Series }) {
  const { person } = useSession();
  const changed = useSeriesChanged();
  const [form, setForm] = useState<Form>(() => formOf(series));
  const set = (changes: Partial<Form>) => setForm((f) => ({ ...f, ...changes }));
  const rule = form.ruleTouched ? ruleFields(form.rule) : { ...ruleFields(form.rule), rrule: series.rrule };
  return (
    <FormDialog
      label="Amend"
      title="Amend the series"
      submitLabel="Save changes"
      wide
      onOpen={() => setForm(formOf(series))}
      submit={async () =>
        changed(await answer(api.PATCH('/v1/series/{id}', { params: { path: { id: series.id } }, body: changesOf(series, form) })))
      }
    >
      {(problems) => (
        <>
          <p className="hint">Occurrences not yet started and not changed on their own follow the new rule and details.</p>
          <TextInput label="Title" value={form.title} onChange={(title) => set({ title })} error={problems.title} />
          <RuleBuilder
            value={form.rule}
            onChange={(next) => set({ rule: next, ruleTouched: form.ruleTouched || next.draft !== form.rule.draft })}
            hostRotation={form.hostRotation}
            problems={problems}
            zoneFixed
          />
          <RulePreview {...rule} readerZone={person.timezone} />
          <HostRotation
            value={form.hostRotation}
            onChange={(hostRotation) => set({ hostRotation })}
            organizations={series.organizations}
            error={problems.hostRotation}
          />
          <NumberInput
            label="Duration (minutes)"
            value={form.durationMinutes}
            minValue={1}
            maxValue={1440}
            onChange={(durationMinutes) => set({ durationMinutes })}
            error={problems.durationMinutes}
          />
          <TextInput
            label="Location or meeting link"
            value={form.location}
            onChange={(location) => set({ location })}
            error={problems.location}
          />
          <NumberInput
            label="Occurrences made ahead"
            value={form.horizon}
            minValue={1}
            maxValue={24}
            onChange={(horizon) => set({ horizon })}
            error={problems.horizon}
          />
        </>
      )}
    </FormDialog>
  );
}
