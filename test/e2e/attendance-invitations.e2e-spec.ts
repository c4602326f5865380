import { createPerson, inSeconds, TestPerson, waitFor } from '../support/fixtures';
import { icsOfMail, parseCalendar } from '../support/ics';
import { createExchange, exchangeBody, exchangeOf, planningLeadMs, useStack } from '../support/exchanges';
import { answered } from '../support/typed-client';

type Json = Record<string, any>;

/**
 * The invitation e-mails carry their reader's attendance links: a participant answers from the
 * e-mail alone (the link's page reads, its button posts), and a colleague handed the exchange by a
 * delegation gets an invitation (an iMIP REQUEST) with links of their own.
 */
describe('attendance from the invitation e-mail', () => {
  const world = useStack(0);

  /** Every attendance link in a text, by the answer it gives. */
  const linksIn = (text: string) =>
    Object.fromEntries(
      [...text.matchAll(/https?:\/\/\S+\/attend\?\S+/g)].map(([link]) => [new URL(link).searchParams.get('answer'), link] as const),
    );
  const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;
  const mailsTo = (person: TestPerson, exchangeId: string, what: string) =>
    waitFor(
      what,
      async () => world.stack.smtp.to(person.email).filter((m) => (m.mail.text ?? '').includes(exchangeId)),
      (mails) => mails.length > 0,
    );
  const attendanceOf = async (person: TestPerson, exchangeId: string) =>
    ((await exchangeOf(world.stack, world.cast.unCoordinator, exchangeId)).participants as Json[]).find((p) => p.id === person.id)
      ?.attendance as string | undefined;

  it("a meeting reminder's links answer for its reader, with no sign-in; opening one changes nothing", async () => {
    const reader = await createPerson(world.stack, world.cast.nato, { email: true });
    const lead = Math.ceil((await planningLeadMs(world.stack, world.cast)) / 1000);
    const exchange = await createExchange(
      world.stack,
      world.cast.unCoordinator,
      exchangeBody(world.cast, { startsAt: inSeconds(lead + 10), participantIds: [reader.id], reminderOffsets: ['PT10S'] }),
    );
    const id = exchange.id as string;
    const [mail] = await mailsTo(reader, id, 'the reminder e-mail');
    const links = linksIn(mail.mail.text ?? '');
    expect(Object.keys(links).sort()).toEqual(['accepted', 'declined', 'tentative']);
    // The invitation it carries asks for no iMIP reply: the links are how to answer.
    const [event] = parseCalendar(icsOfMail(mail.raw)).events;
    const attendee = event.attendees[0];
    expect(attendee.getParameter('rsvp')).toBe('FALSE');
    expect(attendee.getParameter('partstat')).toBe('NEEDS-ACTION');

    const looked = await world.stack.http().get('/v1/attendance/link').query({ token: tokenOf(links.accepted) }).expect(200);
    expect(looked.body).toMatchObject({ exchangeId: id, attendance: 'needs-action' });
    expect(await attendanceOf(reader, id)).toBe('needs-action');

    await world.stack.http().post('/v1/attendance/link').send({ token: tokenOf(links.accepted), answer: 'accepted' }).expect(200);
    expect(await attendanceOf(reader, id)).toBe('accepted');
  });

  it('a colleague handed the exchange gets the invitation, with links that answer for them', async () => {
    const delegator = await createPerson(world.stack, world.cast.un, { email: true });
    const colleague = await createPerson(world.stack, world.cast.un, { email: true });
    const exchange = await createExchange(
      world.stack,
      world.cast.unCoordinator,
      exchangeBody(world.cast, { startsAt: inSeconds(2 * 86_400), participantIds: [delegator.id], reminderOffsets: [] }),
    );
    const id = exchange.id as string;
    await answered(
      'delegate',
      200,
      (await world.stack.client(delegator.token)).POST('/v1/exchanges/{id}/attendance', {
        params: { path: { id } },
        body: { status: 'delegated', delegateId: colleague.id },
      }),
    );

    const [invitation] = await mailsTo(colleague, id, "the delegate's invitation");
    const calendar = parseCalendar(icsOfMail(invitation.raw));
    expect(calendar.method).toBe('REQUEST');
    expect(calendar.events[0].uid).toBe(`exchange-${id}@liaison`);
    expect(calendar.events[0].startDate.toJSDate().toISOString()).toBe(new Date(exchange.startsAt as string).toISOString());

    const links = linksIn(invitation.mail.text ?? '');
    const looked = await world.stack.http().get('/v1/attendance/link').query({ token: tokenOf(links.tentative) }).expect(200);
    expect(looked.body).toMatchObject({ exchangeId: id, attendance: 'needs-action' });
    await world.stack.http().post('/v1/attendance/link').send({ token: tokenOf(links.tentative), answer: 'tentative' }).expect(200);
    expect(await attendanceOf(colleague, id)).toBe('tentative');
    expect(await attendanceOf(delegator, id)).toBe('delegated');
  });
});
