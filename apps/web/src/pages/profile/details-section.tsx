import type { Me } from './profile-queries';

/** Who I am to Liaison (`GET /v1/me`): what my coordinator set, and my own settings as saved. */
export function DetailsSection({ me }: { me: Me }) {
  return (
    <section aria-labelledby="details-heading" className="panel">
      <h2 id="details-heading">My details</h2>
      <dl className="facts">
        <dt>Name</dt>
        <dd>{me.name}</dd>
        <dt>E-mail</dt>
        <dd>{me.email}</dd>
        <dt>Organisation</dt>
        <dd>{me.organization}</dd>
        <dt>Level</dt>
        <dd>{me.level}</dd>
        <dt>Roles</dt>
        <dd>{me.roles.join(', ')}</dd>
        <dt>Time zone</dt>
        <dd>{me.timezone}</dd>
        <dt>Reminders</dt>
        <dd>{channelsOf(me)}</dd>
        <dt>Quiet hours</dt>
        <dd>{me.quietHours ? `${me.quietHours.start}–${me.quietHours.end}` : 'None'}</dd>
      </dl>
    </section>
  );
}

function channelsOf(me: Me): string {
  const channels = ['in the inbox'];
  if (me.channels.email) channels.push('by e-mail');
  if (me.channels.webhookUrl) channels.push(`to the webhook ${me.channels.webhookUrl}`);
  return channels.join(', ');
}
