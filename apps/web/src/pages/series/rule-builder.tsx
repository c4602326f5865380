import { parseTime } from '@internationalized/date';
import { useMemo, useState } from 'react';
import {
  Button,
  ComboBox,
  FieldError,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Text,
  TimeField,
  DateInput,
  DateSegment,
} from 'react-aria-components';
import { DateChoice } from '../../components/dates';
import { Choice, Choices, NumberInput, OneOf } from '../../components/fields';
import { ruleInWords } from './rule-in-words';
import { toRrule, WEEKDAY_NAMES, WEEKDAYS, type Ordinal, type RuleDraft, type Weekday } from './rule-model';

/** What the builder edits: the rule, its first date and time, and its zone. */
export interface RuleState {
  draft: RuleDraft;
  /** `YYYY-MM-DD` */
  startDate: string;
  /** `HH:MM`, 24-hour */
  time: string;
  timezone: string;
}

/** The API's fields for a rule state: `rrule`, the local `dtstart` and the `timezone`. */
export function ruleFields(state: RuleState) {
  return { rrule: toRrule(state.draft), dtstart: `${state.startDate}T${state.time}`, timezone: state.timezone };
}

const WEEKDAY_OPTIONS = WEEKDAYS.map((day) => ({ id: day, name: WEEKDAY_NAMES[day] }));
const ORDINAL_OPTIONS = [
  { id: '1', name: 'First' },
  { id: '2', name: 'Second' },
  { id: '3', name: 'Third' },
  { id: '4', name: 'Fourth' },
  { id: '-1', name: 'Last' },
];

interface Props {
  value: RuleState;
  onChange: (value: RuleState) => void;
  hostRotation: string[];
  /** The API's problems per field (`rrule`, `dtstart`, `timezone`). */
  problems: Record<string, string>;
  /** The zone of an existing series cannot change. */
  zoneFixed?: boolean;
}

/**
 * The friendly rule builder: weekly or monthly, every nth, which days, time, zone and end; it writes
 * the RRULE and says the rule in words as it changes (read out politely to screen readers).
 */
export function RuleBuilder({ value, onChange, hostRotation, problems, zoneFixed }: Props) {
  const { draft } = value;
  const set = (changes: Partial<RuleDraft>) => onChange({ ...value, draft: { ...draft, ...changes } });
  const fields = ruleFields(value);
  const unit = draft.frequency === 'weekly' ? 'weeks' : 'months';
  return (
    <fieldset className="form-section">
      <legend>When it meets</legend>
      <OneOf
        label="Repeats"
        value={draft.frequency}
        onChange={(frequency) => set({ frequency: frequency as RuleDraft['frequency'] })}
        options={[
          { id: 'weekly', name: 'Weekly' },
          { id: 'monthly', name: 'Monthly' },
        ]}
      />
      <NumberInput
        label={`Every how many ${unit}`}
        description={`1: every ${unit.slice(0, -1)}; 2: every second ${unit.slice(0, -1)}`}
        value={draft.interval}
        minValue={1}
        maxValue={52}
        onChange={(interval) => set({ interval })}
      />
      {draft.frequency === 'weekly' ? (
        <Choices
          label="On"
          description="None: the weekday of the first date."
          value={draft.weekdays}
          onChange={(days) => set({ weekdays: days as Weekday[] })}
          options={WEEKDAY_OPTIONS}
        />
      ) : (
        <div className="two-columns">
          <Choice
            label="Week of the month"
            value={String(draft.ordinal)}
            onChange={(ordinal) => set({ ordinal: Number(ordinal) as Ordinal })}
            options={ORDINAL_OPTIONS}
          />
          <Choice
            label="Day of the week"
            value={draft.monthWeekday}
            onChange={(day) => set({ monthWeekday: day as Weekday })}
            options={WEEKDAY_OPTIONS}
          />
        </div>
      )}
      <DateChoice
        label="First date"
        isRequired
        value={value.startDate}
        onChange={(startDate) => onChange({ ...value, startDate })}
        error={problems.dtstart}
      />
      <TimeField
        className="field"
        hourCycle={24}
        value={safeTime(value.time)}
        onChange={(t) => t && onChange({ ...value, time: `${pad(t.hour)}:${pad(t.minute)}` })}
        isRequired
      >
        <Label>Time</Label>
        <DateInput className="date-group date-input">{(segment) => <DateSegment segment={segment} className="date-segment" />}</DateInput>
        <Text slot="description" className="hint">
          Local time in the series’ time zone.
        </Text>
      </TimeField>
      <ZoneChoice
        value={value.timezone}
        onChange={(timezone) => onChange({ ...value, timezone })}
        error={problems.timezone}
        isDisabled={zoneFixed}
      />
      <OneOf
        label="Ends"
        value={draft.end.kind}
        onChange={(kind) =>
          set({
            end: kind === 'count' ? { kind, count: 6 } : kind === 'until' ? { kind, date: nextYear(value.startDate) } : { kind: 'never' },
          })
        }
        options={[
          { id: 'never', name: 'Never' },
          { id: 'count', name: 'After a number of times' },
          { id: 'until', name: 'On a date' },
        ]}
      />
      {draft.end.kind === 'count' ? (
        <NumberInput
          label="Number of times"
          value={draft.end.count}
          minValue={1}
          maxValue={400}
          onChange={(count) => set({ end: { kind: 'count', count } })}
        />
      ) : null}
      {draft.end.kind === 'until' ? (
        <DateChoice label="Last date" value={draft.end.date} onChange={(date) => set({ end: { kind: 'until', date } })} />
      ) : null}
      <div className="panel" aria-live="polite">
        <p className="rule-words" id="rule-in-words">
          {ruleInWords({ ...fields, hostRotation })}
        </p>
        <p className="hint code">RRULE: {fields.rrule}</p>
        {problems.rrule ? <p className="error-text">{problems.rrule}</p> : null}
      </div>
    </fieldset>
  );
}

function ZoneChoice({
  value,
  onChange,
  error,
  isDisabled,
}: {
  value: string;
  onChange: (zone: string) => void;
  error?: string;
  isDisabled?: boolean;
}) {
  const [selected, setSelected] = useState<string | null>(value);
  const zones = useMemo(() => {
    const all = Intl.supportedValuesOf('timeZone');
    return (all.includes('UTC') ? all : ['UTC', ...all]).map((zone) => ({ id: zone, name: zone }));
  }, []);
  return (
    <ComboBox
      className="field"
      defaultItems={zones}
      value={selected}
      onChange={(key) => {
        // Typing over the zone clears the choice here (the rule keeps the last zone chosen) until one is picked.
        setSelected(key === null ? null : String(key));
        if (key !== null) onChange(String(key));
      }}
      isDisabled={isDisabled}
      isInvalid={Boolean(error)}
      validationBehavior="aria"
    >
      <Label>Time zone</Label>
      <div className="combo">
        <Input />
        <Button className="date-button" aria-label="Show time zones">
          <span aria-hidden="true">▾</span>
        </Button>
      </div>
      {isDisabled ? (
        <Text slot="description" className="hint">
          A series keeps the zone it was made in.
        </Text>
      ) : null}
      <FieldError className="error-text">{error}</FieldError>
      <Popover className="popover">
        <ListBox className="listbox">
          {(zone: { id: string; name: string }) => (
            <ListBoxItem id={zone.id} className="listbox__item">
              {zone.name}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}

function safeTime(time: string) {
  try {
    return parseTime(time);
  } catch {
    return null;
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function nextYear(date: string): string {
  return `${Number(date.slice(0, 4)) + 1}${date.slice(4, 10)}`;
}
