import { today } from '@internationalized/date';
import { ToggleButton, ToggleButtonGroup, type Key } from 'react-aria-components';
import { Link, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../navigation/document-title';
import { useSession } from '../../session/session';
import { AgendaList } from './agenda-list';
import { WaitingSection } from './waiting-section';
import { startOfDay, weekFromParam } from './week';
import { WeekGrid } from './week-grid';

type View = 'list' | 'week';

/**
 * My agenda (`/`): what is waiting for me (WaitingSection), then the exchanges the API lets me see, from today on as a list, or a week at a time
 * (`?view=week&week=2026-12-07`), every time in my zone (the session's person) with the host's beside it.
 */
export default function AgendaPage() {
  useDocumentTitle('My agenda');
  const { person } = useSession();
  const timeZone = person.timezone;
  const [params, setParams] = useSearchParams();
  const view: View = params.get('view') === 'week' ? 'week' : 'list';
  const choose = (keys: Set<Key>) => {
    const chosen = [...keys][0];
    setParams(chosen === 'week' ? { view: 'week' } : {});
  };
  return (
    <>
      <div className="page-heading">
        <h1>My agenda</h1>
        <div className="page-heading__actions">
          <ToggleButtonGroup
            aria-label="View"
            className="segmented"
            selectionMode="single"
            disallowEmptySelection
            selectedKeys={[view]}
            onSelectionChange={choose}
          >
            <ToggleButton id="list" className="segmented__option">
              List
            </ToggleButton>
            <ToggleButton id="week" className="segmented__option">
              Week
            </ToggleButton>
          </ToggleButtonGroup>
          <Link className="button" to="/exchanges/new">
            New exchange
          </Link>
        </div>
      </div>
      <p className="hint">Times are in your time zone, {timeZone}.</p>
      <WaitingSection timeZone={timeZone} />
      {view === 'week' ? (
        <WeekGrid week={weekFromParam(params.get('week'), timeZone)} timeZone={timeZone} />
      ) : (
        <AgendaList from={startOfDay(today(timeZone), timeZone)} timeZone={timeZone} />
      )}
    </>
  );
}
