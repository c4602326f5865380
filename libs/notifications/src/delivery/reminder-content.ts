import { Inject, Injectable } from '@nestjs/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { FINAL_SUPPORT_STATUSES, SupportDeadlineKind, SupportDeadlineStage } from '@liaison/domain';
import {
  ActionItemEntity,
  AttendanceRepository,
  ExchangeEntity,
  ExchangesRepository,
  MinutesRepository,
  OrganizationsRepository,
  PersonEntity,
  ReminderEntity,
  SupportRequestsRepository,
} from '@liaison/persistence';
import { exchangeInvitation } from '../channels/ics';
import { ReminderMessage, renderReminder } from '../channels/reminder-message';
import { renderSupportReminder } from '../channels/support-message';
import type { LoadedReminder } from './reminder-reader';

/** What a reminder says inside Liaison (inbox) and outside it (e-mail, webhook), what it links to, and the invitation it carries. */
export interface ReminderContent {
  inbox: ReminderMessage;
  email: ReminderMessage;
  invitation: string | null;
  exchangeId: string | null;
  supportRequestId: string | null;
}

/** Either why the reminder no longer applies, or what it says. */
export type Composed = { stale: string } | { stale: null; content: ReminderContent };

/**
 * Re-reads what a reminder is about at the moment of sending (an exchange, one of its action items,
 * a support request's deadline), decides in one place whether the reminder is still current, and
 * renders it for each channel.
 */
@Injectable()
export class ReminderComposer {
  constructor(
    private readonly exchanges: ExchangesRepository,
    private readonly minutes: MinutesRepository,
    private readonly supportRequests: SupportRequestsRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly attendance: AttendanceRepository,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
  ) {}

  async compose(reminder: LoadedReminder, person: PersonEntity): Promise<Composed> {
    // A webhook reminder planned before the person removed their URL has nowhere to go.
    if (reminder.channel === 'webhook' && !person.webhookUrl) return { stale: 'webhook URL removed' };
    return reminder.supportRequestId ? this.supportRequest(reminder, reminder.supportRequestId, person) : this.exchange(reminder, person);
  }

  private async exchange(reminder: LoadedReminder, person: PersonEntity): Promise<Composed> {
    // Read with the reminder, in the same query (ReminderReader).
    const { exchange } = reminder;
    if (!exchange) throw new Error(`reminder ${reminder.key}: its exchange ${reminder.exchangeId} is gone`);
    const item = reminder.actionItem ?? null;
    const stale = await this.exchangeOvertaken(reminder, exchange, person, item);
    if (stale) return { stale };
    const render = (outsideLiaison: boolean) =>
      renderReminder(exchange, person, {
        publicBaseUrl: this.config.publicBaseUrl,
        outsideLiaison,
        kind: reminder.kind,
        organization: person.organization?.code,
        actionItem: item ? { id: item.id, title: item.title, dueAt: item.dueAt } : undefined,
      });
    // The meeting's invitation rides with e-mailed reminders about the meeting, not with its follow-up;
    // it carries the person's own answer (PARTSTAT), read only for those.
    const aboutTheMeeting = reminder.channel === 'email' && ['exchange', 'confirmation', 'escalation'].includes(reminder.kind);
    const attendance = aboutTheMeeting ? ((await this.attendance.attendanceOf(exchange.id, person.id)) ?? 'needs-action') : 'needs-action';
    return {
      stale: null,
      content: renderedOnUse({
        inbox: () => render(false),
        email: () => render(true),
        invitation: () =>
          aboutTheMeeting
            ? exchangeInvitation(exchange, person, {
                organizerEmail: this.config.mailFrom,
                publicBaseUrl: this.config.publicBaseUrl,
                attendance,
              })
            : null,
        exchangeId: exchange.id,
        supportRequestId: null,
      }),
    };
  }

  /**
   * Why an exchange's reminder no longer applies, or null: the exchange was cancelled; it was moved
   * (a reminder of an older schedule revision; an action item's reminder carries the item's revision
   * instead); or what a follow-up asks for was done meanwhile.
   */
  private async exchangeOvertaken(
    reminder: ReminderEntity,
    exchange: ExchangeEntity,
    person: PersonEntity,
    actionItem: ActionItemEntity | null,
  ): Promise<string | null> {
    if (exchange.status === 'cancelled') return 'exchange cancelled';
    if (!reminder.actionItemId && exchange.scheduleRevision !== reminder.revision) return 'exchange rescheduled';
    switch (reminder.kind) {
      case 'confirmation':
      case 'escalation':
        return (await this.exchanges.hasConfirmed(exchange.id, person.organizationId)) ? 'confirmed meanwhile' : null;
      case 'minutes':
      case 'minutes-escalation':
        return (await this.minutes.drafted(exchange.id)) ? 'minutes drafted meanwhile' : null;
      case 'action-due':
      case 'action-overdue':
      case 'action-escalation':
        if (!actionItem || actionItem.status !== 'open') return `action item ${actionItem?.status ?? 'gone'}`;
        return actionItem.revision !== reminder.revision ? 'action item changed' : null;
      default:
        return null;
    }
  }

  /** A deadline reminder applies while the request is open and the deadline unmet, running, and at the reminder's revision. */
  private async supportRequest(reminder: ReminderEntity, requestId: string, person: PersonEntity): Promise<Composed> {
    const request = await this.supportRequests.findById(requestId);
    if (!request) throw new Error(`reminder ${reminder.key}: its support request ${requestId} is gone`);
    const deadline = await this.supportRequests.deadline(requestId, reminder.offset as SupportDeadlineKind);
    if (FINAL_SUPPORT_STATUSES.includes(request.status)) return { stale: `request ${request.status}` };
    if (!deadline || deadline.metAt) return { stale: 'deadline met meanwhile' };
    if (deadline.pausedAt) return { stale: 'waiting for the requester' };
    if (deadline.revision !== reminder.revision) return { stale: 'deadline moved' };
    const codes = await this.organizations.byIds([request.requestingOrganizationId, request.providingOrganizationId]);
    const codeOf = (id: string) => codes.find((o) => o.id === id)?.code ?? id;
    const render = (outsideLiaison: boolean) =>
      renderSupportReminder(request, deadline, person, {
        publicBaseUrl: this.config.publicBaseUrl,
        outsideLiaison,
        kind: reminder.kind as SupportDeadlineStage,
        requesting: codeOf(request.requestingOrganizationId),
        providing: codeOf(request.providingOrganizationId),
      });
    return {
      stale: null,
      content: renderedOnUse({
        inbox: () => render(false),
        email: () => render(true),
        invitation: () => null,
        exchangeId: null,
        supportRequestId: request.id,
      }),
    };
  }
}

type Rendered = Pick<ReminderContent, 'inbox' | 'email' | 'invitation'>;

/**
 * The content with each rendering made the first time a channel reads it: an in-app reminder never
 * pays for the e-mail text or the calendar invitation.
 */
function renderedOnUse(parts: { [K in keyof Rendered]: () => Rendered[K] } & Omit<ReminderContent, keyof Rendered>): ReminderContent {
  const made = new Map<keyof Rendered, unknown>();
  const once = <K extends keyof Rendered>(key: K): Rendered[K] => {
    if (!made.has(key)) made.set(key, parts[key]());
    return made.get(key) as Rendered[K];
  };
  return {
    get inbox() {
      return once('inbox');
    },
    get email() {
      return once('email');
    },
    get invitation() {
      return once('invitation');
    },
    exchangeId: parts.exchangeId,
    supportRequestId: parts.supportRequestId,
  };
}
