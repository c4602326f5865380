import { useState } from 'react';
import { Button, Checkbox, CheckboxGroup, FieldError, Form, Input, Label, Select, TextField } from 'react-aria-components';
import { messageOf } from '../../api/client';
import { ModalDialog } from '../../components/dialogs';
import { SelectOptions } from '../../components/fields';
import { TimeZoneField } from '../../components/time-zone-field';
import { useAddPerson, type NewPerson, type Person } from './people-queries';

type Role = NewPerson['roles'][number];
type Level = NewPerson['level'];

const LEVELS: Array<{ id: Level; name: string }> = [
  { id: 'working', name: 'working' },
  { id: 'senior', name: 'senior' },
];

const ROLES: Array<{ id: Role; label: string }> = [
  { id: 'participant', label: 'Participant' },
  { id: 'coordinator', label: 'Coordinator' },
  { id: 'admin', label: 'Admin' },
];

/**
 * "Add person" (`POST /v1/people`): name, e-mail, organisation (mine to begin with), level, roles and
 * time zone. On success `onAdded` gets the person with their one-time token; a refusal is shown here.
 */
export function AddPersonDialog({
  isOpen,
  onOpenChange,
  organization,
  timeZone,
  onAdded,
}: {
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  organization: string;
  timeZone: string;
  onAdded: (person: Person & { token: string; tokenExpiresAt: string }) => void;
}) {
  const add = useAddPerson();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [org, setOrg] = useState(organization);
  const [level, setLevel] = useState<Level>('working');
  const [roles, setRoles] = useState<Role[]>(['participant']);
  const [zone, setZone] = useState(timeZone);
  const close = (open: boolean) => {
    onOpenChange(open);
    if (!open) add.reset();
  };
  const submit = () =>
    add.mutate(
      { name: name.trim(), email: email.trim(), organization: org.trim(), level, roles, timezone: zone },
      {
        onSuccess: (person) => {
          setName('');
          setEmail('');
          close(false);
          onAdded(person);
        },
      },
    );
  return (
    <ModalDialog isOpen={isOpen} onOpenChange={close} title="Add a person">
      <Form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <TextField className="field" value={name} onChange={setName} isRequired maxLength={200} autoFocus>
          <Label>Name</Label>
          <Input />
          <FieldError className="error-text" />
        </TextField>
        <TextField className="field" type="email" value={email} onChange={setEmail} isRequired maxLength={254}>
          <Label>E-mail</Label>
          <Input />
          <FieldError className="error-text" />
        </TextField>
        <TextField className="field" value={org} onChange={setOrg} isRequired maxLength={16}>
          <Label>Organisation code</Label>
          <Input />
          <FieldError className="error-text" />
        </TextField>
        <Select className="field" selectedKey={level} onSelectionChange={(key) => setLevel(key as Level)}>
          <Label>Level</Label>
          <SelectOptions options={LEVELS} />
        </Select>
        <CheckboxGroup className="checkbox-group" value={roles} onChange={(value) => setRoles(value as Role[])} isRequired>
          <Label className="group-label">Roles</Label>
          {ROLES.map((role) => (
            <Checkbox key={role.id} className="checkbox" value={role.id}>
              <span className="checkbox__box" aria-hidden="true" />
              {role.label}
            </Checkbox>
          ))}
          <FieldError className="error-text" />
        </CheckboxGroup>
        <TimeZoneField value={zone} onChange={setZone} />
        {add.isError ? (
          <p role="alert" className="error-text">
            {messageOf(add.error)}
          </p>
        ) : null}
        <div className="dialog__actions">
          <Button className="button button--quiet" onPress={() => close(false)}>
            Cancel
          </Button>
          <Button type="submit" className="button" isDisabled={add.isPending}>
            {add.isPending ? 'Adding…' : 'Add person'}
          </Button>
        </div>
      </Form>
    </ModalDialog>
  );
}
