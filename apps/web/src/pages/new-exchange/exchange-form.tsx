import type { Schemas } from '@liaison/client';
import type { CalendarDate, Time } from '@internationalized/date';
import {
  Button,
  Checkbox,
  CheckboxGroup,
  FieldError,
  Form,
  Input,
  Label,
  NumberField,
  Radio,
  RadioGroup,
  Text,
  TextField,
} from 'react-aria-components';
import { ChoiceField } from '../exchange/agenda-item-dialog';
import { DateTimeFields, instantOf } from '../../components/dates';
import type { PersonEntry } from '../exchange/exchange-queries';
import type { CreateExchange } from './new-exchange-queries';
import { PeoplePicker } from './people-picker';
import { TimeZoneField } from '../../components/time-zone-field';

/** What the form holds, field by field, before it is a request body. */
export interface ExchangeDraft {
  title: string;
  level: 'working' | 'senior';
  areas: string[];
  organizations: string[];
  hostOrganization: string | null;
  date: CalendarDate | null;
  time: Time | null;
  timezone: string;
  durationMinutes: number;
  participantIds: Set<string>;
  location: string;
  marking: 'UNMARKED' | 'RESTRICTED';
  reminderOffsets: string;
}

export function emptyExchange(timezone: string, organization: string): ExchangeDraft {
  return {
    title: '',
    level: 'working',
    areas: [],
    organizations: [organization],
    hostOrganization: organization,
    date: null,
    time: null,
    timezone,
    durationMinutes: 60,
    participantIds: new Set(),
    location: '',
    marking: 'UNMARKED',
    reminderOffsets: '',
  };
}

/** The request body, or what is still missing (said to the person) when the start is not given. */
export function toBody(draft: ExchangeDraft): CreateExchange | string {
  const startsAt = instantOf(draft.date, draft.time, draft.timezone);
  if (!startsAt) return 'Give the start date and time.';
  const offsets = draft.reminderOffsets
    .split(/[\s,]+/)
    .map((o) => o.trim().toUpperCase())
    .filter(Boolean);
  return {
    title: draft.title.trim(),
    level: draft.level,
    areas: draft.areas,
    organizations: draft.organizations,
    hostOrganization: draft.hostOrganization ?? '',
    startsAt,
    durationMinutes: draft.durationMinutes,
    timezone: draft.timezone,
    participantIds: [...draft.participantIds],
    marking: draft.marking,
    ...(draft.location.trim() ? { location: draft.location.trim() } : {}),
    ...(offsets.length > 0 ? { reminderOffsets: offsets } : {}),
  };
}

interface ExchangeFormProps {
  draft: ExchangeDraft;
  onChange: (change: Partial<ExchangeDraft>) => void;
  organizations: Array<Schemas['OrganizationResponse']>;
  areas: Array<Schemas['AreaResponse']>;
  people: PersonEntry[];
  /** The API's refusals, by field. */
  errors: Record<string, string>;
  pending: boolean;
  onSubmit: () => void;
  message?: string;
}

