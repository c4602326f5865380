import { answer, api } from '../../api/client';
import { AmendDialog } from './amend-dialog';
import { FormDialog } from '../../components/dialogs';
import { useSeriesChanged, type Series } from './series-queries';

const STEPS = {
  pause: {
    label: 'Pause',
    title: 'Pause this series?',
    text: 'No new occurrence is made until it resumes; those already made stay.',
  },
  resume: {
    label: 'Resume',
    title: 'Resume this series?',
    text: 'New occurrences are made again, as before the pause.',
  },
  end: {
    label: 'End series',
    title: 'End this series?',
    text: 'The series stops for good, and its future occurrences that were not changed on their own are cancelled. This cannot be undone.',
  },
} as const;

/**
 * Amend, pause, resume and end (each confirmed in a dialog): those the API says are open to me
 * (`actions`); if it refuses all the same, the dialog shows why.
 */
export function SeriesActions({ series }: { series: Series }) {
  const changed = useSeriesChanged();
  const open = new Set(series.actions);
  if (series.status === 'ended') return <p className="hint">This series has ended.</p>;
  if (open.size === 0) return null;
  const step = (name: keyof typeof STEPS) => {
    const { label, title, text } = STEPS[name];
    const path = `/v1/series/{id}/${name}` as const;
    return (
      <FormDialog
        label={label}
        title={title}
        submitLabel={label}
        danger={name === 'end'}
        submit={async () => changed(await answer(api.POST(path, { params: { path: { id: series.id } } })))}
      >
        {() => <p>{text}</p>}
      </FormDialog>
    );
  };
  return (
    <div className="form-actions series-actions">
      {open.has('amend') ? <AmendDialog series={series} /> : null}
      {open.has('pause') ? step('pause') : null}
      {open.has('resume') ? step('resume') : null}
      {open.has('end') ? step('end') : null}
    </div>
  );
}
