import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { FieldError, Input, Label, Select, TextField } from 'react-aria-components';
import { answer, api } from '../../api/client';
import { useSession } from '../../session/session';
import { usePeopleById, useExchangeMutation, type AgendaItem, type Exchange } from './exchange-queries';
import { FormDialog } from '../../components/dialogs';
import { SelectOptions, type Option } from '../../components/fields';

/** The cooperation areas (`GET /v1/areas`), for the agenda item and new exchange forms. */
export function useAreas() {
  return useQuery({ queryKey: ['areas', 'all'], queryFn: () => answer(api.GET('/v1/areas')), staleTime: Infinity });
}

/** A single choice among options, with a visible label (react-aria Select). */
export function ChoiceField(props: {
  label: string;
  name: string;
  options: Option[];
  value: string | null;
  onChange: (value: string) => void;
  isRequired?: boolean;
  placeholder?: string;
}) {
  return (
    <Select
      className="field"
      name={props.name}
      selectedKey={props.value}
      onSelectionChange={(key) => props.onChange(String(key))}
      isRequired={props.isRequired}
      placeholder={props.placeholder ?? 'Choose…'}
    >
      <Label>{props.label}</Label>
      <SelectOptions options={props.options} />
      <FieldError className="error-text" />
    </Select>
  );
}

/**
 * Propose an agenda item (`POST …/agenda`) or change one (`PATCH …/agenda/:itemId`): title,
 * cooperation area and owner (the proposer when left alone).
 */
export function AgendaItemDialog({ exchange, item }: { exchange: Exchange; item?: AgendaItem }) {
  const { person } = useSession();
  const areas = useAreas();
  const people = usePeopleById();
  const [title, setTitle] = useState('');
  const [area, setArea] = useState<string | null>(null);
  const [owner, setOwner] = useState<string | null>(null);
  const save = useExchangeMutation(exchange.id, (body: { title: string; area: string; ownerId?: string }) =>
    item?.id
      ? answer(api.PATCH('/v1/exchanges/{id}/agenda/{itemId}', { params: { path: { id: exchange.id, itemId: item.id } }, body }))
      : answer(api.POST('/v1/exchanges/{id}/agenda', { params: { path: { id: exchange.id } }, body })),
  );
  const areaOptions = (areas.data?.items ?? exchange.areas.map((code) => ({ code, name: code }))).map((a) => ({
    id: a.code,
    name: a.code === a.name ? a.code : `${a.name} (${a.code})`,
  }));
  const ownerOptions = [...(people.data?.values() ?? [])]
    .filter((p) => p.active && exchange.organizations.includes(p.organization))
    .map((p) => ({ id: p.id, name: `${p.name} (${p.organization})` }));
  if (!ownerOptions.some((o) => o.id === person.id)) ownerOptions.unshift({ id: person.id, name: `${person.name} (you)` });
  if (owner && !ownerOptions.some((o) => o.id === owner)) ownerOptions.push({ id: owner, name: owner });
  return (
    <FormDialog
      label={item ? 'Edit' : 'Propose an item'}
      triggerClassName={item ? 'button button--quiet button--small' : 'button'}
      title={item ? `Edit “${item.title}”` : 'Propose an agenda item'}
      submitLabel={item ? 'Save item' : 'Propose item'}
      closeLabel="Close"
      onOpen={() => {
        setTitle(item?.title ?? '');
        setArea(item?.area ?? exchange.areas[0] ?? null);
        setOwner(item?.ownerId ?? null);
        save.reset();
      }}
      submit={() => save.mutateAsync({ title: title.trim(), area: area ?? '', ...(owner ? { ownerId: owner } : {}) })}
    >
      <TextField className="field" name="title" value={title} onChange={setTitle} isRequired maxLength={500}>
        <Label>Title</Label>
        <Input />
        <FieldError className="error-text" />
      </TextField>
      <ChoiceField label="Cooperation area" name="area" options={areaOptions} value={area} onChange={setArea} isRequired />
      <ChoiceField
        label="Owner"
        name="ownerId"
        options={ownerOptions}
        value={owner}
        onChange={setOwner}
        placeholder={item ? 'Unchanged' : 'You'}
      />
    </FormDialog>
  );
}
