/**
 * Demo data through the API itself, as a coordinator would make it: the two organisations of the
 * declaration, a few people, a few exchanges. Safe to run again: what exists is kept, and the
 * demo coordinator gets a fresh token. Prints that token.
 */
const base = (process.env.LIAISON_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`).replace(/\/$/, '');
const admin = process.env.LIAISON_ADMIN_TOKEN ?? 'liaison-dev-admin-token';

async function call(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function must(method: string, path: string, token: string, body: unknown, ok: number[]): Promise<any> {
  const res = await call(method, path, token, body);
  if (!ok.includes(res.status)) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const PEOPLE = [
  {
    name: 'Amina Diallo',
    email: 'amina.diallo@un.example.org',
    organization: 'UN',
    level: 'working',
    roles: ['coordinator', 'participant'],
    timezone: 'America/New_York',
  },
  {
    name: 'Jonas Berg',
    email: 'jonas.berg@nato.example.org',
    organization: 'NATO',
    level: 'working',
    roles: ['coordinator', 'participant'],
    timezone: 'Europe/Brussels',
  },
  {
    name: 'Maria Rossi',
    email: 'maria.rossi@un.example.org',
    organization: 'UN',
    level: 'senior',
    roles: ['participant'],
    timezone: 'America/New_York',
    channels: { email: true },
  },
  {
    name: 'Piotr Nowak',
    email: 'piotr.nowak@nato.example.org',
    organization: 'NATO',
    level: 'senior',
    roles: ['participant'],
    timezone: 'Europe/Brussels',
    channels: { email: true },
  },
  {
    // Written to in French: her reminders, invitations and digest come in her language.
    name: 'Camille Laurent',
    email: 'camille.laurent@nato.example.org',
    organization: 'NATO',
    level: 'working',
    roles: ['participant'],
    timezone: 'Europe/Paris',
    language: 'fr',
    channels: { email: true },
  },
];

async function main(): Promise<void> {
  await must(
    'POST',
    '/v1/organizations',
    admin,
    { code: 'UN', name: 'United Nations Secretariat', timezone: 'America/New_York' },
    [201, 409],
  );
  await must(
    'POST',
    '/v1/organizations',
    admin,
    { code: 'NATO', name: 'NATO International Staff', timezone: 'Europe/Brussels' },
    [201, 409],
  );

  const existing: Array<{ id: string; email: string }> = (await must('GET', '/v1/people?limit=200', admin, undefined, [200])).items;
  const ids: Record<string, string> = {};
  for (const person of PEOPLE) {
    const found = existing.find((p) => p.email === person.email);
    if (found) {
      ids[person.email] = found.id;
      continue;
    }
    const created = await must('POST', '/v1/people', admin, person, [201]);
    ids[person.email] = created.id;
  }
  const coordinatorToken: string = (await must('POST', `/v1/people/${ids[PEOPLE[0].email]}/tokens`, admin, undefined, [201])).token;

  const upcoming = (await must('GET', '/v1/exchanges?limit=10', coordinatorToken, undefined, [200])).items;
  if (upcoming.length === 0) {
    const day = 24 * 3600 * 1000;
    const at = (days: number, hourUtc: number) =>
      new Date(Math.floor(Date.now() / day) * day + days * day + hourUtc * 3600 * 1000).toISOString();
    const participants = PEOPLE.slice(2).map((p) => ids[p.email]);
    const exchanges = [
      {
        title: 'UN-NATO staff talks',
        level: 'senior',
        areas: ['OPS-COORDINATION', 'A4P'],
        startsAt: at(21, 14),
        durationMinutes: 120,
        timezone: 'Europe/Brussels',
      },
      {
        title: 'Working-level consultation: protection of civilians',
        level: 'working',
        areas: ['POC', 'WPS'],
        startsAt: at(9, 15),
        durationMinutes: 90,
        timezone: 'America/New_York',
      },
      {
        title: 'C-IED training coordination call',
        level: 'working',
        areas: ['C-IED', 'TRAINING'],
        startsAt: new Date(Date.now() + 5 * 60_000).toISOString(),
        durationMinutes: 30,
        timezone: 'Europe/Brussels',
        reminderOffsets: ['PT3M', 'PT1M'],
      },
    ];
    await must(
      'POST',
      '/v1/series',
      coordinatorToken,
      {
        title: 'UN-NATO working-level consultation (monthly)',
        level: 'working',
        areas: ['POC', 'WPS'],
        organizations: ['UN', 'NATO'],
        hostRotation: ['UN', 'NATO'],
        rrule: 'FREQ=MONTHLY;BYDAY=2TU',
        dtstart: '2027-01-12T15:00',
        timezone: 'Europe/Brussels',
        durationMinutes: 90,
        participantIds: participants,
        reminderOffsets: ['P7D', 'P1D', 'PT1H'],
        horizon: 2,
      },
      [201],
    );
    for (const exchange of exchanges) {
      await must(
        'POST',
        '/v1/exchanges',
        coordinatorToken,
        { ...exchange, organizations: ['UN', 'NATO'], hostOrganization: 'UN', participantIds: participants, location: 'Video link' },
        [201],
      );
    }
  }
  process.stdout.write(
    `demo coordinator (UN): ${PEOPLE[0].name} <${PEOPLE[0].email}>\ndemo coordinator (NATO): ${PEOPLE[1].name} <${PEOPLE[1].email}>\nFrench-speaking participant: ${PEOPLE[4].name} <${PEOPLE[4].email}>\nCOORDINATOR_TOKEN=${coordinatorToken}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`demo seed failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
