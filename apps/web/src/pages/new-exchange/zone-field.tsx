import { useMemo } from 'react';
import { Button, ComboBox, FieldError, Input, Label, ListBox, ListBoxItem, Popover, Text } from 'react-aria-components';

/** The browser's IANA zones, with UTC and `current` when the list lacks them. */
function zones(current: string): Array<{ id: string }> {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const all = new Set(['UTC', current, ...known]);
  return [...all].sort((a, b) => a.localeCompare(b)).map((id) => ({ id }));
}

/** `new york` finds `America/New_York`. */
function matches(zone: string, typed: string): boolean {
  const plain = (text: string) => text.toLowerCase().replace(/_/g, ' ');
  return plain(zone).includes(plain(typed).trim());
}

/** The exchange's time zone: typed to filter the IANA zones (react-aria ComboBox). */
export function ZoneField({ value, onChange }: { value: string; onChange: (zone: string) => void }) {
  const items = useMemo(() => zones(value), [value]);
  return (
    <ComboBox
      className="field"
      name="timezone"
      defaultItems={items}
      selectedKey={value}
      onSelectionChange={(key) => (key === null ? undefined : onChange(String(key)))}
      defaultFilter={matches}
      isRequired
    >
      <Label>Time zone</Label>
      <div className="date-input-group">
        <Input />
        <Button className="button button--quiet date-input-group__button">
          <span aria-hidden="true">▾</span>
          <span className="visually-hidden">Show the time zones</span>
        </Button>
      </div>
      <Text slot="description" className="hint">
        The date and time above are read in this zone, and the exchange keeps it.
      </Text>
      <FieldError className="error-text" />
      <Popover className="popover">
        <ListBox className="listbox">
          {(item: { id: string }) => (
            <ListBoxItem className="listbox__item" id={item.id} textValue={item.id}>
              {item.id}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
