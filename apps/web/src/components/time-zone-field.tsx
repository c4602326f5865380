import { useMemo } from 'react';
import { Button, ComboBox, FieldError, Input, Label, ListBox, ListBoxItem, Popover, Text } from 'react-aria-components';
import './fields.css';

/** The browser's IANA zones (`Intl.supportedValuesOf`), with UTC and `current` when the list lacks them. */
function zones(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const all = new Set(['UTC', ...known]);
  if (current) all.add(current);
  return [...all].sort((a, b) => a.localeCompare(b));
}

/** `New York` finds `America/New_York`: spaces and underscores are one, and case is ignored. */
function matches(zone: string, typed: string): boolean {
  const plain = (text: string) => text.toLowerCase().replace(/_/g, ' ');
  return plain(zone).includes(plain(typed).trim());
}

/** A time zone, typed to filter the list of IANA zones (a react-aria ComboBox); `name` for the API's problem with it in a form. */
export function TimeZoneField({
  value,
  onChange,
  label = 'Time zone',
  description,
  name,
}: {
  value: string;
  onChange: (zone: string) => void;
  label?: string;
  description?: string;
  name?: string;
}) {
  const items = useMemo(() => zones(value).map((id) => ({ id })), [value]);
  return (
    <ComboBox
      className="field combobox"
      name={name}
      defaultItems={items}
      selectedKey={value || null}
      onSelectionChange={(key) => (key === null ? undefined : onChange(String(key)))}
      defaultFilter={matches}
      isRequired
    >
      <Label>{label}</Label>
      <div className="combobox__control">
        <Input />
        <Button className="combobox__button" aria-label="Show the time zones">
          ▾
        </Button>
      </div>
      {description ? (
        <Text slot="description" className="hint">
          {description}
        </Text>
      ) : null}
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
