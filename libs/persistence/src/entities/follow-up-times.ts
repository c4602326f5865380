import { Column } from 'typeorm';

/**
 * When an exchange is followed up, as ISO 8601 durations: embedded in exchanges (each occurrence
 * its own) and in series (the defaults of their occurrences). Column names carry no prefix.
 */
export class FollowUpTimes {
  /** How long before the start every organisation must have confirmed. */
  @Column({ name: 'confirmation_deadline', type: 'text', default: 'P7D' })
  confirmationDeadline!: string;

  /** After a missed deadline (confirmation or minutes), how long until the senior level is told. */
  @Column({ name: 'escalate_after', type: 'text', default: 'P2D' })
  escalateAfter!: string;

  /** How long before the start the agenda freezes. */
  @Column({ name: 'agenda_freeze', type: 'text', default: 'P1D' })
  agendaFreeze!: string;

  /** How long after the end the host's minutes draft is due. */
  @Column({ name: 'minutes_due', type: 'text', default: 'P5D' })
  minutesDue!: string;

  /** How long before an action item's due time its owner is reminded. */
  @Column({ name: 'action_item_notice', type: 'text', default: 'P2D' })
  actionItemNotice!: string;

  /** How long after an action item's due time its owner's senior level is told. */
  @Column({ name: 'action_item_grace', type: 'text', default: 'P3D' })
  actionItemGrace!: string;

  /** How long before a senior exchange's start an organisation with no accepted senior participant has its coordinators reminded. */
  @Column({ name: 'attendance_check', type: 'text', default: 'P2D' })
  attendanceCheck!: string;
}

export const FOLLOW_UP_DEFAULTS: Readonly<FollowUpTimes> = {
  confirmationDeadline: 'P7D',
  escalateAfter: 'P2D',
  agendaFreeze: 'P1D',
  minutesDue: 'P5D',
  actionItemNotice: 'P2D',
  actionItemGrace: 'P3D',
  attendanceCheck: 'P2D',
};

export const FOLLOW_UP_FIELDS = Object.keys(FOLLOW_UP_DEFAULTS) as Array<keyof FollowUpTimes>;

/** The times given, the defaults for the rest. */
export function followUpTimes(given: Partial<FollowUpTimes>): FollowUpTimes {
  const times = { ...FOLLOW_UP_DEFAULTS };
  for (const field of FOLLOW_UP_FIELDS) {
    const value = given[field];
    if (value !== undefined) times[field] = value;
  }
  return times;
}
