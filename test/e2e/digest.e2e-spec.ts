import { randomUUID } from 'node:crypto';
import { DigestPass, DigestQueue, nextDigestDue } from '../../libs/notifications/src';
import { DigestsRepository } from '../../libs/persistence/src';
import { createExchange, exchangeBody } from '../support/exchanges';
import { createOrganization, createPerson, TestPerson, waitFor } from '../support/fixtures';
import { TestStack } from '../support/stack';
import { answered } from '../support/typed-client';

/**
 * A zone where it is about noon now (a fixed offset, `Etc/GMT∓n`): this morning's 07:00 is hours
 * behind and the day has hours left, whenever the suite runs, so "today" is one day for the test.
 */
function noonZone(now = new Date()): string {
  const offset = 12 - now.getUTCHours();
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

/**
 * The morning digest against the real stack: opt in with `PATCH /v1/me`, the notifier's pass
 * (driven by the test: DIGEST_PASS_INTERVAL is a day here) plans and claims, the SMTP sink receives.
 * Every day is a working day for the suite's organisations, so that the test does not depend on the
 * weekday it runs on; the due instant is set to this morning's 07:00 by a test-only write.
 */
describe('morning digest', () => {
  let stack: TestStack;
  const zone = noonZone();
  let un: string;
  let nato: string;
  let coordinator: TestPerson;
  let reader: TestPerson;
  let francophone: TestPerson;
  let idle: TestPerson;
  const titles = { today: `Staff talks ${randomUUID().slice(0, 6)}`, restricted: `Secret talks ${randomUUID().slice(0, 6)}` };
  const actionTitle = `Share the draft framework ${randomUUID().slice(0, 6)}`;
  let later: Record<string, any>;

  const pass = () => stack.inNotifier(DigestPass).run();
  const me = async (person: TestPerson) => answered('me', 200, (await stack.client(person.token)).GET('/v1/me'));
  const optIn = async (person: TestPerson) =>
    answered('opt in', 200, (await stack.client(person.token)).PATCH('/v1/me', { body: { digest: true } }));
  /** This morning's 07:00 in the suite's zone: the due instant a pass that ran at 07:00 would have claimed. */
  const thisMorning = () => nextDigestDue(new Date(Date.now() - 12 * 3600_000), { zone, weekendDays: [], holidays: [], quietHours: null })!;
  /**
   * The digests e-mailed to a person, and no other mail: the reader also gets the action item's
   * "due soon" reminder (its notice began when it was made), at a moment of its own.
   */
  const digestsTo = (person: TestPerson) => stack.smtp.to(person.email).filter((m) => m.mail.headers.has('x-liaison-digest'));
  const makeDue = async (person: TestPerson) => stack.inNotifier(DigestsRepository).setDueAt(person.id, thisMorning().dueAt);
  const metric = async (outcome: string): Promise<number> => {
    const text = (await stack.notifierHttp().get('/metrics')).text;
    const line = text.split('\n').find((l) => l.startsWith(`liaison_digests_total{outcome="${outcome}"}`));
    return line ? Number(line.split(' ').at(-1)) : 0;
  };

  beforeAll(async () => {
    stack = await TestStack.start({}, { ownDatabase: true });
    un = await createOrganization(stack, 'UN', zone, { weekend: [] });
    nato = await createOrganization(stack, 'NATO', zone, { weekend: [] });
    coordinator = await createPerson(stack, un, { roles: ['coordinator', 'participant'] });
    reader = await createPerson(stack, nato, { roles: ['coordinator', 'participant'], email: true, timezone: zone });
    francophone = await createPerson(stack, nato, { email: true, timezone: zone });
    idle = await createPerson(stack, nato, { email: true, timezone: zone });
    await answered('French', 200, (await stack.client(francophone.token)).PATCH('/v1/me', { body: { language: 'fr' } }));
    const inTwoHours = new Date(Date.now() + 2 * 3600_000).toISOString();
    const participants = [reader.id, francophone.id];
    await createExchange(
      stack,
      coordinator,
      exchangeBody(
        { un, nato },
        { title: titles.today, startsAt: inTwoHours, reminderOffsets: [], participantIds: participants, timezone: zone },
      ),
    );
    await createExchange(
      stack,
      coordinator,
      exchangeBody(
        { un, nato },
        {
          title: titles.restricted,
          marking: 'RESTRICTED',
          startsAt: inTwoHours,
          reminderOffsets: [],
          participantIds: [reader.id],
          timezone: zone,
        },
      ),
    );
    // Ten days ahead, unconfirmed by NATO: a confirmation waits for NATO's coordinator (the reader).
    later = await createExchange(
      stack,
      coordinator,
      exchangeBody(
        { un, nato },
        { startsAt: new Date(Date.now() + 10 * 86_400_000).toISOString(), reminderOffsets: [], participantIds: [] },
      ),
    );
    await answered(
      'action item',
      201,
      (await stack.client(coordinator.token)).POST('/v1/exchanges/{id}/action-items', {
        params: { path: { id: later.id as string } },
        body: { title: actionTitle, ownerId: reader.id, dueAt: new Date(Date.now() + 2 * 86_400_000).toISOString() },
      }),
    );
  });
  afterAll(async () => stack?.stop());

  it('is off by default; PATCH /v1/me {digest: true} turns it on, and the notifier plans it for the next 07:00 in the person’s zone', async () => {
    expect(await me(reader)).toMatchObject({ digest: false, digestDueAt: null });
    for (const person of [reader, francophone, idle]) expect(await optIn(person)).toMatchObject({ digest: true });
    expect(await pass()).toMatchObject({ planned: 3, queued: 0 });
    const planned = await me(reader);
    expect(planned.digestDueAt).toMatch(/T07:00:00\.000[+-]\d\d:\d\d$/);
    expect(Date.parse(planned.digestDueAt!)).toBeGreaterThan(Date.now());
  });

  it('sends each due person one e-mail: today’s exchanges, action items due within three days, the steps waiting for them', async () => {
    for (const person of [reader, francophone, idle]) await makeDue(person);
    expect(await pass()).toMatchObject({ queued: 3 });
    const [mail] = await waitFor(
      'the reader’s digest',
      async () => digestsTo(reader),
      (mails) => mails.length > 0,
    );
    const text = mail.mail.text!;
    expect(mail.mail.subject).toMatch(/^Your day: /);
    expect(text).toContain("Today's exchanges");
    expect(text).toContain(titles.today);
    expect(text).toContain(`Your action items due in the next three days`);
    expect(text).toContain(actionTitle);
    expect(text).toContain(`Confirm for ${nato}: ${later.title as string}`);
    expect(text).toContain(`http://liaison.test/exchanges/${later.id as string}`);
    // RESTRICTED: its times and a link, not its title.
    expect(text).toContain('an exchange you take part in (RESTRICTED)');
    expect(text).not.toContain(titles.restricted);
    // The next one is planned: tomorrow's 07:00.
    expect(Date.parse((await me(reader)).digestDueAt!)).toBe(thisMorning().dueAt.getTime() + 86_400_000);
  });

  it('writes to a French-speaking person in French', async () => {
    const [mail] = await waitFor(
      'the French digest',
      async () => digestsTo(francophone),
      (mails) => mails.length > 0,
    );
    expect(mail.mail.subject).toMatch(/^Votre journée : /);
    expect(mail.mail.text).toContain('Les échanges du jour');
    expect(mail.mail.text).toContain(titles.today);
    expect(mail.mail.text).not.toContain("Today's exchanges");
  });

  it('sends nothing to a person with nothing', async () => {
    await waitFor(
      'the empty digest counted',
      () => metric('empty'),
      (empty) => empty >= 1,
    );
    await waitFor(
      'the digest queue drained',
      () => stack.inNotifier(DigestQueue).pending(),
      (pending) => pending === 0,
    );
    expect(stack.smtp.to(idle.email)).toEqual([]);
  });

  it('never sends the same day’s digest twice, even when the pass claims it again', async () => {
    await makeDue(reader);
    await pass();
    await waitFor(
      'the digest queue drained',
      () => stack.inNotifier(DigestQueue).pending(),
      (pending) => pending === 0,
    );
    expect(digestsTo(reader)).toHaveLength(1);
    expect(await metric('sent')).toBe(2);
  });

  it('stops when the person opts out', async () => {
    expect(await answered('opt out', 200, (await stack.client(idle.token)).PATCH('/v1/me', { body: { digest: false } }))).toMatchObject({
      digest: false,
      digestDueAt: null,
    });
    expect(await pass()).toMatchObject({ planned: 0, queued: 0 });
  });
});
