import { attendanceLinks, signAttendanceToken } from '../../libs/common/src';
import { createPerson, inSeconds, TestPerson } from '../support/fixtures';
import { act, auditOf, createExchange, exchangeBody, exchangeOf, useStack } from '../support/exchanges';
import { ADMIN_TOKEN } from '../support/stack';
import { answered } from '../support/typed-client';

type Json = Record<string, any>;

/**
 * The attendance links of the invitation e-mail, used as a mail client (or its security scanner)
 * would: no bearer token, no cookie. The links are made as the notifier makes them
 * (`attendanceLinks`, with the stack's server secret).
 */
describe('attendance links: GET and POST /v1/attendance/link', () => {
  const world = useStack(0);
  const DAY = 86_400;

  const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;
  const linksFor = (person: TestPerson, exchange: Json) =>
    attendanceLinks(
      { publicBaseUrl: 'https://liaison.example.org', adminToken: ADMIN_TOKEN },
      {
        personId: person.id,
        exchangeId: exchange.id as string,
        revision: exchange.scheduleRevision as number,
        expiresAt: new Date(exchange.endsAt as string),
      },
    );
  const look = (token: string) => world.stack.http().get('/v1/attendance/link').query({ token });
  const post = (token: string, answer: string) => world.stack.http().post('/v1/attendance/link').send({ token, answer });
  const attendanceOf = async (person: TestPerson, exchangeId: string) =>
    ((await exchangeOf(world.stack, world.cast.unCoordinator, exchangeId)).participants as Json[]).find((p) => p.id === person.id)!
      .attendance as string;

  async function scene(overrides: Record<string, unknown> = {}) {
    const x = await createPerson(world.stack, world.cast.un, {});
    const y = await createPerson(world.stack, world.cast.nato, {});
    const exchange = await createExchange(
      world.stack,
      world.cast.unCoordinator,
      exchangeBody(world.cast, { startsAt: inSeconds(2 * DAY), participantIds: [x.id, y.id], reminderOffsets: [], ...overrides }),
    );
    return { x, y, exchange };
  }

  it('a GET shows what the link is for and changes nothing; a POST answers, with no sign-in', async () => {
    const { x, exchange } = await scene();
    const links = linksFor(x, exchange);
    expect(new URL(links.accepted).pathname).toBe('/attend');

    for (let i = 0; i < 3; i++) {
      const res = await look(tokenOf(links.accepted));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        exchangeId: exchange.id,
        title: exchange.title,
        marking: 'UNMARKED',
        startsAt: exchange.startsAt,
        endsAt: exchange.endsAt,
        timezone: exchange.timezone,
        status: 'scheduled',
        personName: expect.any(String),
        attendance: 'needs-action',
        respondedAt: null,
      });
    }
    expect(await attendanceOf(x, exchange.id)).toBe('needs-action');

    const res = await post(tokenOf(links.tentative), 'tentative');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ attendance: 'tentative', respondedAt: expect.any(String) });
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(await attendanceOf(x, exchange.id)).toBe('tentative');
    const trail = (await auditOf(world.stack, exchange.id)).filter((e) => e.action === 'exchange.attendance');
    expect(trail).toEqual([{ action: 'exchange.attendance', actorId: x.id, fromState: 'needs-action', toState: 'tentative' }]);
  });

  it('a link of person X never answers for Y, and a link gives no delegation', async () => {
    const { x, y, exchange } = await scene();
    const res = await post(tokenOf(linksFor(x, exchange).declined), 'declined');
    expect(res.status).toBe(200);
    expect([await attendanceOf(x, exchange.id), await attendanceOf(y, exchange.id)]).toEqual(['declined', 'needs-action']);
    expect((await post(tokenOf(linksFor(x, exchange).declined), 'delegated')).status).toBe(400);

    // A link made for someone who does not take part (signed, but no participant) answers for nobody.
    const outsider = await createPerson(world.stack, world.cast.un, {});
    const theirs = await post(tokenOf(linksFor(outsider, exchange).accepted), 'accepted');
    expect([theirs.status, theirs.body.code]).toEqual([403, 'ATTENDANCE.NOT_PARTICIPANT']);
  });

  it('refuses a tampered, expired or rescheduled link, each with its code', async () => {
    const { x, exchange } = await scene();
    const token = tokenOf(linksFor(x, exchange).accepted);
    const [payload, signature] = token.split('.');
    const tampered = [
      `${payload}.${signature.slice(0, -2)}xx`,
      `${Buffer.from(JSON.stringify([x.id, exchange.id, 1, 4102444800])).toString('base64url')}.${signature}`,
      signAttendanceToken('another-server-secret-0123456789', {
        personId: x.id,
        exchangeId: exchange.id,
        revision: 1,
        expiresAt: new Date(exchange.endsAt),
      }),
      'not-a-token',
    ];
    for (const bad of tampered) {
      for (const res of [await look(bad), await post(bad, 'accepted')])
        expect([res.status, res.body.code]).toEqual([422, 'ATTENDANCE.LINK_NOT_VALID']);
    }
    const expired = signAttendanceToken(ADMIN_TOKEN, {
      personId: x.id,
      exchangeId: exchange.id,
      revision: 1,
      expiresAt: new Date(Date.now() - 1000),
    });
    for (const res of [await look(expired), await post(expired, 'accepted')])
      expect([res.status, res.body.code]).toEqual([422, 'ATTENDANCE.LINK_EXPIRED']);

    const moved = await answered(
      'reschedule',
      200,
      act(world.stack, world.cast.unCoordinator, exchange.id, 'reschedule', { startsAt: inSeconds(3 * DAY), reason: 'Later' }),
    );
    for (const res of [await look(token), await post(token, 'accepted')])
      expect([res.status, res.body.code]).toEqual([422, 'ATTENDANCE.LINK_SUPERSEDED']);
    expect(await attendanceOf(x, exchange.id)).toBe('needs-action');
    // The new revision's link works.
    expect((await post(tokenOf(linksFor(x, moved).accepted), 'accepted')).status).toBe(200);

    // Cancelled: a link still shows what it was for, and takes no answer.
    await answered('cancel', 200, act(world.stack, world.cast.unCoordinator, exchange.id, 'cancel', { reason: 'Off' }));
    expect((await look(tokenOf(linksFor(x, moved).declined))).body).toMatchObject({ status: 'cancelled', attendance: 'accepted' });
    const late = await post(tokenOf(linksFor(x, moved).declined), 'declined');
    expect([late.status, late.body.code]).toEqual([409, 'EXCHANGE.NOT_OPEN']);
  });

  it('a RESTRICTED exchange’s link shows its times only', async () => {
    const { x, exchange } = await scene({ marking: 'RESTRICTED' });
    const res = await look(tokenOf(linksFor(x, exchange).accepted));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: null, marking: 'RESTRICTED', startsAt: exchange.startsAt });
    expect(JSON.stringify(res.body)).not.toContain(exchange.title);
  });
});
