import { useState } from 'react';
import { Button } from 'react-aria-components';

type Outcome = 'copied' | 'failed' | undefined;

/**
 * "Copy" (the Clipboard API) with a visible confirmation beside it, in a live region so that a
 * screen reader hears it too. `label` names what is copied for the button's accessible name.
 */
export function CopyButton({ text, label }: { text: string; label: string }) {
  // What was copied, and how it went: another text to copy (a rotated address) shows no outcome yet.
  const [done, setDone] = useState<{ text: string; outcome: Outcome }>();
  const outcome = done?.text === text ? done.outcome : undefined;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setDone({ text, outcome: 'copied' });
    } catch {
      setDone({ text, outcome: 'failed' });
    }
  };
  return (
    <span className="copy">
      <Button className="button button--quiet" aria-label={`Copy ${label}`} onPress={() => void copy()}>
        Copy
      </Button>
      <span role="status" className={outcome === 'failed' ? 'error-text' : 'copy__done'}>
        {outcome === 'copied' ? 'Copied to the clipboard.' : null}
        {outcome === 'failed' ? 'This browser did not let Liaison copy: select the text and copy it yourself.' : null}
      </span>
    </span>
  );
}
