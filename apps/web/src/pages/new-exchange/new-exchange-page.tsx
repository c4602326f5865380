import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { messageOf } from '../../api/client';
import { useDocumentTitle } from '../../navigation/document-title';
import { useSession } from '../../session/session';
import { fieldErrors } from '../../components/api-errors';
import { useAreas } from '../exchange/agenda-item-dialog';
import { usePeopleById } from '../exchange/exchange-queries';
import { ExchangeForm, emptyExchange, toBody, type ExchangeDraft } from './exchange-form';
import { useCreateExchange, useOrganizations } from './new-exchange-queries';
import '../exchange/exchange.css';
import '../../components/fields.css';

/**
 * New exchange (`/exchanges/new`): the form of `POST /v1/exchanges`; once made, its page. The
 * API's refusals are shown beside the fields they name, and its message below the form.
 */
export default function NewExchangePage() {
  useDocumentTitle('New exchange');
  const { person } = useSession();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<ExchangeDraft>(() => emptyExchange(person.timezone, person.organization));
  const organizations = useOrganizations();
  const areas = useAreas();
  const people = usePeopleById();
  const create = useCreateExchange();
  const [incomplete, setIncomplete] = useState<string>();
  const errors = useMemo(() => fieldErrors(create.error), [create.error]);

  const submit = () => {
    const body = toBody(draft);
    if (typeof body === 'string') {
      setIncomplete(body);
      return;
    }
    setIncomplete(undefined);
    create.mutate(body, { onSuccess: (exchange) => void navigate(`/exchanges/${exchange.id}`) });
  };

  const loading = organizations.isPending || areas.isPending;
  const failed = organizations.error ?? areas.error;
  return (
    <section>
      <h1>New exchange</h1>
      <p className="hint">Fields marked required must be filled in. Times are read in the time zone you choose (yours by default).</p>
      {loading ? <p className="status">Loading the organisations and areas…</p> : null}
      {failed ? (
        <p role="alert" className="error-text">
          {messageOf(failed)}
        </p>
      ) : null}
      {organizations.data && areas.data ? (
        <ExchangeForm
          draft={draft}
          onChange={(change) => setDraft((current) => ({ ...current, ...change }))}
          organizations={organizations.data}
          areas={areas.data.items}
          people={[...(people.data?.values() ?? [])].filter((p) => p.active)}
          errors={errors}
          pending={create.isPending}
          onSubmit={submit}
          message={incomplete ?? (create.error ? `The exchange was not created: ${messageOf(create.error)}` : undefined)}
        />
      ) : null}
    </section>
  );
}
