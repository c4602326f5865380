import type { ReactNode } from 'react';
import {
  Button,
  Checkbox,
  CheckboxGroup,
  FieldError,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  NumberField,
  Popover,
  Radio,
  RadioGroup,
  Select,
  SelectValue,
  Text,
  TextArea,
  TextField,
} from 'react-aria-components';
import './fields.css';

/**
 * Labelled form controls (react-aria-components), each showing the API's problem with its field
 * (`error`, from `fieldErrors`) next to it.
 */

export interface Option {
  id: string;
  name: string;
}

/** What every field takes: its label, the API's problem with it, a hint under it. */
export interface Common {
  label: string;
  error?: string;
  description?: ReactNode;
  isRequired?: boolean;
  isDisabled?: boolean;
}

export function TextInput(props: Common & { value: string; onChange: (value: string) => void; type?: string; multiline?: boolean }) {
  const { label, error, description, value, onChange, isRequired, isDisabled, type, multiline } = props;
  return (
    <TextField
      className="field"
      value={value}
      onChange={onChange}
      isRequired={isRequired}
      isDisabled={isDisabled}
      isInvalid={Boolean(error)}
      type={type}
      validationBehavior="aria"
    >
      <Label className="field__label">{label}</Label>
      {multiline ? <TextArea rows={4} /> : <Input />}
      <FieldHelp description={description} error={error} />
    </TextField>
  );
}

export function NumberInput(props: Common & { value: number; onChange: (value: number) => void; minValue?: number; maxValue?: number }) {
  const { label, error, description, value, onChange, minValue, maxValue, isRequired } = props;
  return (
    <NumberField
      className="field field--number"
      value={value}
      onChange={(n) => onChange(Number.isNaN(n) ? (minValue ?? 0) : n)}
      minValue={minValue}
      maxValue={maxValue}
      isRequired={isRequired}
      isInvalid={Boolean(error)}
      validationBehavior="aria"
    >
      <Label className="field__label">{label}</Label>
      <Input />
      <FieldHelp description={description} error={error} />
    </NumberField>
  );
}

export function Choice(
  props: Common & { value: string | null; onChange: (value: string) => void; options: Option[]; placeholder?: string },
) {
  const { label, error, description, value, onChange, options, placeholder, isRequired, isDisabled } = props;
  return (
    <Select
      className="field"
      value={value}
      onChange={(key) => key !== null && onChange(String(key))}
      placeholder={placeholder ?? 'Choose…'}
      isRequired={isRequired}
      isDisabled={isDisabled}
      isInvalid={Boolean(error)}
      validationBehavior="aria"
    >
      <Label className="field__label">{label}</Label>
      <SelectOptions options={options} />
      <FieldHelp description={description} error={error} />
    </Select>
  );
}

export function Choices(props: Common & { value: string[]; onChange: (value: string[]) => void; options: Option[] }) {
  const { label, error, description, value, onChange, options, isRequired } = props;
  return (
    <CheckboxGroup
      className="field choice-group"
      value={value}
      onChange={onChange}
      isRequired={isRequired}
      isInvalid={Boolean(error)}
      validationBehavior="aria"
    >
      <Label className="field__label">{label}</Label>
      <div className="choice-group__options">
        {options.map((option) => (
          <Checkbox key={option.id} value={option.id} className="check">
            <span className="check__box" aria-hidden="true" />
            {option.name}
          </Checkbox>
        ))}
      </div>
      <FieldHelp description={description} error={error} />
    </CheckboxGroup>
  );
}

export function OneOf(props: Common & { value: string; onChange: (value: string) => void; options: Option[] }) {
  const { label, error, description, value, onChange, options, isDisabled } = props;
  return (
    <RadioGroup
      className="field choice-group"
      value={value}
      onChange={onChange}
      isDisabled={isDisabled}
      isInvalid={Boolean(error)}
      validationBehavior="aria"
    >
      <Label className="field__label">{label}</Label>
      <div className="choice-group__options">
        {options.map((option) => (
          <Radio key={option.id} value={option.id} className="check check--radio">
            <span className="check__box" aria-hidden="true" />
            {option.name}
          </Radio>
        ))}
      </div>
      <FieldHelp description={description} error={error} />
    </RadioGroup>
  );
}

/** Under a field: its hint, and the API's problem with it. */
export function FieldHelp({ description, error }: { description?: ReactNode; error?: string }) {
  return (
    <>
      {description ? (
        <Text slot="description" className="hint">
          {description}
        </Text>
      ) : null}
      <FieldError className="error-text">{error}</FieldError>
    </>
  );
}

/** A react-aria Select's button, showing the choice, and the list of options it opens. */
export function SelectOptions({ options }: { options: Option[] }) {
  return (
    <>
      <Button className="select-button">
        <SelectValue />
        <span aria-hidden="true">▾</span>
      </Button>
      <Popover className="popover">
        <ListBox className="listbox" items={options}>
          {(option) => (
            <ListBoxItem id={option.id} className="listbox__item" textValue={option.name}>
              {option.name}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </>
  );
}
