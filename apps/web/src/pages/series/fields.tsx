import type { CalendarDate } from '@internationalized/date';
import { parseDate } from '@internationalized/date';
import type { ReactNode } from 'react';
import {
  Button,
  Calendar,
  CalendarCell,
  CalendarGrid,
  Checkbox,
  CheckboxGroup,
  DateInput,
  DatePicker,
  DateSegment,
  Dialog,
  FieldError,
  Group,
  Heading,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  NumberField,
  Popover,
  Radio,
  RadioGroup,
  Select,
  SelectValue,
  Text,
  TextArea,
  TextField,
} from 'react-aria-components';
import { ApiError } from '../../api/client';
import './fields.css';
import './pages.css';

/**
 * Labelled form controls (react-aria-components) shared by the series and support-request pages,
 * each showing the API's problem with its field next to it.
 */

export interface Option {
  id: string;
  name: string;
}

/** The API's problems per field (`details: [{ field, problems }]` of a 400 or 422), the first segment of each field's path. */
export function problemsOf(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return out;
  for (const entry of error.details as Array<{ field?: unknown; problems?: unknown }>) {
    if (typeof entry?.field !== 'string') continue;
    const field = entry.field.split(/[.[]/)[0];
    const problems = Array.isArray(entry.problems) ? entry.problems.map(String) : [];
    out[field] = [out[field], ...problems].filter(Boolean).join('; ');
  }
  return out;
}

interface Common {
  label: string;
  error?: string;
  description?: ReactNode;
  isRequired?: boolean;
  isDisabled?: boolean;
}

export function TextInput(props: Common & { value: string; onChange: (value: string) => void; type?: string; multiline?: boolean }) {
  const { label, error, description, value, onChange, isRequired, isDisabled, type, multiline } = props;
  return (
    <TextField
      className="field"
      value={value}
      onChange={onChange}
      isRequired={isRequired}
      isDisabled={isDisabled}
      isInvalid={Boolean(error)}
      type={type}
      validationBehavior="aria"
    >
      <Label className="field__label">{label}</Label>
      {multiline ? <TextArea rows={4} /> : <Input />}
      {description ? (
        <Text slot="description" className="hint">
          {description}
        </Text>
      ) : null}
      <FieldError className="error-text">{error}</FieldError>
    </TextField>
  );
}

export function NumberInput(props: Common & { value: number; onChange: (value: number) => void; minValue?: number; maxValue?: number }) {
  const { label, error, description, value, onChange, minValue, maxValue, isRequired } = props;
  return (
    <NumberField
      className="field field--number"
      value={value}
      onChange={(n) => onChange(Number.isNaN(n) ? (minValue ?? 0) : n)}
      minValue={minValue}
      maxValue={maxValue}
      isRequired={isRequired}
      isInvalid={Boolean(error)}
      validationBehavior="aria"
    >
      <Label className="field__label">{label}</Label>
      <Input />
      {description ? (
        <Text slot="description" className="hint">
          {description}
        </Text>
      ) : null}
      <FieldError className="error-text">{error}</FieldError>
    </NumberField>
  );
}

export function Choice(
  props: Common & { value: string | null; onChange: (value: string) => void; options: Option[]; placeholder?: string },
) {
  const { label, error, description, value, onChange, options, placeholder, isRequired, isDisabled } = props;
  return (
    <Select
      className="field"
      value={value}
      onChange={(key) => key !== null && onChange(String(key))}
      placeholder={placeholder ?? 'Choose…'}
      isRequired={isRequired}
      isDisabled={isDisabled}
      isInvalid={Boolean(error)}
      validationBehavior="aria"
    >
      <Label className="field__label">{label}</Label>
      <Button className="select-button">
        <SelectValue />
        <span aria-hidden="true">▾</span>
      </Button>
      {description ? (
        <Text slot="description" className="hint">
          {description}
        </Text>
      ) : null}
      <FieldError className="error-text">{error}</FieldError>
      <Popover className="popover">
        <ListBox className="listbox" items={options}>
          {(option) => (
            <ListBoxItem id={option.id} className="listbox__item" textValue={option.name}>
              {option.name}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </Select>
  );
}

export function Choices(props: Common & { value: string[]; onChange: (value: string[]) => void; options: Option[] }) {
  const { label, error, description, value, onChange, options, isRequired } = props;
  return (
    <CheckboxGroup
      className="field choice-group"
      value={value}
      onChange={onChange}
      isRequired={isRequired}
      isInvalid={Boolean(error)}
      validationBehavior="aria"
    >
      <Label className="field__label">{label}</Label>
      <div className="choice-group__options">
        {options.map((option) => (
          <Checkbox key={option.id} value={option.id} className="check">
            <span className="check__box" aria-hidden="true" />
            {option.name}
          </Checkbox>
        ))}
      </div>
      {description ? (
        <Text slot="description" className="hint">
          {description}
        </Text>
      ) : null}
      <FieldError className="error-text">{error}</FieldError>
    </CheckboxGroup>
  );
}

export function OneOf(props: Common & { value: string; onChange: (value: string) => void; options: Option[] }) {
  const { label, error, description, value, onChange, options, isDisabled } = props;
  return (
    <RadioGroup
      className="field choice-group"
      value={value}
      onChange={onChange}
      isDisabled={isDisabled}
      isInvalid={Boolean(error)}
      validationBehavior="aria"
    >
      <Label className="field__label">{label}</Label>
      <div className="choice-group__options">
        {options.map((option) => (
          <Radio key={option.id} value={option.id} className="check check--radio">
            <span className="check__box" aria-hidden="true" />
            {option.name}
          </Radio>
        ))}
      </div>
      {description ? (
        <Text slot="description" className="hint">
          {description}
        </Text>
      ) : null}
      <FieldError className="error-text">{error}</FieldError>
    </RadioGroup>
  );
}

/** A date `YYYY-MM-DD` (or '' for none), typed in segments or picked on a calendar. */
export function DateChoice(props: Common & { value: string; onChange: (value: string) => void }) {
  const { label, error, description, value, onChange, isRequired } = props;
  const parsed = dateOrNull(value);
  return (
    <DatePicker
      className="field"
      value={parsed}
      onChange={(date) => onChange(date ? date.toString() : '')}
      isRequired={isRequired}
      isInvalid={Boolean(error)}
      validationBehavior="aria"
    >
      <Label className="field__label">{label}</Label>
      <Group className="date-group">
        <DateInput className="date-input">{(segment) => <DateSegment segment={segment} className="date-segment" />}</DateInput>
        <Button className="date-button" aria-label="Open calendar">
          <span aria-hidden="true">▾</span>
        </Button>
      </Group>
      {description ? (
        <Text slot="description" className="hint">
          {description}
        </Text>
      ) : null}
      <FieldError className="error-text">{error}</FieldError>
      <Popover className="popover">
        <Dialog className="calendar-dialog" aria-label={label}>
          <Calendar className="calendar">
            <header className="calendar__header">
              <Button slot="previous" className="button button--quiet" aria-label="Previous month">
                ‹
              </Button>
              <Heading className="calendar__title" />
              <Button slot="next" className="button button--quiet" aria-label="Next month">
                ›
              </Button>
            </header>
            <CalendarGrid className="calendar__grid">{(date) => <CalendarCell date={date} className="calendar__cell" />}</CalendarGrid>
          </Calendar>
        </Dialog>
      </Popover>
    </DatePicker>
  );
}

function dateOrNull(value: string): CalendarDate | null {
  try {
    return value ? parseDate(value) : null;
  } catch {
    return null;
  }
}

/** The API's refusal, in words, where the whole form can see it. */
export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : 'Something went wrong.';
  return (
    <p role="alert" className="error-text form-error">
      {message}
    </p>
  );
}
