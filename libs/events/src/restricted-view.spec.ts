import { restrictedView } from './restricted-view';

describe('restrictedView', () => {
  it('keeps ids, statuses and times, and drops everything else', () => {
    const exchange = {
      id: 'e1',
      workflowId: 'exchange-e1',
      title: 'Budget talks',
      location: 'Room 4',
      status: 'confirmed',
      startsAt: '2030-01-01T10:00:00+01:00',
      endsAt: '2030-01-01T11:00:00+01:00',
      timezone: 'Europe/Brussels',
      seriesId: null,
      slotStart: null,
      participantIds: ['p1', 'p2'],
      participants: [{ id: 'p1', name: 'Ana' }],
      confirmations: [{ organization: 'ORG-A', confirmedAt: null }],
      cancelReason: null,
      durationMinutes: 60,
      marking: 'RESTRICTED',
      updatedAt: '2030-01-01T09:00:00Z',
    };
    expect(restrictedView(exchange)).toEqual({
      id: 'e1',
      workflowId: 'exchange-e1',
      status: 'confirmed',
      startsAt: '2030-01-01T10:00:00+01:00',
      endsAt: '2030-01-01T11:00:00+01:00',
      timezone: 'Europe/Brussels',
      seriesId: null,
      slotStart: null,
      participantIds: ['p1', 'p2'],
      updatedAt: '2030-01-01T09:00:00Z',
    });
  });

  it('keeps a transition as its two statuses', () => {
    expect(restrictedView({ id: 'r1', fromStatus: 'submitted', toStatus: 'acknowledged', comment: 'on it' })).toEqual({
      id: 'r1',
      fromStatus: 'submitted',
      toStatus: 'acknowledged',
    });
  });

  it('drops an object even under a kept name', () => {
    expect(restrictedView({ id: 'x', createdAt: { by: 'Ana' } })).toEqual({ id: 'x' });
  });
});
