import { useMemo } from 'react';
import { Autocomplete, Input, Label, ListBox, ListBoxItem, SearchField, Text, useFilter, type Selection } from 'react-aria-components';
import type { PersonEntry } from '../exchange/exchange-queries';

/**
 * The participants: a search box filters the people the API lets the reader list, and arrow keys
 * and Enter (or a click) choose and unchoose them (react-aria Autocomplete over a multiple-selection ListBox).
 */
export function PeoplePicker({
  people,
  selected,
  onChange,
  error,
}: {
  people: PersonEntry[];
  selected: Set<string>;
  onChange: (selected: Set<string>) => void;
  error?: string;
}) {
  const { contains } = useFilter({ sensitivity: 'base' });
  const byId = useMemo(() => new Map(people.map((p) => [p.id, p])), [people]);
  const chosen = [...selected].map((id) => byId.get(id)?.name ?? id);
  const choose = (keys: Selection) => onChange(keys === 'all' ? new Set(people.map((p) => p.id)) : new Set([...keys].map(String)));
  return (
    <div className="field">
      <span className="group-label" id="participants-label">
        Participants
      </span>
      <Autocomplete filter={contains}>
        <SearchField className="field" aria-describedby="participants-hint">
          <Label>Search people</Label>
          <Input />
        </SearchField>
        <ListBox
          aria-labelledby="participants-label"
          className="listbox listbox--inline"
          selectionMode="multiple"
          selectedKeys={selected}
          onSelectionChange={choose}
          items={people}
          renderEmptyState={() => <p className="hint">No one matches.</p>}
        >
          {(person) => (
            <ListBoxItem id={person.id} className="listbox__item" textValue={`${person.name} ${person.email} ${person.organization}`}>
              {person.name} ({person.organization})
            </ListBoxItem>
          )}
        </ListBox>
      </Autocomplete>
      <Text id="participants-hint" className="hint" elementType="p">
        Type to filter, then arrow keys and Enter to choose or unchoose. You can choose among the people Liaison lets you list.
      </Text>
      <p className="hint" aria-live="polite">
        {chosen.length === 0 ? 'No participants chosen.' : `Chosen (${chosen.length}): ${chosen.join(', ')}`}
      </p>
      {error ? (
        <p role="alert" className="error-text">
          {error}
        </p>
      ) : null}
    </div>
  );
}
