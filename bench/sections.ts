import { API_DEFAULTS, apiSection, HELP as API_HELP } from './api';
import { EVENT_DEFAULTS, eventsSection, HELP as EVENT_HELP } from './events';
import { Section } from './lib/repeat';
import { HELP as REMINDER_HELP, REMINDER_DEFAULTS, remindersSection } from './reminders';
import { HELP as SCALE_HELP, SCALE_DEFAULTS, scaleSection } from './scale';

/** The benchmarks that can be repeated and compared: their flags (sizes) and how to run one. */
export interface SectionEntry {
  defaults: Record<string, number | string>;
  help: Record<string, string>;
  make: (options: any) => Section<any>;
}

export const SECTIONS: Record<string, SectionEntry> = {
  reminders: { defaults: { ...REMINDER_DEFAULTS }, help: REMINDER_HELP, make: remindersSection },
  api: { defaults: { ...API_DEFAULTS }, help: API_HELP, make: apiSection },
  scale: { defaults: { ...SCALE_DEFAULTS }, help: SCALE_HELP, make: scaleSection },
  events: { defaults: { ...EVENT_DEFAULTS }, help: EVENT_HELP, make: eventsSection },
};
