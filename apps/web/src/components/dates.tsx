import { type CalendarDate, parseDate, type Time, toCalendarDateTime, toZoned } from '@internationalized/date';
import {
  Button,
  Calendar,
  CalendarCell,
  CalendarGrid,
  DateInput,
  DatePicker,
  DateSegment,
  Dialog,
  FieldError,
  Group,
  Heading,
  Label,
  Popover,
  Text,
  TimeField,
} from 'react-aria-components';
import { FieldHelp, type Common } from './fields';
import './fields.css';
import './dates.css';

/** The month's calendar a date picker opens, with the previous and next months a button away. */
function CalendarPopover({ label }: { label?: string }) {
  return (
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
  );
}

function Segments({ className = 'date-input' }: { className?: string }) {
  return <DateInput className={className}>{(segment) => <DateSegment segment={segment} className="date-segment" />}</DateInput>;
}

/** A date `YYYY-MM-DD` (or '' for none), typed in segments or picked on a calendar. */
export function DateChoice(props: Common & { value: string; onChange: (value: string) => void }) {
  const { label, error, description, value, onChange, isRequired } = props;
  return (
    <DatePicker
      className="field"
      value={dateOrNull(value)}
      onChange={(date) => onChange(date ? date.toString() : '')}
      isRequired={isRequired}
      isInvalid={Boolean(error)}
      validationBehavior="aria"
    >
      <Label className="field__label">{label}</Label>
      <Group className="date-group">
        <Segments />
        <Button className="date-button" aria-label="Open calendar">
          <span aria-hidden="true">▾</span>
        </Button>
      </Group>
      <FieldHelp description={description} error={error} />
      <CalendarPopover label={label} />
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

/** The instant of a local date and time in `timeZone`, as the API takes it (`2027-03-09T09:00:00.000Z`); undefined until both are given. */
export function instantOf(date: CalendarDate | null, time: Time | null, timeZone: string): string | undefined {
  if (!date || !time) return undefined;
  return toZoned(toCalendarDateTime(date, time), timeZone).toAbsoluteString();
}

interface DateTimeFieldsProps {
  /** The name the API gives the instant in its refusals (`startsAt`): both fields show its error. */
  name: string;
  date: CalendarDate | null;
  time: Time | null;
  onDateChange: (date: CalendarDate | null) => void;
  onTimeChange: (time: Time | null) => void;
  /** Said under the fields: in which zone the time is read. */
  description: string;
  dateLabel?: string;
  timeLabel?: string;
}

/** A date (typed segment by segment, or picked in a calendar) and a 24-hour time, told their problems by `name` in a form. */
export function DateTimeFields({ name, date, time, onDateChange, onTimeChange, description, dateLabel, timeLabel }: DateTimeFieldsProps) {
  return (
    <div className="date-time">
      <DatePicker className="field" name={name} value={date} onChange={onDateChange} granularity="day" isRequired>
        <Label>{dateLabel ?? 'Date'}</Label>
        <Group className="date-input-group">
          <Segments />
          <Button className="button button--quiet date-input-group__button">
            <span aria-hidden="true">▾</span>
            <span className="visually-hidden">Choose a date</span>
          </Button>
        </Group>
        <Text slot="description" className="hint">
          {description}
        </Text>
        <FieldError className="error-text" />
        <CalendarPopover label={dateLabel ?? 'Date'} />
      </DatePicker>
      <TimeField className="field" name={`${name}Time`} value={time} onChange={onTimeChange} hourCycle={24} isRequired>
        <Label>{timeLabel ?? 'Time'}</Label>
        <Segments />
        <FieldError className="error-text" />
      </TimeField>
    </div>
  );
}
