import type { URLSearchParamsInit } from 'react-router';
import { Choice, type Option } from '../../components/fields';
import { useAreas, useOrganizations } from '../series/series-queries';
import { PRIORITIES, SUPPORT_STATUSES as STATUSES } from '../../api/vocabulary';
import { statusWords, useA4pAreas, type SupportFilters } from './support-queries';

const ANY = 'any';
const KEYS = ['status', 'priority', 'organization', 'area', 'a4pArea', 'overdue'] as const;

/** The list's filters as the URL's search params give them (`?status=submitted&overdue=true`), as the API takes them. */
export function filtersOf(params: URLSearchParams): SupportFilters {
  const filters: Record<string, string | boolean> = {};
  for (const key of KEYS) {
    const value = params.get(key);
    if (value) filters[key] = key === 'overdue' ? value === 'true' : value;
  }
  // Each value is as the URL gave it; a bad one is the API's to refuse (400), shown as the list's error.
  return filters;
}

interface Props {
  params: URLSearchParams;
  setParams: (params: URLSearchParamsInit) => void;
}

/** One select per filter; choosing writes the URL (so the filtered list has its own address), `Any` removes it. */
export function SupportFiltersForm({ params, setParams }: Props) {
  const organizations = useOrganizations();
  const areas = useAreas();
  const a4pAreas = useA4pAreas();
  const choose = (key: (typeof KEYS)[number]) => (value: string) => {
    const next = new URLSearchParams(params);
    if (value === ANY) next.delete(key);
    else next.set(key, value);
    setParams(next);
  };
  const any = (options: Option[]): Option[] => [{ id: ANY, name: 'Any' }, ...options];
  const value = (key: string) => params.get(key) ?? ANY;
  return (
    <section aria-labelledby="filters-heading" className="panel filters">
      <h2 id="filters-heading">Filters</h2>
      <div className="filters__grid">
        <Choice
          label="Status"
          value={value('status')}
          onChange={choose('status')}
          options={any(STATUSES.map((s) => ({ id: s, name: statusWords(s) })))}
        />
        <Choice
          label="Priority"
          value={value('priority')}
          onChange={choose('priority')}
          options={any(PRIORITIES.map((p) => ({ id: p, name: p })))}
        />
        <Choice
          label="Organisation (either side)"
          value={value('organization')}
          onChange={choose('organization')}
          options={any((organizations.data ?? []).map((o) => ({ id: o.code, name: o.code })))}
        />
        <Choice
          label="Cooperation area"
          value={value('area')}
          onChange={choose('area')}
          options={any((areas.data ?? []).map((a) => ({ id: a.code, name: a.name })))}
        />
        <Choice
          label="A4P area"
          value={value('a4pArea')}
          onChange={choose('a4pArea')}
          options={any((a4pAreas.data ?? []).map((a) => ({ id: a.code, name: a.name })))}
        />
        <Choice
          label="Overdue"
          value={value('overdue')}
          onChange={choose('overdue')}
          options={any([
            { id: 'true', name: 'Overdue only' },
            { id: 'false', name: 'Not overdue' },
          ])}
        />
      </div>
    </section>
  );
}
