import { useState } from 'react';
import { Button } from 'react-aria-components';
import { Choice } from '../../components/fields';

interface Props {
  value: string[];
  onChange: (hosts: string[]) => void;
  /** The organisations that may host (the series' own). */
  organizations: string[];
  error?: string;
}

/** The hosts in turn, one per occurrence: an ordered list to add to, reorder and trim. */
export function HostRotation({ value, onChange, organizations, error }: Props) {
  const [adding, setAdding] = useState<string | null>(null);
  const move = (index: number) => {
    const next = [...value];
    [next[index - 1], next[index]] = [next[index], next[index - 1]];
    onChange(next);
  };
  return (
    <div className="field host-rotation" role="group" aria-labelledby="hosts-label" aria-describedby="hosts-hint">
      <span id="hosts-label" className="field__label">
        Hosts, in turn
      </span>
      <span id="hosts-hint" className="hint">
        One host per occurrence, in this order, then again from the first.
      </span>
      {value.length === 0 ? <p className="status">No host yet.</p> : null}
      <ol className="host-rotation__list">
        {value.map((code, index) => (
          <li key={`${code}-${index}`}>
            <span className="host-rotation__code">{code}</span>
            {index > 0 ? (
              <Button
                className="button button--quiet button--small"
                onPress={() => move(index)}
                aria-label={`Move up ${code}, turn ${index + 1}`}
              >
                Move up
              </Button>
            ) : null}
            <Button
              className="button button--quiet button--small"
              onPress={() => onChange(value.filter((_, i) => i !== index))}
              aria-label={`Remove ${code}, turn ${index + 1}`}
            >
              Remove
            </Button>
          </li>
        ))}
      </ol>
      <div className="host-rotation__add">
        <Choice
          label="Host to add"
          value={adding}
          onChange={setAdding}
          options={organizations.map((code) => ({ id: code, name: code }))}
          placeholder={organizations.length === 0 ? 'Choose organisations first' : 'Choose…'}
          isDisabled={organizations.length === 0}
        />
        <Button className="button button--quiet" isDisabled={!adding} onPress={() => adding && onChange([...value, adding])}>
          Add host
        </Button>
      </div>
      {error ? <p className="error-text">{error}</p> : null}
    </div>
  );
}
