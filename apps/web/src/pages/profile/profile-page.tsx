import { messageOf } from '../../api/client';
import { useDocumentTitle } from '../../navigation/document-title';
import { useSession } from '../../session/session';
import { CalendarSection } from './calendar-section';
import { DetailsSection } from './details-section';
import { PreferencesForm } from './preferences-form';
import { useMe } from './profile-queries';
import { SessionsSection } from './sessions-section';
import { TokensSection } from './tokens-section';
import '../../components/fields.css';
import './controls.css';
import './panels.css';

/**
 * My profile (`/profile`): my details, my settings (time zone, reminder channels, quiet hours), my
 * calendar subscription, where I am signed in, and my API tokens.
 */
export default function ProfilePage() {
  useDocumentTitle('Profile');
  const { person } = useSession();
  const me = useMe();
  const timeZone = me.data?.timezone ?? person.timezone;
  return (
    <>
      <h1>Profile</h1>
      {me.isPending ? <p className="status">Loading your profile…</p> : null}
      {me.isError ? (
        <p role="alert" className="error-text">
          {messageOf(me.error)}
        </p>
      ) : null}
      {me.data ? (
        <div className="profile">
          <DetailsSection me={me.data} />
          <PreferencesForm me={me.data} />
        </div>
      ) : null}
      <CalendarSection timeZone={timeZone} />
      <SessionsSection timeZone={timeZone} />
      <TokensSection personId={person.id} timeZone={timeZone} />
    </>
  );
}
