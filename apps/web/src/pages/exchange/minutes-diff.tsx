import { diffLines, diffWords } from 'diff';
import { useMemo, useState } from 'react';
import { Radio, RadioGroup, Label } from 'react-aria-components';
import { ChoiceField } from './agenda-item-dialog';
import type { Minutes } from './exchange-queries';

type Version = Minutes['versions'][number];

/**
 * Two versions of the minutes side by side in one text: what the later one added (<ins>) and
 * removed (<del>), each also said in words for a screen reader ("added", "removed").
 */
export function MinutesDiff({ versions }: { versions: Version[] }) {
  const latest = versions.at(-1)?.version ?? 0;
  const [from, setFrom] = useState(String(Math.max(1, latest - 1)));
  const [to, setTo] = useState(String(latest));
  const [unit, setUnit] = useState<'words' | 'lines'>('words');
  const options = versions.map((v) => ({ id: String(v.version), name: `Version ${v.version}` }));
  const older = versions.find((v) => String(v.version) === from);
  const newer = versions.find((v) => String(v.version) === to);
  const changes = useMemo(
    () => (older && newer ? (unit === 'words' ? diffWords(older.text, newer.text) : diffLines(older.text, newer.text)) : []),
    [older, newer, unit],
  );
  return (
    <section aria-labelledby="minutes-compare" className="minutes-diff">
      <h3 id="minutes-compare">Compare versions</h3>
      <div className="minutes-diff__controls">
        <ChoiceField label="From" name="from" options={options} value={from} onChange={setFrom} />
        <ChoiceField label="To" name="to" options={options} value={to} onChange={setTo} />
        <RadioGroup className="radio-group" value={unit} onChange={(value) => setUnit(value === 'lines' ? 'lines' : 'words')}>
          <Label className="group-label">Compare by</Label>
          <div className="choices">
            <Radio value="words" className="radio">
              Words
            </Radio>
            <Radio value="lines" className="radio">
              Lines
            </Radio>
          </div>
        </RadioGroup>
      </div>
      <p className="hint" id="minutes-diff-legend">
        Added text is underlined on green, removed text struck through on red.
      </p>
      <div
        className="diff"
        aria-describedby="minutes-diff-legend"
        aria-label={`Changes from version ${from} to version ${to}`}
        role="region"
      >
        {changes.map((change, index) =>
          change.added ? (
            <ins key={index}>
              <span className="visually-hidden">[added: </span>
              {change.value}
              <span className="visually-hidden">]</span>
            </ins>
          ) : change.removed ? (
            <del key={index}>
              <span className="visually-hidden">[removed: </span>
              {change.value}
              <span className="visually-hidden">]</span>
            </del>
          ) : (
            <span key={index}>{change.value}</span>
          ),
        )}
        {changes.length > 0 && changes.every((c) => !c.added && !c.removed) ? <p>The two versions are the same.</p> : null}
      </div>
    </section>
  );
}
