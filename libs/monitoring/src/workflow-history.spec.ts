import { msNumberToTs } from '@temporalio/common/lib/time';
import type { temporal } from '@temporalio/proto';
import { activitiesScheduledAt, failureMessage, lastFailure, pendingTimers, resetPoint } from './workflow-history';

type Event = temporal.api.history.v1.IHistoryEvent;
const at = (iso: string) => msNumberToTs(Date.parse(iso));
const event = (id: number, iso: string, attributes: Partial<Event>): Event => ({
  eventId: id as unknown as Event['eventId'],
  eventTime: at(iso),
  ...attributes,
});
const seconds = (n: number) => msNumberToTs(n * 1000);

describe('workflow history', () => {
  const history: Event[] = [
    event(3, '2026-05-04T09:00:00Z', { workflowTaskCompletedEventAttributes: {} }),
    event(5, '2026-05-04T09:00:00Z', { timerStartedEventAttributes: { timerId: '1', startToFireTimeout: seconds(60) } }),
    event(6, '2026-05-04T09:00:00Z', { timerStartedEventAttributes: { timerId: '2', startToFireTimeout: seconds(86_400) } }),
    event(7, '2026-05-04T09:00:00Z', { timerStartedEventAttributes: { timerId: '3', startToFireTimeout: seconds(30) } }),
    event(8, '2026-05-04T09:00:00Z', {
      activityTaskScheduledEventAttributes: { activityId: '4', activityType: { name: 'planReminders' } },
    }),
    event(9, '2026-05-04T09:00:30Z', { timerFiredEventAttributes: { timerId: '3' } }),
    event(10, '2026-05-04T09:00:31Z', {
      activityTaskFailedEventAttributes: { failure: { message: 'Activity task failed', cause: { message: 'no row' } } },
    }),
    event(11, '2026-05-04T09:00:40Z', { timerCanceledEventAttributes: { timerId: '1' } }),
    event(12, '2026-05-04T09:01:00Z', { workflowTaskCompletedEventAttributes: {} }),
    event(13, '2026-05-04T09:01:05Z', {
      activityTaskScheduledEventAttributes: { activityId: '4', activityType: { name: 'planReminders' } },
    }),
  ];

  it('keeps the timers neither fired nor cancelled, with the instant each fires', () => {
    expect(pendingTimers(history)).toEqual([{ timerId: '2', firesAt: '2026-05-05T09:00:00.000Z' }]);
  });

  it('dates an activity from its latest scheduling', () => {
    expect(activitiesScheduledAt(history).get('4')).toBe('2026-05-04T09:01:05.000Z');
  });

  it('finds the latest failure with its causes', () => {
    expect(lastFailure(history)).toEqual({ at: '2026-05-04T09:00:31.000Z', source: 'activity', message: 'Activity task failed: no row' });
    const failed = [
      ...history,
      event(14, '2026-05-04T09:02:00Z', { workflowExecutionFailedEventAttributes: { failure: { message: 'gone' } } }),
    ];
    expect(lastFailure(failed)).toMatchObject({ source: 'workflow', message: 'gone' });
    expect(lastFailure(history.slice(0, 3))).toBeNull();
  });

  it('stops a failure chain after four messages', () => {
    const deep = { message: 'a', cause: { message: 'b', cause: { message: 'c', cause: { message: 'd', cause: { message: 'e' } } } } };
    expect(failureMessage(deep)).toBe('a: b: c: d');
  });

  it('resets to the first or the last completed workflow task', () => {
    expect(resetPoint(history, 'first-workflow-task')?.eventId).toBe(3);
    expect(resetPoint(history, 'last-workflow-task')?.eventId).toBe(12);
    expect(resetPoint([], 'last-workflow-task')).toBeUndefined();
  });
});
