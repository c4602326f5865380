import type { AttendanceStatus } from '@liaison/domain';
import type { AttendanceRepository, ExchangeEntity, ExchangesRepository, PeopleRepository, PersonEntity } from '@liaison/persistence';
import type { EmailChannel } from '../channels/email.channel';
import type { SendCalendarUpdateJob } from '../queue/reminder-queue';
import { CalendarDelivery } from './calendar-delivery.service';

/** The decisions a calendar update job takes when it runs, on the exchange and the person as they are then. */
describe('CalendarDelivery.sendUpdate', () => {
  const exchangeId = 'e1';
  const personId = 'p1';
  const job = (reason: SendCalendarUpdateJob['reason'], sequence = 1): SendCalendarUpdateJob => ({
    exchangeId,
    personId,
    sequence,
    reason,
  });

  function delivery(state: { exchange?: Partial<ExchangeEntity>; person?: Partial<PersonEntity>; attendance?: AttendanceStatus | null }): {
    sent: Array<{ kind: string; attendance: string; id: string }>;
    service: CalendarDelivery;
  } {
    const sent: Array<{ kind: string; attendance: string; id: string }> = [];
    const exchange = { id: exchangeId, status: 'planned', scheduleRevision: 2, ...state.exchange } as ExchangeEntity;
    const person = { id: personId, emailEnabled: true, deactivatedAt: null, ...state.person } as PersonEntity;
    const service = new CalendarDelivery(
      { findById: async () => exchange } as unknown as ExchangesRepository,
      { withOrganization: async () => person } as unknown as PeopleRepository,
      { attendanceOf: async () => (state.attendance === undefined ? 'needs-action' : state.attendance) } as unknown as AttendanceRepository,
      {
        calendarMessage: async (_e: ExchangeEntity, _p: PersonEntity, message: { kind: string; attendance: string; id: string }) => {
          sent.push(message);
        },
      } as unknown as EmailChannel,
    );
    return { sent, service };
  }

  it('sends a participant the current state with their PARTSTAT, under the job id', async () => {
    const { sent, service } = delivery({ attendance: 'tentative' });
    expect(await service.sendUpdate(job('rescheduled'))).toBe('sent');
    expect(sent).toEqual([{ kind: 'update', attendance: 'tentative', id: `update.${exchangeId}.${personId}.1` }]);
  });

  it('skips a reschedule overtaken by a later one: that one’s own job carries the later SEQUENCE', async () => {
    const { sent, service } = delivery({ exchange: { scheduleRevision: 3 } });
    expect(await service.sendUpdate(job('rescheduled', 1))).toBe('stale');
    expect(sent).toEqual([]);
  });

  it('sends an addition whatever the SEQUENCE: no later job is sure to include the newcomer', async () => {
    const { sent, service } = delivery({ exchange: { scheduleRevision: 3 } });
    expect(await service.sendUpdate(job('added', 1))).toBe('sent');
    expect(sent.map((m) => m.kind)).toEqual(['added']);
  });

  it('leaves a cancelled exchange to its CANCEL, and a person no longer taking part to their removal', async () => {
    const cancelled = delivery({ exchange: { status: 'cancelled' } });
    expect(await cancelled.service.sendUpdate(job('rescheduled'))).toBe('stale');
    const gone = delivery({ attendance: null });
    expect(await gone.service.sendUpdate(job('rescheduled'))).toBe('stale');
    expect([...cancelled.sent, ...gone.sent]).toEqual([]);
  });

  it('sends a removed person a CANCEL, even of a cancelled exchange, unless they take part again', async () => {
    const removed = delivery({ attendance: null, exchange: { status: 'cancelled' } });
    expect(await removed.service.sendUpdate(job('removed'))).toBe('sent');
    expect(removed.sent.map((m) => m.kind)).toEqual(['removed']);
    const back = delivery({ attendance: 'needs-action' });
    expect(await back.service.sendUpdate(job('removed'))).toBe('stale');
    expect(back.sent).toEqual([]);
  });

  it('sends nothing to a deactivated person or one without e-mail', async () => {
    const leaver = delivery({ person: { deactivatedAt: new Date() } });
    expect(await leaver.service.sendUpdate(job('added'))).toBe('skipped');
    const quiet = delivery({ person: { emailEnabled: false } });
    expect(await quiet.service.sendUpdate(job('added'))).toBe('stale');
    expect([...leaver.sent, ...quiet.sent]).toEqual([]);
  });
});
