import { createPerson, inSeconds, TestPerson, waitFor } from '../support/fixtures';
import { act, auditOf, createExchange, exchangeBody, exchangeOf, remindersOf, useStack } from '../support/exchanges';
import { ADMIN_TOKEN } from '../support/stack';
import { answered } from '../support/typed-client';

type Answer = { status: 'accepted' | 'tentative' | 'declined' | 'delegated'; delegateId?: string };
type Json = Record<string, any>;

describe('attendance: POST /v1/exchanges/:id/attendance', () => {
  const world = useStack(0);
  const DAY = 86_400;

  const answer = async (token: string, exchangeId: string, body: Answer) =>
    (await world.stack.client(token)).POST('/v1/exchanges/{id}/attendance', { params: { path: { id: exchangeId } }, body });
  const refusal = async (token: string, exchangeId: string, body: unknown) => {
    const res = await world.stack
      .http()
      .post(`/v1/exchanges/${exchangeId}/attendance`)
      .auth(token, { type: 'bearer' })
      .send(body as object);
    return { status: res.status, code: (res.body as Json).code as string | undefined, message: String((res.body as Json).message) };
  };
  const entryOf = (exchange: Json, personId: string) => (exchange.participants as Json[]).find((p) => p.id === personId)!;

  /** A UN participant, a NATO participant and a UN colleague who does not take part, on a new exchange two days ahead. */
  async function scene(overrides: Record<string, unknown> = {}, alsoTakingPart: TestPerson[] = []) {
    const { un, nato } = world.cast;
    const unPart = await createPerson(world.stack, un, {});
    const natoPart = await createPerson(world.stack, nato, {});
    const colleague = await createPerson(world.stack, un, {});
    const exchange = await createExchange(
      world.stack,
      world.cast.unCoordinator,
      exchangeBody(world.cast, {
        startsAt: inSeconds(2 * DAY),
        participantIds: [unPart.id, natoPart.id, ...alsoTakingPart.map((p) => p.id)],
        reminderOffsets: [],
        ...overrides,
      }),
    );
    return { unPart, natoPart, colleague, id: exchange.id as string };
  }

  it('records the answer, shows it to the participant and the coordinators only, and audits it', async () => {
    const { unPart, natoPart, id } = await scene();
    const before = await exchangeOf(world.stack, unPart, id);
    expect(before.actions).toContain('answer-attendance');
    expect(entryOf(before, unPart.id)).toMatchObject({ attendance: 'needs-action', respondedAt: null });

    const after = await answered('accept', 200, answer(unPart.token, id, { status: 'accepted' }));
    expect(entryOf(after, unPart.id)).toMatchObject({ attendance: 'accepted', respondedAt: expect.any(String), delegatedTo: null });
    await answered('maybe', 200, answer(natoPart.token, id, { status: 'tentative' }));

    // A participant sees their own answer, not another's.
    const seenByUnPart = await exchangeOf(world.stack, unPart, id);
    expect(entryOf(seenByUnPart, unPart.id).attendance).toBe('accepted');
    expect(entryOf(seenByUnPart, natoPart.id)).toMatchObject({ attendance: null, respondedAt: null });
    // Coordinators of either organisation, and admins, see everyone's.
    for (const coordinator of [world.cast.unCoordinator, world.cast.natoCoordinator]) {
      const seen = await exchangeOf(world.stack, coordinator, id);
      expect([entryOf(seen, unPart.id).attendance, entryOf(seen, natoPart.id).attendance]).toEqual(['accepted', 'tentative']);
      expect(seen.actions).not.toContain('answer-attendance');
    }
    const byAdmin = await answered(
      'admin read',
      200,
      (await world.stack.client(ADMIN_TOKEN)).GET('/v1/exchanges/{id}', { params: { path: { id } } }),
    );
    expect(byAdmin.participants.map((p) => p.attendance).sort()).toEqual(['accepted', 'tentative']);

    // The same answer again changes nothing (and is not audited twice).
    const again = await answered('accept again', 200, answer(unPart.token, id, { status: 'accepted' }));
    expect(entryOf(again, unPart.id).respondedAt).toBe(entryOf(after, unPart.id).respondedAt);

    // Changing one's mind is an answer too.
    const declined = await answered('decline', 200, answer(unPart.token, id, { status: 'declined' }));
    expect(entryOf(declined, unPart.id).attendance).toBe('declined');

    const trail = (await auditOf(world.stack, id)).filter((e) => e.action === 'exchange.attendance');
    expect(trail.map((e) => [e.actorId, e.fromState, e.toState])).toEqual([
      [unPart.id, 'needs-action', 'accepted'],
      [natoPart.id, 'needs-action', 'tentative'],
      [unPart.id, 'accepted', 'declined'],
    ]);
  });

  it('refuses, with a code, whoever may not answer and what may not be answered', async () => {
    const takingPart = await createPerson(world.stack, world.cast.un, {});
    const { unPart, colleague, id } = await scene({}, [takingPart]);
    const other = await createPerson(world.stack, world.cast.nato, {});
    const stranger = await createPerson(world.stack, world.cast.un, {});
    const cases: Array<[string, string, unknown, number, string | undefined]> = [
      ['a coordinator who does not take part', world.cast.unCoordinator.token, { status: 'accepted' }, 403, 'ATTENDANCE.NOT_PARTICIPANT'],
      ['the admin token', ADMIN_TOKEN, { status: 'accepted' }, 403, 'ATTENDANCE.NOT_PARTICIPANT'],
      ['someone who cannot see the exchange', stranger.token, { status: 'accepted' }, 404, 'EXCHANGE.NOT_FOUND'],
      ['an unknown status', unPart.token, { status: 'needs-action' }, 400, undefined],
      ['a delegation without a delegate', unPart.token, { status: 'delegated' }, 422, 'ATTENDANCE.DELEGATE_REQUIRED'],
      [
        'a delegate with another answer',
        unPart.token,
        { status: 'accepted', delegateId: colleague.id },
        422,
        'ATTENDANCE.DELEGATE_UNEXPECTED',
      ],
      ['a delegate that is no id', unPart.token, { status: 'delegated', delegateId: 'someone' }, 400, undefined],
      ['a delegation to oneself', unPart.token, { status: 'delegated', delegateId: unPart.id }, 422, 'ATTENDANCE.DELEGATE_SELF'],
      [
        'a delegate nobody is',
        unPart.token,
        { status: 'delegated', delegateId: '00000000-0000-4000-8000-000000000000' },
        422,
        'ATTENDANCE.UNKNOWN_DELEGATE',
      ],
      [
        'a delegate of another organisation',
        unPart.token,
        { status: 'delegated', delegateId: other.id },
        422,
        'ATTENDANCE.DELEGATE_OUTSIDE',
      ],
      [
        'a delegate who takes part already',
        unPart.token,
        { status: 'delegated', delegateId: takingPart.id },
        422,
        'ATTENDANCE.DELEGATE_PARTICIPATING',
      ],
    ];
    const seen = [];
    for (const [what, token, body, status] of cases) {
      const res = await refusal(token, id, body);
      seen.push([what, res.status, status === 400 ? undefined : res.code]);
      if (status === 400) expect(res.message).toMatch(/status|delegateId/);
    }
    expect(seen).toEqual(cases.map(([what, , , status, code]) => [what, status, code]));

    // A deactivated colleague is no delegate.
    await answered(
      'deactivate',
      200,
      (await world.stack.client(ADMIN_TOKEN)).POST('/v1/people/{id}/deactivate', { params: { path: { id: colleague.id } } }),
    );
    expect(await refusal(unPart.token, id, { status: 'delegated', delegateId: colleague.id })).toMatchObject({
      status: 422,
      code: 'ATTENDANCE.UNKNOWN_DELEGATE',
    });

    // Nothing changed.
    const after = await exchangeOf(world.stack, world.cast.unCoordinator, id);
    expect((after.participants as Json[]).map((p) => p.attendance)).toEqual(['needs-action', 'needs-action', 'needs-action']);

    // A cancelled exchange takes no answer.
    await answered('cancel', 200, act(world.stack, world.cast.unCoordinator, id, 'cancel', { reason: 'Postponed' }));
    expect(await refusal(unPart.token, id, { status: 'accepted' })).toMatchObject({ status: 409, code: 'EXCHANGE.NOT_OPEN' });
    expect((await exchangeOf(world.stack, unPart, id)).actions).not.toContain('answer-attendance');
  });

  it('a delegation makes the colleague a participant who gets the reminders, and the delegator none', async () => {
    const { unPart, colleague, id } = await scene({ reminderOffsets: ['P1D', 'PT1H'] });
    const coordinator = world.cast.unCoordinator;
    // Two reminders each (in-app) for the two participants, planned by the workflow.
    await waitFor(
      `reminders of ${id} planned`,
      () => remindersOf(world.stack, coordinator, id),
      (rows) => rows.length === 4,
    );

    // Whom unPart may delegate to: UN's active people who do not take part, themself and NATO's people not among them.
    const delegatesOf = async (person: TestPerson) =>
      (await world.stack.client(person.token)).GET('/v1/exchanges/{id}/attendance/delegates', { params: { path: { id } } });
    const candidates = (await answered('delegates', 200, delegatesOf(unPart))).map((p) => p.id);
    expect(candidates).toEqual(expect.arrayContaining([colleague.id, coordinator.id]));
    expect(candidates).not.toContain(unPart.id);
    expect(candidates).not.toContain(world.cast.natoCoordinator.id);
    expect((await delegatesOf(coordinator)).response.status).toBe(403);

    const after = await answered('delegate', 200, answer(unPart.token, id, { status: 'delegated', delegateId: colleague.id }));
    expect(entryOf(after, unPart.id)).toMatchObject({ attendance: 'delegated', delegatedTo: colleague.id });
    expect(after.actions).not.toContain('answer-attendance');

    const seenByColleague = await exchangeOf(world.stack, colleague, id);
    expect(entryOf(seenByColleague, colleague.id)).toMatchObject({ attendance: 'needs-action', delegatedFrom: unPart.id });
    expect(seenByColleague.actions).toContain('answer-attendance');

    const rows = await remindersOf(world.stack, coordinator, id);
    const statusesOf = (person: TestPerson) =>
      rows
        .filter((r) => r.personId === person.id)
        .map((r) => `${r.offset} ${r.status}`)
        .sort();
    expect(statusesOf(unPart)).toEqual(['P1D cancelled', 'PT1H cancelled']);
    expect(statusesOf(colleague)).toEqual(['P1D queued', 'PT1H queued']);

    // Handed on: the delegator answers no more; the delegate does.
    expect(await refusal(unPart.token, id, { status: 'accepted' })).toMatchObject({ status: 409, code: 'ATTENDANCE.ALREADY_DELEGATED' });
    await answered('delegate accepts', 200, answer(colleague.token, id, { status: 'accepted' }));

    // The next revision's reminders: the delegate's, not the delegator's.
    await answered('reschedule', 200, act(world.stack, coordinator, id, 'reschedule', { startsAt: inSeconds(3 * DAY), reason: 'Later' }));
    const next = await waitFor(
      `reminders of revision 2 of ${id}`,
      () => remindersOf(world.stack, coordinator, id),
      (all) => all.filter((r) => r.revision === 2).length >= 4,
    );
    const revision2 = next.filter((r) => r.revision === 2).map((r) => r.personId);
    expect(revision2).toContain(colleague.id);
    expect(revision2).not.toContain(unPart.id);
  });
});
