import { SUPPORT_STEP_NAMES, SupportStep } from '../../libs/domain/src';
import { act, createExchange, exchangeBody, useStack } from '../support/exchanges';
import { inSeconds, TestPerson } from '../support/fixtures';
import { ADMIN_TOKEN } from '../support/stack';
import { requestOf, step, StepBody, submit, supportCast, SupportCast } from '../support/support-requests';

/** A valid body for each step, so that a refusal is about who and when, never about the body. */
const BODIES: { [S in SupportStep]: StepBody<S> } = {
  acknowledge: {},
  'request-information': { question: 'Which rotation?' },
  'provide-information': { answer: 'The next one.' },
  recommend: { recommendation: 'approve', rationale: 'Fits the plan.' },
  decide: { decision: 'approve' },
  'start-delivery': {},
  deliver: { summary: 'Course given.' },
  close: {},
  withdraw: { reason: 'No longer needed.' },
};

/**
 * The `actions` an answer lists are what the API lets the caller do: the web app shows them as
 * buttons and holds no rule of its own, so a listed action must be taken and an unlisted one refused.
 */
describe('actions open to the caller', () => {
  const world = useStack(1);

  describe('of a support request', () => {
    let cast: SupportCast;
    beforeAll(async () => {
      cast = await supportCast(world.stack);
    });

    /** The request as `person` reads it: its actions; and every step it does not list is refused (403 or 409), changing nothing. */
    async function listedAndRefused(person: TestPerson, id: string): Promise<string[]> {
      const before = await requestOf(world.stack, person, id);
      const actions = before.actions as string[];
      for (const name of SUPPORT_STEP_NAMES.filter((s) => !actions.includes(s))) {
        const { response } = await step(world.stack, person, id, name, BODIES[name]);
        expect([name, response.status === 403 || response.status === 409]).toEqual([name, true]);
      }
      expect((await requestOf(world.stack, person, id)).status).toBe(before.status);
      return actions;
    }

    it('lists to each side exactly the steps it may take, along the whole life of a request', async () => {
      const { id } = await submit(world.stack, cast);
      const sides: TestPerson[] = [cast.requester, cast.requesterParticipant, cast.provider, cast.providerSenior];
      const path: Array<[SupportStep, TestPerson]> = [
        ['acknowledge', cast.provider],
        ['recommend', cast.provider],
        ['decide', cast.providerSenior],
        ['start-delivery', cast.provider],
        ['deliver', cast.provider],
        ['close', cast.requester],
      ];
      for (const [next, taker] of path) {
        const listed = new Map<TestPerson, string[]>();
        for (const person of sides) listed.set(person, await listedAndRefused(person, id as string));
        expect(listed.get(taker)).toContain(next);
        expect(listed.get(cast.requester)).toContain(next === 'close' ? 'close' : 'withdraw');
        const { response } = await step(world.stack, taker, id as string, next, BODIES[next]);
        expect([next, response.status]).toEqual([next, 200]);
      }
      for (const person of sides) expect(await listedAndRefused(person, id as string)).toEqual([]);
    });

    it('lets the side that may withdraw, withdraw', async () => {
      const { id } = await submit(world.stack, cast);
      expect((await requestOf(world.stack, cast.requester, id as string)).actions).toEqual(['withdraw', 'raise']);
      const { response } = await step(world.stack, cast.requester, id as string, 'withdraw', BODIES.withdraw);
      expect(response.status).toBe(200);
    });
  });

  describe('of an exchange', () => {
    it('lists confirm only for the organisations the caller still may confirm for, and nothing to a participant', async () => {
      const { unCoordinator, natoCoordinator, participants } = world.cast;
      const participant = participants[0];
      const exchange = await createExchange(
        world.stack,
        unCoordinator,
        exchangeBody(world.cast, { startsAt: inSeconds(86_400 * 7), participantIds: [participant.id] }),
      );
      const read = async (token: string) => {
        const { data } = await (
          await world.stack.client(token)
        ).GET('/v1/exchanges/{id}', { params: { path: { id: exchange.id as string } } });
        return data!;
      };
      const coordinator = ['confirm', 'reschedule', 'cancel', 'propose-agenda-item', 'add-action-item', 'view-reminders'];
      expect(await read(unCoordinator.token)).toMatchObject({
        actions: coordinator,
        actingFor: [world.cast.un],
        confirmableFor: [world.cast.un],
      });
      const both = [world.cast.un, world.cast.nato].sort();
      const admin = await read(ADMIN_TOKEN);
      expect([[...admin.actingFor].sort(), [...admin.confirmableFor].sort()]).toEqual([both, both]);
      // A participant answers whether they attend, and nothing more.
      expect(await read(participant.token)).toMatchObject({ actions: ['answer-attendance'], actingFor: [], confirmableFor: [] });
      // Every reader sees the participants by name and organisation (never their e-mail); a coordinator, their attendance.
      const named = (await read(natoCoordinator.token)).participants;
      expect(named).toEqual([
        {
          id: participant.id,
          name: `Person ${participant.email}`,
          organization: participant.organization,
          attendance: 'needs-action',
          respondedAt: null,
          delegatedTo: null,
          delegatedFrom: null,
        },
      ]);

      // What the participant is not offered, the API refuses.
      const client = await world.stack.client(participant.token);
      const reminders = await client.GET('/v1/exchanges/{id}/reminders', { params: { path: { id: exchange.id as string } } });
      expect(reminders.response.status).toBe(403);
      expect(
        (await act(world.stack, participant, exchange.id as string, 'confirm', { organization: world.cast.nato })).response.status,
      ).toBe(403);

      expect(
        (await act(world.stack, unCoordinator, exchange.id as string, 'confirm', { organization: world.cast.un })).response.status,
      ).toBe(200);
      expect(await read(unCoordinator.token)).toMatchObject({ actions: coordinator.slice(1), confirmableFor: [] });
      expect((await read(natoCoordinator.token)).confirmableFor).toEqual([world.cast.nato]);

      expect((await act(world.stack, natoCoordinator, exchange.id as string, 'cancel', { reason: 'Moved online' })).response.status).toBe(
        200,
      );
      expect(await read(unCoordinator.token)).toMatchObject({ actions: ['view-reminders'], confirmableFor: [] });
    });
  });
});
