import type { URLSearchParamsInit } from 'react-router';
import { useOrganizations } from '../new-exchange/new-exchange-queries';
import { DateChoice } from '../../components/dates';
import { Choice, type Option } from '../../components/fields';
import { EXCHANGE_STATUSES as STATUSES, LEVELS } from '../../api/vocabulary';
import { capitalised, useAreas } from './exchanges-queries';
import { CHOICES } from './filters';

const ANY = 'any';
type Key = (typeof CHOICES)[number] | 'from' | 'to';

interface Props {
  params: URLSearchParams;
  setParams: (params: URLSearchParamsInit) => void;
  timeZone: string;
}

/** A control per filter; a choice writes the URL (the filtered list has its own address), `Any` or no date removes it. */
export function ExchangeFiltersForm({ params, setParams, timeZone }: Props) {
  const organizations = useOrganizations();
  const areas = useAreas();
  const choose = (key: Key) => (value: string) => {
    const next = new URLSearchParams(params);
    if (value === ANY || value === '') next.delete(key);
    else next.set(key, value);
    setParams(next);
  };
  const any = (options: Option[]): Option[] => [{ id: ANY, name: 'Any' }, ...options];
  const value = (key: Key) => params.get(key) ?? ANY;
  return (
    <section aria-labelledby="filters-heading" className="panel filters exchange-filters">
      <h2 id="filters-heading">Filters</h2>
      <p className="hint">From and To are days in your time zone ({timeZone}), both included.</p>
      <div className="filters__grid">
        <DateChoice label="From" value={params.get('from') ?? ''} onChange={choose('from')} />
        <DateChoice label="To" value={params.get('to') ?? ''} onChange={choose('to')} />
        <Choice
          label="Status"
          value={value('status')}
          onChange={choose('status')}
          options={any(STATUSES.map((s) => ({ id: s, name: capitalised(s) })))}
        />
        <Choice
          label="Level"
          value={value('level')}
          onChange={choose('level')}
          options={any(LEVELS.map((l) => ({ id: l, name: capitalised(l) })))}
        />
        <Choice
          label="Organisation"
          value={value('organization')}
          onChange={choose('organization')}
          options={any((organizations.data ?? []).map((o) => ({ id: o.code, name: `${o.code} (${o.name})` })))}
        />
        <Choice
          label="Cooperation area"
          value={value('area')}
          onChange={choose('area')}
          options={any((areas.data?.items ?? []).map((a) => ({ id: a.code, name: a.name })))}
        />
      </div>
    </section>
  );
}
