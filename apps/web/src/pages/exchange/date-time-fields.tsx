import { type CalendarDate, type Time, toCalendarDateTime, toZoned } from '@internationalized/date';
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

/** A date (typed segment by segment, or picked in a calendar) and a 24-hour time. */
export function DateTimeFields({ name, date, time, onDateChange, onTimeChange, description, dateLabel, timeLabel }: DateTimeFieldsProps) {
  return (
    <div className="date-time">
      <DatePicker className="field" name={name} value={date} onChange={onDateChange} granularity="day" isRequired>
        <Label>{dateLabel ?? 'Date'}</Label>
        <Group className="date-input-group">
          <DateInput className="date-input">{(segment) => <DateSegment segment={segment} className="date-segment" />}</DateInput>
          <Button className="button button--quiet date-input-group__button">
            <span aria-hidden="true">▾</span>
            <span className="visually-hidden">Choose a date</span>
          </Button>
        </Group>
        <Text slot="description" className="hint">
          {description}
        </Text>
        <FieldError className="error-text" />
        <Popover className="popover">
          <Dialog className="calendar-dialog">
            <Calendar className="calendar">
              <header className="calendar__header">
                <Button slot="previous" className="button button--quiet">
                  <span aria-hidden="true">‹</span>
                  <span className="visually-hidden">Previous month</span>
                </Button>
                <Heading className="calendar__heading" />
                <Button slot="next" className="button button--quiet">
                  <span aria-hidden="true">›</span>
                  <span className="visually-hidden">Next month</span>
                </Button>
              </header>
              <CalendarGrid>{(day) => <CalendarCell date={day} className="calendar__cell" />}</CalendarGrid>
            </Calendar>
          </Dialog>
        </Popover>
      </DatePicker>
      <TimeField className="field" name={`${name}Time`} value={time} onChange={onTimeChange} hourCycle={24} isRequired>
        <Label>{timeLabel ?? 'Time'}</Label>
        <DateInput className="date-input">{(segment) => <DateSegment segment={segment} className="date-segment" />}</DateInput>
        <FieldError className="error-text" />
      </TimeField>
    </div>
  );
}