/** The fields of a new exchange, in the order a person decides them. */
export function ExchangeForm({ draft, onChange, organizations, areas, people, errors, pending, onSubmit, message }: ExchangeFormProps) {
  const hosts = organizations
    .filter((o) => draft.organizations.includes(o.code))
    .map((o) => ({ id: o.code, name: `${o.name} (${o.code})` }));
  return (
    <Form
      className="form form--wide"
      validationErrors={errors}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <TextField className="field" name="title" value={draft.title} onChange={(title) => onChange({ title })} isRequired maxLength={300}>
        <Label>Title</Label>
        <Input />
        <FieldError className="error-text" />
      </TextField>
      <RadioGroup
        className="radio-group"
        name="level"
        value={draft.level}
        onChange={(level) => onChange({ level: level === 'senior' ? 'senior' : 'working' })}
        isRequired
      >
        <Label className="group-label">Level</Label>
        <div className="choices">
          <Radio className="radio" value="working">
            Working level
          </Radio>
          <Radio className="radio" value="senior">
            Senior level
          </Radio>
        </div>
        <FieldError className="error-text" />
      </RadioGroup>
      <CheckboxGroup
        className="checkbox-group"
        name="organizations"
        value={draft.organizations}
        onChange={(codes) => onChange(withOrganizations(draft, codes))}
        isRequired
      >
        <Label className="group-label">Organisations</Label>
        <div className="choices">
          {organizations.map((o) => (
            <Checkbox key={o.code} className="checkbox" value={o.code}>
              <span className="checkbox__box" aria-hidden="true" />
              {o.name} ({o.code})
            </Checkbox>
          ))}
        </div>
        <FieldError className="error-text" />
      </CheckboxGroup>
      <ChoiceField
        label="Host organisation"
        name="hostOrganization"
        options={hosts}
        value={draft.hostOrganization}
        onChange={(hostOrganization) => onChange({ hostOrganization })}
        isRequired
      />
      <CheckboxGroup
        className="checkbox-group"
        name="areas"
        value={draft.areas}
        onChange={(codes) => onChange({ areas: codes })}
        isRequired
      >
        <Label className="group-label">Cooperation areas</Label>
        <div className="choices">
          {areas.map((a) => (
            <Checkbox key={a.code} className="checkbox" value={a.code}>
              <span className="checkbox__box" aria-hidden="true" />
              {a.name} ({a.code})
            </Checkbox>
          ))}
        </div>
        <FieldError className="error-text" />
      </CheckboxGroup>
      <DateTimeFields
        name="startsAt"
        date={draft.date}
        time={draft.time}
        onDateChange={(date) => onChange({ date })}
        onTimeChange={(time) => onChange({ time })}
        dateLabel="Start date"
        timeLabel="Start time"
        description={`In the time zone below, ${draft.timezone}.`}
      />
      <TimeZoneField
        name="timezone"
        value={draft.timezone}
        onChange={(timezone) => onChange({ timezone })}
        description="The date and time above are read in this zone, and the exchange keeps it."
      />
      <NumberField
        className="field"
        name="durationMinutes"
        value={draft.durationMinutes}
        onChange={(durationMinutes) => onChange({ durationMinutes })}
        minValue={1}
        maxValue={1440}
        isRequired
      >
        <Label>Duration (minutes)</Label>
        <Input />
        <FieldError className="error-text" />
      </NumberField>
      <PeoplePicker
        people={people}
        selected={draft.participantIds}
        onChange={(participantIds) => onChange({ participantIds })}
        error={errors.participantIds}
      />
      <TextField className="field" name="location" value={draft.location} onChange={(location) => onChange({ location })}>
        <Label>Location or link</Label>
        <Input />
        <FieldError className="error-text" />
      </TextField>
      <RadioGroup
        className="radio-group"
        name="marking"
        value={draft.marking}
        onChange={(marking) => onChange({ marking: marking === 'RESTRICTED' ? 'RESTRICTED' : 'UNMARKED' })}
      >
        <Label className="group-label">Marking</Label>
        <div className="choices">
          <Radio className="radio" value="UNMARKED">
            UNMARKED
          </Radio>
          <Radio className="radio" value="RESTRICTED">
            RESTRICTED
          </Radio>
        </div>
        <Text slot="description" className="hint">
          What leaves Liaison by e-mail about a RESTRICTED exchange carries only its times and a link.
        </Text>
        <FieldError className="error-text" />
      </RadioGroup>
      <TextField
        className="field"
        name="reminderOffsets"
        value={draft.reminderOffsets}
        onChange={(reminderOffsets) => onChange({ reminderOffsets })}
      >
        <Label>Reminder offsets (optional)</Label>
        <Input />
        <Text slot="description" className="hint">
          ISO 8601 durations before the start, separated by commas: P7D, P1D, PT1H. Left empty, Liaison uses P14D, P7D, P1D, PT1H.
        </Text>
        <FieldError className="error-text" />
      </TextField>
      {message ? (
        <p role="alert" className="error-text">
          {message}
        </p>
      ) : null}
      <Button type="submit" className="button" isPending={pending}>
        Create exchange
      </Button>
    </Form>
  );
}

/** A new set of organisations; the host stays if it is still among them, else the first one hosts. */
function withOrganizations(draft: ExchangeDraft, organizations: string[]): Partial<ExchangeDraft> {
  const host =
    draft.hostOrganization && organizations.includes(draft.hostOrganization) ? draft.hostOrganization : (organizations[0] ?? null);
  return { organizations, hostOrganization: host };
}
