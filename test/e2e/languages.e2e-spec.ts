import { ADMIN_TOKEN } from '../support/stack';
import { createOrganization, createPerson, inSeconds, TestPerson, waitFor } from '../support/fixtures';
import { createExchange, exchangeBody, inboxOf, planningLeadMs, useStack } from '../support/exchanges';

/** How Intl writes an instant in a language and zone with a full date and a short time: what the e-mails must say. */
const written = (language: string, at: string, zone: string) =>
  new Intl.DateTimeFormat(language, { dateStyle: 'full', timeStyle: 'short', timeZone: zone }).format(new Date(at));

/**
 * Languages: a person's own, else their organisation's default; every text sent to them (reminder
 * e-mail, inbox entry, sign-in mail) in that language, with times written in its words and their zone.
 */
describe('languages', () => {
  const world = useStack(1);
  const me = (person: TestPerson) => world.stack.http().get('/v1/me').auth(person.token, { type: 'bearer' });
  const patchMe = (person: TestPerson, body: Record<string, unknown>) =>
    world.stack.http().patch('/v1/me').auth(person.token, { type: 'bearer' }).send(body);

  it("takes the person's own language, else their organisation's default, and names a bad one", async () => {
    const code = await createOrganization(world.stack, 'FR', 'Europe/Paris', { defaultLanguage: 'fr' });
    const person = await createPerson(world.stack, code);
    expect((await me(person).expect(200)).body).toMatchObject({ language: 'fr', languageChoice: 'organization' });

    expect((await patchMe(person, { language: 'en' }).expect(200)).body).toMatchObject({ language: 'en', languageChoice: 'en' });
    expect((await patchMe(person, { language: 'organization' }).expect(200)).body).toMatchObject({
      language: 'fr',
      languageChoice: 'organization',
    });

    const refused = await patchMe(person, { language: 'de' }).expect(400);
    expect(JSON.stringify(refused.body)).toContain('language');
    expect((await me(person).expect(200)).body.language).toBe('fr');

    const changed = await world.stack
      .http()
      .put(`/v1/organizations/${code}/language`)
      .auth(ADMIN_TOKEN, { type: 'bearer' })
      .send({ defaultLanguage: 'en' })
      .expect(200);
    expect(changed.body.defaultLanguage).toBe('en');
    expect((await me(person).expect(200)).body).toMatchObject({ language: 'en', languageChoice: 'organization' });
  });

  it('writes the reminder e-mail and inbox entry of a French-speaking participant in French, and an English one in English', async () => {
    const { cast } = world;
    const french = await createPerson(world.stack, cast.nato, { email: true, timezone: 'Europe/Paris' });
    await patchMe(french, { language: 'fr' }).expect(200);
    const english = cast.participants[0];
    const lead = Math.ceil((await planningLeadMs(world.stack, cast)) / 1000);
    const startsAt = inSeconds(lead + 10);
    const exchange = await createExchange(
      world.stack,
      cast.unCoordinator,
      exchangeBody(cast, { startsAt, timezone: 'Europe/Brussels', participantIds: [french.id, english.id], reminderOffsets: ['PT10S'] }),
    );
    const title = exchange.title as string;
    const mailTo = (person: TestPerson) =>
      waitFor(
        `the reminder e-mail to ${person.email}`,
        async () => world.stack.smtp.to(person.email).filter((m) => (m.mail.text ?? '').includes(exchange.id as string)),
        (mails) => mails.length > 0,
      );

    const [inFrench] = await mailTo(french);
    expect(inFrench.mail.subject).toBe(`Rappel : ${title}`);
    expect(inFrench.mail.text).toContain(
      `${title} commence le ${written('fr', exchange.startsAt as string, 'Europe/Brussels')} (Europe/Brussels).`,
    );
    expect(inFrench.mail.text).toContain(`Votre heure : ${written('fr', exchange.startsAt as string, 'Europe/Paris')} (Europe/Paris)`);
    expect(inFrench.mail.text).toContain('Détails : ');

    const [inEnglish] = await mailTo(english);
    expect(inEnglish.mail.subject).toBe(`Reminder: ${title}`);
    expect(inEnglish.mail.text).toContain(
      `${title} starts ${written('en', exchange.startsAt as string, 'Europe/Brussels')} (Europe/Brussels).`,
    );

    const inbox = await waitFor(
      'the French inbox entry',
      async () => (await inboxOf(world.stack, french)).filter((n) => n.exchangeId === exchange.id),
      (entries) => entries.length > 0,
    );
    expect(inbox[0].title).toBe(`Rappel : ${title}`);
  });

  it('sends the sign-in link in the language of the person it is for', async () => {
    const french = await createPerson(world.stack, world.cast.un, { email: true });
    await patchMe(french, { language: 'fr' }).expect(200);
    await world.stack.http().post('/v1/auth/email-link').send({ email: french.email }).expect(202);
    const [mail] = await waitFor(
      'the sign-in mail',
      async () => world.stack.smtp.to(french.email).filter((m) => m.mail.headers.get('x-liaison-sign-in') === 'link'),
      (mails) => mails.length > 0,
    );
    expect(mail.mail.subject).toBe('Votre lien de connexion à Liaison');
    expect(mail.mail.text).toContain('Ouvrez ce lien pour vous connecter à Liaison');
  });
});
